// The course's story on the planar "flower" data set (npm start):
//   1. logistic regression alone cannot separate the petals (about 50% accuracy);
//   2. the 2-layer network 2 → 4 tanh → 1 sigmoid, randn·0.01 init, learning rate 1.2,
//      10 000 iterations of full-batch gradient descent, gets about 90%;
//   3. the hidden-layer-size table for n_h = 1, 2, 3, 4, 5, 20, 50;
//   4. the decision boundary and the learning curve, written as SVG files to out/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BinaryCrossEntropy, Dense, Matrix, SGD, Sequential, Sigmoid, Tanh, accuracy, planar } from '../src/index.js';
import { decisionBoundarySvg, learningCurvesSvg, networkSvg } from './svg.js';

const { X, Y } = planar({ m: 400, seed: 1 }); // X (2, 400), Y (1, 400)
console.log(`Planar data set: X ${X.rows}×${X.cols}, Y ${Y.rows}×${Y.cols}, ${Y.sum()} examples of class 1\n`);

/**
 * Full-batch gradient descent, the course's explicit loop. Prints the cost every `every` iterations
 * and records every cost in `costs`, when given.
 */
function train(model: Sequential, iterations: number, learningRate: number, every = 0, costs?: number[]): number {
  const loss = new BinaryCrossEntropy();
  const optimizer = new SGD(model.parameters(), { learningRate });
  let cost = NaN;
  for (let i = 0; i < iterations; i++) {
    cost = loss.forward(model.forward(X), Y);
    costs?.push(cost);
    optimizer.zeroGrad();
    model.backward(loss.backward());
    optimizer.step();
    if (every > 0 && i % every === 0)
      console.log(`  Cost after iteration ${String(i).padStart(5)}: ${cost.toFixed(6)}`);
  }
  return cost;
}

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

// 1. Logistic regression: a single sigmoid unit on the raw coordinates.
const logistic = new Sequential([new Dense(2, 1, { init: 'zeros' }), new Sigmoid()]);
train(logistic, 2_000, 0.1);
console.log(
  `1. Logistic regression: accuracy ${percent(accuracy(logistic.predict(X), Y))} (a line cannot separate the petals)\n`,
);

// 2. The course's 2-layer network.
console.log('2. Two-layer network, 2 → 4 tanh → 1 sigmoid, learning rate 1.2, 10 000 iterations');
const start = performance.now();
const model = new Sequential([
  new Dense(2, 4, { init: 'small', seed: 2 }),
  new Tanh(),
  new Dense(4, 1, { init: 'small', seed: 3 }),
  new Sigmoid(),
]);
const costs: number[] = [];
train(model, 10_000, 1.2, 1_000, costs);
const seconds = (performance.now() - start) / 1000;
console.log(`  Accuracy: ${percent(accuracy(model.predict(X), Y))} (trained in ${seconds.toFixed(2)} s)\n`);

// 3. Tuning the hidden layer size.
console.log('3. Hidden layer size (5 000 iterations each)');
console.log('  n_h  accuracy');
for (const nh of [1, 2, 3, 4, 5, 20, 50]) {
  const net = new Sequential([
    new Dense(2, nh, { init: 'small', seed: 2 }),
    new Tanh(),
    new Dense(nh, 1, { init: 'small', seed: 3 }),
    new Sigmoid(),
  ]);
  train(net, 5_000, 1.2);
  console.log(`  ${String(nh).padStart(3)}  ${percent(accuracy(net.predict(X), Y)).padStart(6)}`);
}

// 4. The decision boundary.
const outDir = resolve('out');
mkdirSync(outDir, { recursive: true });
const svgPath = resolve(outDir, 'planar-decision-boundary.svg');
writeFileSync(
  svgPath,
  decisionBoundarySvg(
    { X, Y, predict: (points) => model.predict(points), title: 'Decision boundary, hidden layer size 4' },
    Matrix,
  ),
);
console.log(`\n4. Decision boundary written to ${svgPath}`);
// The learning curve of the 2-layer network (the same shape as fit's history.loss) and its weights.
const curvePath = resolve(outDir, 'planar-learning-curve.svg');
writeFileSync(curvePath, learningCurvesSvg({ loss: costs }, 'Two-layer network', 'iteration'));
const networkPath = resolve(outDir, 'planar-network.svg');
const dense = model.layers.filter((layer): layer is Dense => layer instanceof Dense);
const weights = dense.map((d) => ({
  rows: d.weight.value.rows,
  cols: d.weight.value.cols,
  W: d.weight.value.data,
  b: d.bias!.value.data,
}));
writeFileSync(networkPath, networkSvg({ layers: weights }));
console.log(`   Learning curve written to ${curvePath}, the network's weights to ${networkPath}`);
