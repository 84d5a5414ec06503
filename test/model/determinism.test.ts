/**
 * Determinism: the same seeds give bit-identical weights and loss histories — across two runs in one
 * process, and across fresh Node processes (where even the shared default generator starts anew).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  Adam,
  BinaryCrossEntropy,
  Dense,
  Matrix,
  RMSprop,
  ReLU,
  SGD,
  Sequential,
  Sigmoid,
  Tanh,
  fit,
  gatherColumnsInto,
  moons,
  Random,
} from '../../src/index.js';
import type { History } from '../../src/train/index.js';

/** A digest of the exact bits of some doubles. */
function digest(arrays: readonly ArrayLike<number>[]): string {
  const hash = createHash('sha256');
  for (const a of arrays) hash.update(new Uint8Array(Float64Array.from(a).buffer));
  return hash.digest('hex');
}

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

const weightsOf = (model: Sequential): Float64Array[] => model.parameters().map((p) => p.value.data.slice());

function expectSameRuns(
  a: { weights: Float64Array[]; losses: number[] },
  b: { weights: Float64Array[]; losses: number[] },
): void {
  expect(firstDifference(a.losses, b.losses), 'loss history').toBe(-1);
  expect(a.weights.length).toBe(b.weights.length);
  a.weights.forEach((w, i) => expect(firstDifference(w, b.weights[i]), `parameter ${i}`).toBe(-1));
}

const data = moons({ m: 200, noise: 0.25, seed: 17 });
const validation = moons({ m: 50, noise: 0.25, seed: 18 });

function build(): Sequential {
  return new Sequential([
    new Dense(2, 8, { init: 'he', seed: 31 }),
    new ReLU(),
    new Dense(8, 4, { init: 'xavier', seed: 32 }),
    new Tanh(),
    new Dense(4, 1, { init: 'small', seed: 33 }),
    new Sigmoid(),
  ]);
}

function fitRun(seed: number): { weights: Float64Array[]; losses: number[]; history: History } {
  const model = build();
  const history = fit(model, data.X, data.Y, {
    loss: new BinaryCrossEntropy(),
    optimizer: new Adam(model.parameters(), { learningRate: 0.01 }),
    epochs: 30,
    batchSize: 24,
    shuffle: true,
    seed,
    metrics: ['accuracy'],
    validationData: [validation.X, validation.Y],
  });
  return { weights: weightsOf(model), losses: history.loss, history };
}

function explicitRun(seed: number): { weights: Float64Array[]; losses: number[] } {
  const model = build();
  const loss = new BinaryCrossEntropy();
  const optimizer = new RMSprop(model.parameters(), { learningRate: 0.005, momentum: 0.3 });
  const { X, Y } = data;
  const order = Int32Array.from({ length: X.cols }, (_, j) => j);
  const random = new Random(seed);
  const losses: number[] = [];
  for (let epoch = 0; epoch < 30; epoch++) {
    random.shuffle(order);
    for (let start = 0; start < X.cols; start += 32) {
      const size = Math.min(32, X.cols - start);
      const Xb = gatherColumnsInto(new Matrix(2, size), X, order, start);
      const Yb = gatherColumnsInto(new Matrix(1, size), Y, order, start);
      losses.push(loss.forward(model.forward(Xb), Yb));
      optimizer.zeroGrad();
      model.backward(loss.backward());
      optimizer.step();
    }
  }
  return { weights: weightsOf(model), losses };
}

describe('same seeds, same bits (one process)', () => {
  it('two runs of fit with shuffled mini-batches and validation', () => {
    const a = fitRun(99),
      b = fitRun(99);
    expectSameRuns(a, b);
    expect(firstDifference(a.history.history.accuracy, b.history.history.accuracy)).toBe(-1);
    expect(firstDifference(a.history.history.val_loss, b.history.history.val_loss)).toBe(-1);
    expect(firstDifference(a.history.history.val_accuracy, b.history.history.val_accuracy)).toBe(-1);
    // And a different shuffling seed does change the outcome (so the comparison can fail).
    const c = fitRun(100);
    expect(firstDifference(a.losses, c.losses)).not.toBe(-1);
  });

  it('two runs of the explicit loop', () => {
    const a = explicitRun(5),
      b = explicitRun(5);
    expectSameRuns(a, b);
    expect(a.losses).toHaveLength(30 * 7);
    expect(firstDifference(a.losses, explicitRun(6).losses)).not.toBe(-1);
  });

  it('the seeded data sets and initialisers are themselves reproducible', () => {
    expect(moons({ m: 200, noise: 0.25, seed: 17 }).X.equals(data.X)).toBe(true);
    expect(
      firstDifference(
        new Dense(3, 4, { init: 'he', seed: 7 }).weight.value.data,
        new Dense(3, 4, { init: 'he', seed: 7 }).weight.value.data,
      ),
    ).toBe(-1);
    expect(
      firstDifference(
        new SGD(build().parameters(), { learningRate: 1 }).parameters[0].value.data,
        build().parameters()[0].value.data,
      ),
    ).toBe(-1);
  });
});

describe('same seeds, same bits (fresh processes)', () => {
  const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
  const source = pathToFileURL(join(root, 'src/index.ts')).href;

  /**
   * A child script: trains with fit (shuffled mini-batches, Adam) from explicit seeds, and builds a
   * model with no seeds at all (the shared default generator), then prints digests of the bits.
   */
  const script = `
import { createHash } from 'node:crypto';
import { Adam, BinaryCrossEntropy, Dense, ReLU, Sequential, Sigmoid, Tanh, fit, moons } from ${JSON.stringify(source)};
const digest = (arrays) => {
  const hash = createHash('sha256');
  for (const a of arrays) hash.update(new Uint8Array(Float64Array.from(a).buffer));
  return hash.digest('hex');
};
const data = moons({ m: 200, noise: 0.25, seed: 17 });
const validation = moons({ m: 50, noise: 0.25, seed: 18 });
const model = new Sequential([
  new Dense(2, 8, { init: 'he', seed: 31 }), new ReLU(),
  new Dense(8, 4, { init: 'xavier', seed: 32 }), new Tanh(),
  new Dense(4, 1, { init: 'small', seed: 33 }), new Sigmoid(),
]);
const history = fit(model, data.X, data.Y, {
  loss: new BinaryCrossEntropy(), optimizer: new Adam(model.parameters(), { learningRate: 0.01 }),
  epochs: 30, batchSize: 24, shuffle: true, seed: 99, metrics: ['accuracy'], validationData: [validation.X, validation.Y],
});
const unseeded = new Sequential([new Dense(2, 5), new Tanh(), new Dense(5, 1), new Sigmoid()]);
console.log(JSON.stringify({
  weights: digest(model.parameters().map((p) => p.value.data)),
  loss: digest([history.loss]),
  unseeded: digest(unseeded.parameters().map((p) => p.value.data)),
}));
`;

  function runChild(): { weights: string; loss: string; unseeded: string } {
    const dir = mkdtempSync(join(tmpdir(), 'bottomup-determinism-'));
    try {
      const file = join(dir, 'run.mts');
      writeFileSync(file, script);
      const out = execFileSync(process.execPath, ['--import', 'tsx', file], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      });
      return JSON.parse(out.trim().split('\n').at(-1)!) as { weights: string; loss: string; unseeded: string };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('two fresh processes agree with each other and with this one, to the bit', () => {
    const first = runChild();
    const second = runChild();
    expect(second).toEqual(first);
    const here = fitRun(99);
    expect(first.weights).toBe(digest(here.weights));
    expect(first.loss).toBe(digest([here.losses]));
    expect(first.unseeded).toMatch(/^[0-9a-f]{64}$/);
  });
});
