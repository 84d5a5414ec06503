// The course's regularization assignment on a data set of our own (npx tsx examples/course-regularization.ts).
//
// The course's football data (the positions from which the French goalkeeper kicked, blue where a French
// player headed the ball, red where the other team did) is not available, so this example trains on a set
// of its own where the same effect shows: make_moons with noise 0.35, 200 training examples drawn after
// np.random.seed(1) and 200 test examples after np.random.seed(2) (NumpyRandom, numpy's generator). The
// moons overlap, so the training set has a few dozen points on the wrong side of any smooth boundary.
// The network is the course's: 2 → 20 ReLU → 3 ReLU → 1 sigmoid, LeCun weights randn / √n[l−1] from
// np.random.seed(3) in layer order, full-batch gradient descent with α = 0.3 for 30 000 iterations:
//   none        no regularization: it bends the boundary round the stray points (the course: 94.8% / 91.5%);
//   L2 λ = 0.7  the cost gains λ/(2m)·Σ‖W‖², dW gains λ/m·W (the course: 93.8% / 93%);
//   dropout     keep 0.86 on both hidden layers, inverted (the course: 92.9% / 95%).
// As in examples/course-initialization.ts the output is linear and the loss takes logits: its gradient
// σ(Z) − Y is the course's dZ3 = A3 − Y.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BinaryCrossEntropy,
  Dense,
  Dropout,
  Identity,
  type Layer,
  Matrix,
  NumpyRandom,
  ReLU,
  SGD,
  Sequential,
  accuracy,
  moons,
} from '../src/index.js';
import { decisionBoundarySvg } from './svg.js';

/** The three runs of the assignment. */
export type Regularization = 'none' | 'l2' | 'dropout';

/** One training run: the cost every 10 000 iterations, the accuracies at the end and the trained model. */
export interface RegularizationRun {
  regularization: Regularization;
  /** The cost before the update of iteration `i` (with the L2 penalty for `'l2'`), i = 0, 10 000, 20 000. */
  costs: number[];
  train: number;
  test: number;
  /** The trained network, in evaluation mode; its output is the logit. */
  model: Sequential;
}

/** λ of the L2 run and keep of the dropout run, the course's. */
export const LAMBDA = 0.7;
export const KEEP = 0.86;

/** The training set (200 moons, noise 0.35, seed 1) and the test set (200 moons, noise 0.35, seed 2). */
export function noisyMoons(): { X: Matrix; Y: Matrix; testX: Matrix; testY: Matrix } {
  const train = moons({ m: 200, noise: 0.35, seed: new NumpyRandom(1) });
  const test = moons({ m: 200, noise: 0.35, seed: new NumpyRandom(2) });
  return { X: train.X, Y: train.Y, testX: test.X, testY: test.Y };
}

/** The 2 → 20 → 3 → 1 network with the course's weights, regularized as `regularization` says. */
export function courseNetwork(regularization: Regularization): Sequential {
  const rng = new NumpyRandom(3); // np.random.seed(3), then W1, W2, W3 in order
  const regularizer = regularization === 'l2' ? { l2: LAMBDA } : undefined;
  const dense = (n: number, k: number) => new Dense(n, k, { init: 'lecun', seed: rng, regularizer });
  const layers: Layer[] = [dense(2, 20), new ReLU(), dense(20, 3), new ReLU(), dense(3, 1), new Identity()];
  if (regularization === 'dropout') {
    // after each hidden layer's activation, as the course's forward_propagation_with_dropout (D1, then D2)
    const masks = new NumpyRandom(1);
    layers.splice(4, 0, new Dropout(1 - KEEP, { seed: masks }));
    layers.splice(2, 0, new Dropout(1 - KEEP, { seed: masks }));
  }
  return new Sequential(layers);
}

/** Trains the network with one of the course's three regularizations. */
export function regularizationRun(
  regularization: Regularization,
  iterations = 30_000,
  { X, Y, testX, testY } = noisyMoons(),
): RegularizationRun {
  const m = X.cols;
  const model = courseNetwork(regularization).train();
  const loss = new BinaryCrossEntropy({ fromLogits: true });
  const optimizer = new SGD(model.parameters(), { learningRate: 0.3 });

  const costs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const cost = loss.forward(model.forward(X), Y) + model.penalty(m);
    optimizer.zeroGrad();
    model.backward(loss.backward());
    optimizer.step();
    if (i % 10_000 === 0) costs.push(cost);
  }
  model.eval();
  // predicted class 1 where σ(z) > 0.5, that is where the logit z > 0 (predict runs in evaluation mode)
  const score = (A: Matrix, T: Matrix) => accuracy(model.predict(A), T, { threshold: 0 });
  return { regularization, costs, train: score(X, Y), test: score(testX, testY), model };
}

const NAMES: Record<Regularization, string> = {
  none: 'no regularization',
  l2: `L2, λ = ${LAMBDA}`,
  dropout: `dropout, keep ${KEEP}`,
};
const COURSE: Record<Regularization, string> = { none: '94.8% / 91.5%', l2: '93.8% / 93%', dropout: '92.9% / 95%' };
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

function main(): void {
  console.log('Moons, noise 0.35: 200 training and 200 test examples;');
  console.log('2 → 20 ReLU → 3 ReLU → 1 sigmoid, α = 0.3, 30 000 iterations of gradient descent\n');
  const { X, Y } = noisyMoons();
  mkdirSync(resolve('out'), { recursive: true });
  const rows: string[] = [];
  for (const regularization of ['none', 'l2', 'dropout'] as const) {
    const run = regularizationRun(regularization);
    console.log(`${NAMES[regularization]}:`);
    run.costs.forEach((cost, k) => console.log(`  cost after iteration ${k * 10_000}: ${cost}`));
    rows.push(
      `| ${NAMES[regularization]} | ${percent(run.train)} | ${percent(run.test)} | ${COURSE[regularization]} |`,
    );
    const file = resolve('out', `course-regularization-${regularization}.svg`);
    const predict = (points: Matrix) => run.model.predict(points).map((z) => 1 / (1 + Math.exp(-z)));
    const title = `Moons, ${NAMES[regularization]}: train ${percent(run.train)}, test ${percent(run.test)}`;
    writeFileSync(file, decisionBoundarySvg({ X, Y, predict, title }, Matrix));
    console.log(`  decision boundary written to ${file}`);
  }
  console.log('\n| regularization | train | test | the course (football) |\n|---|---|---|---|');
  for (const row of rows) console.log(row);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
