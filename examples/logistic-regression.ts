// The course's baseline (npx tsx examples/logistic-regression.ts): logistic regression as a network with
// a single sigmoid unit, ŷ = σ(W·X + b), weights initialised to zero, binary cross-entropy cost,
// full-batch gradient descent. It separates two Gaussian blobs with a line, and fails on the planar
// "flower", which no line can separate — the reason the course then adds a hidden layer.
import {
  BinaryCrossEntropy,
  Dense,
  type Matrix,
  SGD,
  Sequential,
  Sigmoid,
  Standardizer,
  accuracy,
  blobs,
  planar,
  trainTestSplit,
} from '../src/index.js';

/** Trains logistic regression with the course's explicit loop, printing the cost every `every` iterations. */
function logisticRegression(X: Matrix, Y: Matrix, iterations: number, learningRate: number, every: number): Sequential {
  const model = new Sequential([new Dense(X.rows, 1, { init: 'zeros' }), new Sigmoid()]);
  const loss = new BinaryCrossEntropy();
  const optimizer = new SGD(model.parameters(), { learningRate });
  for (let i = 0; i <= iterations; i++) {
    const cost = loss.forward(model.forward(X), Y);
    if (i % every === 0) console.log(`  Cost after iteration ${String(i).padStart(4)}: ${cost.toFixed(6)}`);
    if (i === iterations) break;
    optimizer.zeroGrad();
    model.backward(loss.backward());
    optimizer.step();
  }
  return model;
}

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

function experiment(title: string, X: Matrix, Y: Matrix): void {
  console.log(`${title}: X ${X.rows}×${X.cols}`);
  const split = trainTestSplit(X, Y, { testSize: 0.25, stratify: true, seed: 1 });
  // Standardise with the training set's statistics only.
  const scaler = new Standardizer().fit(split.XTrain);
  const XTrain = scaler.transform(split.XTrain),
    XTest = scaler.transform(split.XTest);
  const model = logisticRegression(XTrain, split.YTrain, 2000, 0.1, 200);
  const [dense] = model.layers as [Dense, Sigmoid];
  const W = Array.from(dense.weight.value.data, (w) => w.toFixed(4)).join(', ');
  console.log(`  W = [${W}], b = ${dense.bias!.value.data[0].toFixed(4)}`);
  console.log(`  Train accuracy: ${percent(accuracy(model.predict(XTrain), split.YTrain))}`);
  console.log(`  Test accuracy:  ${percent(accuracy(model.predict(XTest), split.YTest))}\n`);
}

// Two blobs: linearly separable up to a little overlap. Labels are the blob index, 0 or 1.
const twoBlobs = blobs({
  m: 400,
  centers: [
    [-2, -1],
    [2, 1.5],
  ],
  std: 1,
  seed: 7,
});
experiment('1. Two Gaussian blobs (a line separates them)', twoBlobs.X, twoBlobs.Y);

// The flower: the petals of each class lie on both sides of every line.
const flower = planar({ m: 400, seed: 1 });
experiment('2. The planar flower (no line separates it)', flower.X, flower.Y);
