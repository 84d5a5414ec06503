/**
 * Garbage collection in the steady state of the design's explicit loop (forward, `loss.forward`,
 * `zeroGrad`, `backward`, `step`), per optimizer — SGD, SGD with momentum, Adam, AdamW, RMSprop — on the
 * 2-layer network (2 → 4 tanh → 1 sigmoid, m = 400, full batch) and on the 784 → 128 ReLU → 10 softmax
 * MLP (mini-batches of 64 gathered in turn from 8 192 synthetic samples).
 *
 * Each (network, optimizer) pair runs in a child process of its own, as a program that trains one model
 * would: warm-up steps first (JIT, buffers), then GC events are counted (PerformanceObserver 'gc' entries)
 * over the measured steps, and the young generation's growth over those steps gives the bytes allocated per step when
 * no collection ran in between (the GC count alone cannot see a leak too slow to fill the young generation
 * during a short run). The MLP is measured over 2 000 steps (100 000 take 3–10 minutes each) and
 * its count scaled to 100 000 (the bytes-per-step column is what shows it allocates nothing).
 *
 * Run: `npx tsx bench/gc.ts` (or `npx tsx bench/index.ts gc`); one pair: `npx tsx bench/gc.ts --child mlp Adam [steps]`.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics } from 'node:v8';
import {
  Adam,
  AdamW,
  BinaryCrossEntropy,
  CategoricalCrossEntropy,
  Dense,
  Matrix,
  type Optimizer,
  type Parameter,
  RMSprop,
  ReLU,
  SGD,
  Sequential,
  Sigmoid,
  Softmax,
  Tanh,
  gatherColumnsInto,
  planar,
} from '../src/index.js';
import { mlpData, mlpInit } from './peers/data.mjs';
import { countGc, table } from './util.js';

/** The optimizers measured, by the name the table shows. */
const OPTIMIZERS: Record<string, (p: Parameter[], lr: number) => Optimizer> = {
  SGD: (p, lr) => new SGD(p, { learningRate: lr }),
  'SGD + momentum 0.9': (p, lr) => new SGD(p, { learningRate: lr, momentum: 0.9 }),
  Adam: (p, lr) => new Adam(p, { learningRate: lr / 100 }),
  AdamW: (p, lr) => new AdamW(p, { learningRate: lr / 100 }),
  RMSprop: (p, lr) => new RMSprop(p, { learningRate: lr / 100 }),
};

/** The networks, with their warm-up and measured step counts. */
const NETWORKS = {
  'two-layer': { title: '2 → 4 tanh → 1 sigmoid, m = 400', warmup: 20_000, steps: 100_000 },
  mlp: { title: '784 → 128 ReLU → 10 softmax, batch 64', warmup: 1_000, steps: 2_000 },
} as const;
type NetworkName = keyof typeof NETWORKS;
const BATCH = 64;
/**
 * The last cost, kept outside the loop in a Float64Array. (A `let cost` declared before the loop and
 * assigned in it is a loop-carried value: in the on-stack-replaced code V8 runs such a loop with, it is
 * tagged, so every assignment of a fresh double boxes it — 16 bytes a step in the caller's own code.
 * `const cost` inside the loop body, as in the README, is not carried and never boxed.)
 */
const last = new Float64Array(1);

/** One training setup: `loop(steps)` runs the explicit loop `steps` times and returns the last cost. */
interface Setup {
  loop(steps: number): number;
}

function setup(network: NetworkName, optimizer: string): Setup {
  const make = OPTIMIZERS[optimizer];
  if (network === 'two-layer') {
    const { X, Y } = planar({ m: 400, seed: 1 });
    const model = new Sequential([
      new Dense(2, 4, { init: 'small', seed: 2 }),
      new Tanh(),
      new Dense(4, 1, { init: 'small', seed: 3 }),
      new Sigmoid(),
    ]);
    const loss = new BinaryCrossEntropy();
    const opt = make(model.parameters(), 1.2);
    return {
      // the design's explicit loop, full batch
      loop(steps: number): number {
        for (let i = 0; i < steps; i++) {
          const cost = loss.forward(model.forward(X), Y);
          last[0] = cost;
          opt.zeroGrad();
          model.backward(loss.backward());
          opt.step();
        }
        return last[0];
      },
    };
  }
  const data = mlpData();
  const X = new Matrix(data.nx, data.m, data.X),
    Y = new Matrix(data.ny, data.m, data.Y);
  const init = mlpInit();
  const l1 = new Dense(784, 128),
    l2 = new Dense(128, 10);
  l1.weight.value.data.set(init.W[0]);
  l2.weight.value.data.set(init.W[1]);
  const model = new Sequential([l1, new ReLU(), l2, new Softmax()]);
  const loss = new CategoricalCrossEntropy();
  const opt = make(model.parameters(), 0.1);
  const order = Int32Array.from({ length: data.m }, (_, j) => j);
  const xb = new Matrix(784, BATCH),
    yb = new Matrix(10, BATCH);
  let start = 0;
  return {
    // the explicit loop over in-order mini-batches, gathered into reused buffers
    loop(steps: number): number {
      for (let i = 0; i < steps; i++) {
        gatherColumnsInto(xb, X, order, start);
        gatherColumnsInto(yb, Y, order, start);
        start = start + BATCH >= X.cols ? 0 : start + BATCH;
        const cost = loss.forward(model.forward(xb), yb);
        last[0] = cost;
        opt.zeroGrad();
        model.backward(loss.backward());
        opt.step();
      }
      return last[0];
    },
  };
}

/** What one child process measured. */
interface ChildResult {
  steps: number;
  events: number;
  ms: number;
  /** Young-generation growth over the measured steps, per step, when no GC ran in between (else `null`). */
  bytesPerStep: number | null;
  cost: number;
}

/**
 * Bytes in use in the young generation, where JavaScript objects are allocated (the optimizing
 * compiler's code and metadata go to other spaces, so this sees only what the loop itself allocates).
 */
function newSpaceUsed(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_used_size ?? 0;
}

/** The child: warm up, then measure. */
async function child(
  network: NetworkName,
  optimizer: string,
  steps: number = NETWORKS[network].steps,
): Promise<ChildResult> {
  const { warmup } = NETWORKS[network];
  const s = setup(network, optimizer);
  // Warm up by many short calls: V8 then optimizes loop() itself, as it does (by on-stack replacement) in
  // a real training run long before its end. A single 1 000-step call of the 8 ms MLP step leaves loop()
  // unoptimized: its frame boxes every double a call returns (~460 bytes a step with Adam), which is the
  // harness, not the library.
  for (let i = 0; i < warmup; i++) s.loop(1);
  let cost = 0,
    grown = 0;
  const gc = await countGc(() => {
    const before = newSpaceUsed();
    cost = s.loop(steps);
    grown = newSpaceUsed() - before;
  });
  return { steps, events: gc.events, ms: gc.ms, bytesPerStep: gc.events === 0 ? grown / steps : null, cost };
}

/** One row of {@link runGcBench}. */
export interface GcBenchRow {
  network: NetworkName;
  optimizer: string;
  steps: number;
  events: number;
  /** GC events scaled to 100 000 steps. */
  per100k: number;
  bytesPerStep: number | null;
  msPerStep: number;
}

/** Result of {@link runGcBench}. */
export interface GcBenchResult {
  rows: GcBenchRow[];
}

/** Runs every (network, optimizer) pair in a child process of its own. */
export function runGcBench(networks: readonly NetworkName[] = ['two-layer', 'mlp']): GcBenchResult {
  const script = fileURLToPath(import.meta.url);
  const rows: GcBenchRow[] = [];
  for (const network of networks) {
    for (const optimizer of Object.keys(OPTIMIZERS)) {
      const run = spawnSync(process.execPath, [...process.execArgv, script, '--child', network, optimizer], {
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`bench/gc.ts child ${network} ${optimizer} failed:\n${run.stderr}`);
      const r = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as ChildResult;
      rows.push({
        network,
        optimizer,
        steps: r.steps,
        events: r.events,
        per100k: (r.events * 100_000) / r.steps,
        bytesPerStep: r.bytesPerStep,
        msPerStep: r.ms / r.steps,
      });
    }
  }
  return { rows };
}

/** The result as a markdown table. */
export function formatGcBench(r: GcBenchResult): string {
  return table(
    [
      'network',
      'optimizer',
      'measured steps',
      'GC events',
      'GC per 100 000 steps',
      'young-generation bytes / step',
      'time / step',
    ],
    r.rows.map((row) => [
      NETWORKS[row.network].title,
      row.optimizer,
      row.steps.toLocaleString('en-US'),
      String(row.events),
      String(row.per100k),
      row.bytesPerStep === null ? '— (GC ran)' : `${row.bytesPerStep.toFixed(3)} B`,
      `${(row.msPerStep * 1000).toFixed(1)} µs`,
    ]),
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--child');
  if (i >= 0) {
    const network = process.argv[i + 1] as NetworkName;
    const steps = process.argv[i + 3] === undefined ? undefined : Number(process.argv[i + 3]);
    console.log(JSON.stringify(await child(network, process.argv[i + 2], steps)));
  } else {
    console.log('GC events in the steady state of the explicit loop, one child process per row\n');
    console.log(formatGcBench(runGcBench()));
  }
}
