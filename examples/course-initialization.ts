// The course's initialization assignment, to the notebook's numbers (npx tsx examples/course-initialization.ts).
//
// The data: scikit-learn's make_circles, 300 training examples drawn after np.random.seed(1) and 100
// test examples after np.random.seed(2), noise 0.05 — rebuilt here with NumpyRandom, numpy's own
// generator. The network: 2 → 10 ReLU → 5 ReLU → 1 sigmoid, gradient descent with α = 0.01 for 15 000
// iterations on the whole training set, its weights drawn from np.random.seed(3) in layer order:
//   zeros       every W = 0: the units stay symmetric, and it learns nothing (50% / 50%);
//   randn · 10  large weights: the sigmoid saturates, the cost starts at infinity (83% / 86%);
//   He          randn · √(2/n[l−1]) (99.3% / 96%).
// The output layer is linear and the loss is BinaryCrossEntropy({ fromLogits: true }): its gradient
// σ(Z) − Y is the course's dZ3 = A3 − Y, and its cost stays finite where σ(Z) rounds to exactly 0 or 1
// and the course's −log(1 − A3) is infinite.
import { pathToFileURL } from 'node:url';
import {
  BinaryCrossEntropy,
  Dense,
  Identity,
  type Matrix,
  NumpyRandom,
  ReLU,
  SGD,
  Sequential,
  accuracy,
  circles,
} from '../src/index.js';

/** How the weights start: the course's three initializations. */
export type Start = 'zeros' | 'random' | 'he';

/** One training run: the cost every 1 000 iterations and the accuracies at the end. */
export interface InitializationRun {
  start: Start;
  /** The from-logits cost before the update of iteration `i`, for i = 0, 1 000, …, 14 000. */
  costs: number[];
  /** How many of the 300 first-iteration probabilities σ(Z) are exactly 0 or 1 (the course's log(0)). */
  saturated: number;
  train: number;
  test: number;
}

/** The course's training and test sets (`init_utils.load_dataset`). */
export function courseCircles(): { X: Matrix; Y: Matrix; testX: Matrix; testY: Matrix } {
  const train = circles({ m: 300, noise: 0.05, seed: new NumpyRandom(1) });
  const test = circles({ m: 100, noise: 0.05, seed: new NumpyRandom(2) });
  return { X: train.X, Y: train.Y, testX: test.X, testY: test.Y };
}

/** Trains the 2 → 10 → 5 → 1 network from one of the course's initializations. */
export function initializationRun(start: Start, iterations = 15_000): InitializationRun {
  const { X, Y, testX, testY } = courseCircles();
  const rng = new NumpyRandom(3); // np.random.seed(3), then W1, W2, W3 in order
  const dense = [
    new Dense(2, 10, { init: start === 'he' ? 'he' : 'zeros', seed: rng }),
    new Dense(10, 5, { init: start === 'he' ? 'he' : 'zeros', seed: rng }),
    new Dense(5, 1, { init: start === 'he' ? 'he' : 'zeros', seed: rng }),
  ];
  if (start === 'random') {
    for (const layer of dense) {
      const W = layer.weight.value.data; // np.random.randn(n[l], n[l-1]) * 10, row by row
      for (let i = 0; i < W.length; i++) W[i] = rng.normal() * 10;
    }
  }
  const model = new Sequential([dense[0], new ReLU(), dense[1], new ReLU(), dense[2], new Identity()]);
  const loss = new BinaryCrossEntropy({ fromLogits: true });
  const optimizer = new SGD(model.parameters(), { learningRate: 0.01 });

  const costs: number[] = [];
  let saturated = 0;
  for (let i = 0; i < iterations; i++) {
    const Z = model.forward(X);
    if (i === 0) saturated = Z.data.filter((z) => 1 / (1 + Math.exp(-z)) === 1 || Math.exp(-z) === Infinity).length;
    const cost = loss.forward(Z, Y);
    optimizer.zeroGrad();
    model.backward(loss.backward());
    optimizer.step();
    if (i % 1000 === 0) costs.push(cost);
  }
  // predicted class 1 where σ(z) > 0.5, that is where the logit z > 0
  const score = (A: Matrix, T: Matrix) => accuracy(model.predict(A), T, { threshold: 0 });
  return { start, costs, saturated, train: score(X, Y), test: score(testX, testY) };
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

function main(): void {
  console.log('Circles: 300 training and 100 test examples; 2 → 10 ReLU → 5 ReLU → 1 sigmoid, α = 0.01\n');
  const rows: InitializationRun[] = [];
  for (const start of ['zeros', 'random', 'he'] as const) {
    const run = initializationRun(start);
    rows.push(run);
    console.log(`${start === 'random' ? 'randn · 10' : start}:`);
    run.costs.forEach((cost, k) => {
      if (k % 5 === 0) console.log(`  cost after iteration ${k * 1000}: ${cost}`);
    });
    if (run.saturated > 0) {
      console.log(`  (${run.saturated} of 300 first probabilities are exactly 0 or 1: the course's cost is inf)`);
    }
  }
  console.log('\n| initialization | train | test | the course |\n|---|---|---|---|');
  const course = { zeros: '50% / 50%', random: '83% / 86%', he: '99.3% / 96%' };
  for (const r of rows) {
    const name = r.start === 'random' ? 'randn · 10' : r.start;
    console.log(`| ${name} | ${percent(r.train)} | ${percent(r.test)} | ${course[r.start]} |`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
