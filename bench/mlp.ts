/**
 * The 784 → 128 ReLU → 10 softmax MLP, categorical cross-entropy, SGD, mini-batches of 64, one epoch
 * of 8 192 synthetic samples: samples per second for bottomup's explicit loop and for `fit()`, next to
 * a plain hand-written JS implementation (i-k-j loops over Float64Array) measured in the same run.
 *
 * Run: `npx tsx bench/mlp.ts`.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import {
  CategoricalCrossEntropy,
  Dense,
  Matrix,
  ReLU,
  Sequential,
  SGD,
  Softmax,
  fit,
  gatherColumnsInto,
} from '../src/index.js';
import { mlpData, mlpInit } from './peers/data.mjs';
import { countGc, median, table, time } from './util.js';

const BATCH = 64,
  LR = 0.1;

function model(): Sequential {
  const init = mlpInit();
  const l1 = new Dense(784, 128),
    l2 = new Dense(128, 10);
  l1.weight.value.data.set(init.W[0]);
  l2.weight.value.data.set(init.W[1]);
  return new Sequential([l1, new ReLU(), l2, new Softmax()]);
}

/** bottomup's explicit loop over in-order mini-batches. */
function epochBottomup(net: Sequential, X: Matrix, Y: Matrix, order: Int32Array, xb: Matrix, yb: Matrix): number {
  const loss = new CategoricalCrossEntropy();
  const optimizer = new SGD(net.parameters(), { learningRate: LR });
  let cost = 0;
  for (let start = 0; start + BATCH <= X.cols; start += BATCH) {
    gatherColumnsInto(xb, X, order, start);
    gatherColumnsInto(yb, Y, order, start);
    cost = loss.forward(net.forward(xb), yb);
    optimizer.zeroGrad();
    net.backward(loss.backward(), false);
    optimizer.step();
  }
  return cost;
}

/** bottomup's fit(), one epoch, no shuffling. */
function epochFit(net: Sequential, X: Matrix, Y: Matrix): number {
  const h = fit(net, X, Y, {
    loss: new CategoricalCrossEntropy(),
    optimizer: new SGD(net.parameters(), { learningRate: LR }),
    epochs: 1,
    batchSize: BATCH,
    shuffle: false,
  });
  return h.loss[0];
}

/** Plain hand-written JS: the same math with i-k-j loops, buffers allocated once. */
function plainTrainer() {
  const init = mlpInit();
  const W1 = init.W[0].slice(),
    W2 = init.W[1].slice(),
    b1 = new Float64Array(128),
    b2 = new Float64Array(10);
  const n0 = 784,
    n1 = 128,
    n2 = 10,
    B = BATCH;
  const Xb = new Float64Array(n0 * B),
    Yb = new Float64Array(n2 * B);
  const Z1 = new Float64Array(n1 * B),
    A2 = new Float64Array(n2 * B),
    dZ2 = new Float64Array(n2 * B),
    dZ1 = new Float64Array(n1 * B);
  const dW1 = new Float64Array(n1 * n0),
    dW2 = new Float64Array(n2 * n1);
  return (X: Float64Array, Y: Float64Array, m: number): number => {
    let cost = 0;
    for (let start = 0; start + B <= m; start += B) {
      for (let i = 0; i < n0; i++) for (let j = 0; j < B; j++) Xb[i * B + j] = X[i * m + start + j];
      for (let i = 0; i < n2; i++) for (let j = 0; j < B; j++) Yb[i * B + j] = Y[i * m + start + j];
      // Z1 = W1·Xb + b1 (ikj), A1 = relu(Z1) in place
      for (let i = 0; i < n1; i++) {
        const zi = i * B;
        for (let j = 0; j < B; j++) Z1[zi + j] = b1[i];
        for (let k = 0; k < n0; k++) {
          const w = W1[i * n0 + k],
            xk = k * B;
          for (let j = 0; j < B; j++) Z1[zi + j] += w * Xb[xk + j];
        }
        for (let j = 0; j < B; j++) if (Z1[zi + j] < 0) Z1[zi + j] = 0;
      }
      // Z2 = W2·A1 + b2, softmax per column
      for (let i = 0; i < n2; i++) {
        for (let j = 0; j < B; j++) A2[i * B + j] = b2[i];
        for (let k = 0; k < n1; k++) {
          const w = W2[i * n1 + k],
            ak = k * B;
          for (let j = 0; j < B; j++) A2[i * B + j] += w * Z1[ak + j];
        }
      }
      cost = 0;
      for (let j = 0; j < B; j++) {
        let max = -Infinity;
        for (let i = 0; i < n2; i++) max = Math.max(max, A2[i * B + j]);
        let s = 0;
        for (let i = 0; i < n2; i++) s += A2[i * B + j] = Math.exp(A2[i * B + j] - max);
        for (let i = 0; i < n2; i++) {
          const p = (A2[i * B + j] /= s);
          if (Yb[i * B + j] !== 0) cost -= Math.log(p);
          dZ2[i * B + j] = (p - Yb[i * B + j]) / B;
        }
      }
      cost /= B;
      // dW2 = dZ2·A1ᵀ, db2; dA1 = W2ᵀ·dZ2 masked by relu'
      for (let i = 0; i < n2; i++) {
        let db = 0;
        for (let j = 0; j < B; j++) db += dZ2[i * B + j];
        b2[i] -= LR * db;
        for (let k = 0; k < n1; k++) {
          let s = 0;
          for (let j = 0; j < B; j++) s += dZ2[i * B + j] * Z1[k * B + j];
          dW2[i * n1 + k] = s;
        }
      }
      dZ1.fill(0);
      for (let i = 0; i < n2; i++)
        for (let k = 0; k < n1; k++) {
          const w = W2[i * n1 + k];
          for (let j = 0; j < B; j++) dZ1[k * B + j] += w * dZ2[i * B + j];
        }
      for (let t = 0; t < n1 * B; t++) if (Z1[t] <= 0) dZ1[t] = 0;
      // dW1 = dZ1·Xbᵀ, db1
      for (let i = 0; i < n1; i++) {
        let db = 0;
        for (let j = 0; j < B; j++) db += dZ1[i * B + j];
        b1[i] -= LR * db;
        for (let k = 0; k < n0; k++) {
          let s = 0;
          for (let j = 0; j < B; j++) s += dZ1[i * B + j] * Xb[k * B + j];
          dW1[i * n0 + k] = s;
        }
      }
      for (let t = 0; t < dW1.length; t++) W1[t] -= LR * dW1[t];
      for (let t = 0; t < dW2.length; t++) W2[t] -= LR * dW2[t];
    }
    return cost;
  };
}

/** Result of {@link runMlpBench}. */
export interface MlpBenchResult {
  explicit: number;
  fit: number;
  plain: number;
  gcEvents: number;
  runs: number;
}

/** Samples per second (median of `runs` one-epoch runs) for each implementation, interleaved. */
export async function runMlpBench(runs = 5): Promise<MlpBenchResult> {
  const data = mlpData();
  const X = new Matrix(data.nx, data.m, data.X),
    Y = new Matrix(data.ny, data.m, data.Y);
  const order = Int32Array.from({ length: data.m }, (_, j) => j);
  const xb = new Matrix(784, BATCH),
    yb = new Matrix(10, BATCH);
  const plain = plainTrainer();
  // warm-up
  epochBottomup(model(), X, Y, order, xb, yb);
  epochFit(model(), X, Y);
  plain(data.X, data.Y, data.m);
  const a: number[] = [],
    b: number[] = [],
    c: number[] = [];
  for (let r = 0; r < runs; r++) {
    const n1 = model(),
      n2 = model();
    a.push(time(() => epochBottomup(n1, X, Y, order, xb, yb)));
    b.push(time(() => epochFit(n2, X, Y)));
    const p = plainTrainer();
    c.push(time(() => p(data.X, data.Y, data.m)));
  }
  const net = model();
  epochBottomup(net, X, Y, order, xb, yb);
  const gc = await countGc(() => epochBottomup(net, X, Y, order, xb, yb));
  const sps = (ms: number): number => (data.m / ms) * 1000;
  return { explicit: sps(median(a)), fit: sps(median(b)), plain: sps(median(c)), gcEvents: gc.events, runs };
}

/** The result as a markdown table. */
export function formatMlpBench(r: MlpBenchResult): string {
  const row = (name: string, v: number): string[] => [name, v.toFixed(0), `${(v / r.plain).toFixed(2)}×`];
  return table(
    ['implementation', 'samples/s', 'vs plain JS'],
    [
      row('bottomup explicit loop', r.explicit),
      row('bottomup fit()', r.fit),
      row('plain hand-written JS (ikj)', r.plain),
    ],
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await runMlpBench();
  console.log(
    `MLP 784 → 128 ReLU → 10 softmax, batch ${BATCH}, one epoch of 8 192 samples (median of ${r.runs} runs)\n`,
  );
  console.log(formatMlpBench(r));
  console.log(`\nGC events during one steady-state epoch of the explicit loop: ${r.gcEvents}`);
}
