/**
 * The 2-layer network (2 → 4 tanh → 1 sigmoid, m = 400, full-batch gradient descent, learning rate 1.2,
 * 10 000 steps): bottomup's explicit loop, timed against a hand-fused plain-JS implementation of the
 * same math in the same process, plus the garbage-collection events of bottomup's steady state.
 *
 * Run: `npx tsx bench/two-layer.ts`.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { BinaryCrossEntropy, Dense, type Matrix, SGD, Sequential, Sigmoid, Tanh, planar } from '../src/index.js';
import { countGc, median, table, time } from './util.js';

const STEPS = 10_000;

/** The data and initial weights both implementations start from. */
function setup() {
  const { X, Y } = planar({ m: 400, seed: 1 });
  const model = new Sequential([
    new Dense(2, 4, { init: 'small', seed: 2 }),
    new Tanh(),
    new Dense(4, 1, { init: 'small', seed: 3 }),
    new Sigmoid(),
  ]);
  return { X, Y, model };
}

/** bottomup: the design's explicit loop. */
export function trainBottomup(X: Matrix, Y: Matrix, model: Sequential, steps = STEPS): number {
  const loss = new BinaryCrossEntropy();
  const optimizer = new SGD(model.parameters(), { learningRate: 1.2 });
  let cost = 0;
  for (let i = 0; i < steps; i++) {
    cost = loss.forward(model.forward(X), Y);
    optimizer.zeroGrad();
    model.backward(loss.backward());
    optimizer.step();
  }
  return cost;
}

/**
 * The hand-fused reference: one pass over the examples per step computes the forward pass, the cost
 * and the accumulated gradients, then the update — the fastest straightforward plain-JS form.
 */
export function trainFused(
  Xm: Matrix,
  Ym: Matrix,
  W1in: Float64Array,
  b1in: Float64Array,
  W2in: Float64Array,
  b2in: Float64Array,
  steps = STEPS,
): number {
  const m = Xm.cols,
    X = Xm.data,
    Y = Ym.data;
  const W1 = W1in.slice(),
    b1 = b1in.slice(),
    W2 = W2in.slice(),
    b2 = b2in.slice();
  const dW1 = new Float64Array(8),
    db1 = new Float64Array(4),
    dW2 = new Float64Array(4);
  const a = new Float64Array(4);
  const lr = 1.2;
  let cost = 0;
  for (let step = 0; step < steps; step++) {
    dW1.fill(0);
    db1.fill(0);
    dW2.fill(0);
    let db2 = 0,
      J = 0;
    for (let j = 0; j < m; j++) {
      const x0 = X[j],
        x1 = X[m + j],
        y = Y[j];
      let z2 = b2[0];
      for (let h = 0; h < 4; h++) {
        const t = Math.tanh(W1[2 * h] * x0 + W1[2 * h + 1] * x1 + b1[h]);
        a[h] = t;
        z2 += W2[h] * t;
      }
      const yhat = z2 >= 0 ? 1 / (1 + Math.exp(-z2)) : Math.exp(z2) / (1 + Math.exp(z2));
      J -= y * Math.log(yhat) + (1 - y) * Math.log(1 - yhat);
      const dz2 = (yhat - y) / m;
      db2 += dz2;
      for (let h = 0; h < 4; h++) {
        dW2[h] += dz2 * a[h];
        const dz1 = dz2 * W2[h] * (1 - a[h] * a[h]);
        dW1[2 * h] += dz1 * x0;
        dW1[2 * h + 1] += dz1 * x1;
        db1[h] += dz1;
      }
    }
    cost = J / m;
    for (let i = 0; i < 8; i++) W1[i] -= lr * dW1[i];
    for (let h = 0; h < 4; h++) {
      b1[h] -= lr * db1[h];
      W2[h] -= lr * dW2[h];
    }
    b2[0] -= lr * db2;
  }
  return cost;
}

/** Result of {@link runTwoLayerBench}. */
export interface TwoLayerBenchResult {
  bottomupMs: number;
  fusedMs: number;
  ratio: number;
  gcEvents: number;
  bottomupCost: number;
  fusedCost: number;
  runs: number;
}

/** Times both implementations `runs` times (interleaved) and counts GC events in bottomup's steady state. */
export async function runTwoLayerBench(runs = 7): Promise<TwoLayerBenchResult> {
  const { X, Y, model } = setup();
  const [W1, b1, W2, b2] = model.parameters().map((p) => p.value.data.slice());
  const restore = (): void => model.parameters().forEach((p, i) => p.value.data.set([W1, b1, W2, b2][i]));
  // Warm up both (JIT), then interleave the timed runs so machine noise hits both alike.
  trainBottomup(X, Y, model, 2_000);
  trainFused(X, Y, W1, b1, W2, b2, 2_000);
  const ours: number[] = [],
    fused: number[] = [];
  let bottomupCost = 0,
    fusedCost = 0;
  for (let r = 0; r < runs; r++) {
    restore();
    ours.push(time(() => (bottomupCost = trainBottomup(X, Y, model))));
    fused.push(time(() => (fusedCost = trainFused(X, Y, W1, b1, W2, b2))));
  }
  // Steady state: buffers exist after one step at this batch size; count GC over 10 000 more.
  restore();
  const loss = new BinaryCrossEntropy();
  const optimizer = new SGD(model.parameters(), { learningRate: 1.2 });
  const step = (): void => {
    loss.forward(model.forward(X), Y);
    optimizer.zeroGrad();
    model.backward(loss.backward());
    optimizer.step();
  };
  step();
  const gc = await countGc(() => {
    for (let i = 0; i < STEPS; i++) step();
  });
  const bottomupMs = median(ours),
    fusedMs = median(fused);
  return { bottomupMs, fusedMs, ratio: bottomupMs / fusedMs, gcEvents: gc.events, bottomupCost, fusedCost, runs };
}

/** The result as a markdown table. */
export function formatTwoLayerBench(r: TwoLayerBenchResult): string {
  return table(
    ['implementation', 'median time (10 000 steps)', 'ratio', 'final cost', 'GC events (steady state)'],
    [
      [
        'bottomup (explicit loop)',
        `${r.bottomupMs.toFixed(1)} ms`,
        `${r.ratio.toFixed(2)}×`,
        r.bottomupCost.toFixed(6),
        String(r.gcEvents),
      ],
      ['hand-fused plain JS', `${r.fusedMs.toFixed(1)} ms`, '1.00×', r.fusedCost.toFixed(6), '—'],
    ],
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await runTwoLayerBench();
  console.log(
    `The 2-layer network, 2 → 4 tanh → 1 sigmoid, m = 400, ${STEPS} full-batch steps (median of ${r.runs} runs)\n`,
  );
  console.log(formatTwoLayerBench(r));
}
