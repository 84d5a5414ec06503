// bottomup/parallel: one thread vs. a pool, on `fit` epochs of the peer benchmark's workloads.
//
//   npx tsx bench/parallel.ts [--rounds=5] [--threads=2] [--deep-samples=12800] [--mlp-samples=8192]
//
// Workloads (bench/peers/data.mjs's data and initial weights, as in bench/peers):
//   deep: 784 → 256 ReLU → 128 ReLU → 10 softmax, CCE, Adam lr 0.001, batch 128
//   mlp:  784 → 128 ReLU → 10 softmax, CCE, SGD lr 0.1, batch 64
// Rounds are interleaved (1 thread, pool, pool, 1 thread, …: the order alternates), each after a
// warm-up epoch of its own; a fresh model per run, so every run does the same arithmetic. Prints
// samples/s medians with min–max, the speedup of the medians, the 1-minute load average per round,
// and checks that both engines end on the same weights, bit for bit.
import os from 'node:os';
import {
  Adam,
  CategoricalCrossEntropy,
  Dense,
  Matrix,
  ReLU,
  SGD,
  Sequential,
  Softmax,
  fit,
  type Optimizer,
} from '../src/index.js';
import { type ParallelPool, startParallel } from '../src/parallel.js';
import { SETTINGS, deepInit, mlpData, mlpInit } from './peers/data.mjs';
import { median, table } from './util.js';

const arg = (name: string, fallback: number): number => {
  const a = process.argv.find((s) => s.startsWith(`--${name}=`));
  return a === undefined ? fallback : Number(a.slice(name.length + 3));
};
const rounds = arg('rounds', 5);
const threads = arg('threads', 2);

interface Workload {
  name: string;
  samples: number;
  /** One timed epoch with a fresh model; returns the final weights. */
  epoch(): Float64Array[];
}

function workload(name: 'deep' | 'mlp', samples: number): Workload {
  const full = name === 'deep' ? SETTINGS.deep.m : SETTINGS.mlp.m;
  const d = mlpData({ m: full });
  const m = Math.min(samples, full);
  const cut = (data: Float64Array, rows: number): Matrix => {
    const out = new Matrix(rows, m);
    for (let r = 0; r < rows; r++) out.data.set(data.subarray(r * full, r * full + m), r * m);
    return out;
  };
  const X = cut(d.X, d.nx),
    Y = cut(d.Y, d.ny);
  const init = name === 'deep' ? deepInit() : mlpInit();
  const sizes = name === 'deep' ? [784, 256, 128, 10] : [784, 128, 10];
  return {
    name,
    samples: m,
    epoch: () => {
      const denses = sizes.slice(1).map((out, l) => new Dense(sizes[l], out));
      denses.forEach((layer, l) => {
        layer.weight.value.data.set(init.W[l]);
        layer.bias?.value.data.set(init.b[l]);
      });
      const layers = denses.flatMap((layer, l) => (l < denses.length - 1 ? [layer, new ReLU()] : [layer]));
      const model = new Sequential([...layers, new Softmax()]);
      const optimizer: Optimizer =
        name === 'deep'
          ? new Adam(model.parameters(), { learningRate: SETTINGS.deep.learningRate })
          : new SGD(model.parameters(), { learningRate: SETTINGS.mlp.learningRate });
      const batchSize = name === 'deep' ? SETTINGS.deep.batchSize : SETTINGS.mlp.batchSize;
      fit(model, X, Y, { loss: new CategoricalCrossEntropy(), optimizer, epochs: 1, batchSize, shuffle: false });
      return model.parameters().map((p) => p.value.data.slice());
    },
  };
}

const same = (a: Float64Array[], b: Float64Array[]): boolean =>
  a.length === b.length && a.every((x, i) => x.every((v, j) => Object.is(v, b[i][j])));

const loads: string[] = [];
const load = (): string => os.loadavg()[0].toFixed(1);
const workloads = [workload('deep', arg('deep-samples', 12_800)), workload('mlp', arg('mlp-samples', 8192))];
const rates: Record<string, { one: number[]; pool: number[] }> = {};
let identical = true;
for (const w of workloads) rates[w.name] = { one: [], pool: [] };

async function timed(w: Workload, parallel: boolean): Promise<Float64Array[]> {
  let pool: ParallelPool | null = null;
  if (parallel) pool = await startParallel({ threads });
  try {
    w.epoch(); // warm-up
    const t0 = performance.now();
    const weights = w.epoch();
    rates[w.name][parallel ? 'pool' : 'one'].push(w.samples / ((performance.now() - t0) / 1000));
    return weights;
  } finally {
    await pool?.close();
  }
}

console.log(
  `bottomup/parallel: 1 thread vs ${threads} threads, ${rounds} interleaved rounds, ${os.cpus().length} cores`,
);
for (let r = 0; r < rounds; r++) {
  loads.push(load());
  for (const w of workloads) {
    const order = r % 2 === 0 ? [false, true] : [true, false];
    const [a, b] = [await timed(w, order[0]), await timed(w, order[1])];
    identical &&= same(a, b);
  }
  console.log(`round ${r + 1}: load ${loads[r]}`);
}
loads.push(load());

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
const cell = (xs: number[]): string => `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;
const label: Record<string, string> = {
  deep: '784 → 256 → 128 → 10, Adam, batch 128',
  mlp: '784 → 128 → 10, SGD, batch 64',
};
console.log(
  table(
    ['workload (samples/s)', 'samples', '1 thread', `${threads} threads`, 'speedup'],
    workloads.map((w) => {
      const { one, pool } = rates[w.name];
      return [label[w.name], fmt(w.samples), cell(one), cell(pool), `${(median(pool) / median(one)).toFixed(2)}×`];
    }),
  ),
);
console.log(`1-minute load average at each round's start and at the end: ${loads.join(', ')}`);
console.log(`final weights bit-identical between 1 and ${threads} threads: ${identical}`);
