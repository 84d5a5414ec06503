/**
 * Hostile inputs through the public API (#10, "done when"), as property tests with fixed seeds: for
 * generated JSON mutations, shared instances, aliasing views and bad fit options, every call either
 * gives a correct result or throws a TypeError/RangeError whose message names the operation — and
 * when it throws, the weights, gradients and optimizer state are bit-identical to before the call.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Adam,
  BinaryCrossEntropy,
  Dense,
  type Layer,
  Matrix,
  type OptimizerJSON,
  SGD,
  Sequential,
  Sigmoid,
  Tanh,
  addInto,
  fit,
  loadModel,
  loadOptimizerState,
  mulInto,
  subInto,
} from '../../src/index.js';

/** Something a careless or hostile caller might put anywhere. */
const weird = fc.constantFrom<unknown>(
  null,
  undefined,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1,
  0,
  0.5,
  2 ** 53,
  '',
  'x'.repeat(200),
  '1',
  true,
  [],
  [1, 2],
  {},
  { length: 3 },
  () => 1,
  Symbol('s'),
  10n,
);

/** Every path (as a list of keys) to a value inside a plain JSON value. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

/** A copy of `json` with the value at `path` replaced (or deleted, or the container made sparse). */
function mutate(json: unknown, path: (string | number)[], how: 'set' | 'delete', value: unknown): unknown {
  if (path.length === 0) return how === 'set' ? value : undefined;
  const copy = structuredClone(json) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (how === 'delete') delete at[last];
  else at[last] = value;
  return copy;
}

const snapshot = (model: { parameters(): { value: Matrix; grad: Matrix }[] }): number[][] =>
  model.parameters().flatMap((p) => [Array.from(p.value.data), Array.from(p.grad.data)]);

/** A thrown error must be a TypeError or RangeError whose message starts with `op: expected`. */
function expectNamed(error: unknown, op: RegExp): void {
  expect(error instanceof TypeError || error instanceof RangeError, String(error)).toBe(true);
  expect((error as Error).message).toMatch(op);
}

describe('hostile inputs through the public API (fixed seeds)', () => {
  const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh(), new Dense(3, 1, { seed: 2 }), new Sigmoid()]);
  const saved = model.toJSON();
  const X = Matrix.randn(2, 5, { random: 7 });
  const expected = model.predict(X);
  const allPaths = paths(saved);

  it('loadModel over generated JSON mutations: a loaded model or a named error, never a crash', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: allPaths.length - 1 }),
        fc.constantFrom<'set' | 'delete'>('set', 'delete'),
        weird,
        (i, how, value) => {
          const json = mutate(saved, allPaths[i], how, value);
          const before = snapshot(model);
          let loaded: Sequential | undefined;
          try {
            loaded = loadModel(json as typeof saved);
          } catch (error) {
            expectNamed(error, /^loadModel: expected /);
          }
          if (loaded !== undefined) {
            // a mutation that still reads as a model must give a working model of the right shape
            expect(loaded.predict(X).shape).toEqual([1, 5]);
          }
          expect(snapshot(model)).toEqual(before);
          expect(model.predict(X).data).toEqual(expected.data);
        },
      ),
      { seed: 10_001, numRuns: 400 },
    );
  });

  it('loadOptimizerState over generated mutations: all or nothing', () => {
    const optimizer = new Adam(model.parameters());
    for (const p of model.parameters()) p.grad.data.fill(0.125);
    optimizer.step();
    const state = optimizer.toJSON();
    const statePaths = paths(state);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: statePaths.length - 1 }),
        fc.constantFrom<'set' | 'delete'>('set', 'delete'),
        weird,
        (i, how, value) => {
          const before = JSON.stringify(optimizer.toJSON());
          try {
            loadOptimizerState(optimizer, mutate(state, statePaths[i], how, value) as OptimizerJSON);
            // accepted: then it must hold only finite numbers and non-negative second moments
            const now = optimizer.toJSON();
            expect(now.slots.v.flat().every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
            loadOptimizerState(optimizer, state);
          } catch (error) {
            expectNamed(error, /^loadOptimizerState: expected /);
            expect(JSON.stringify(optimizer.toJSON())).toBe(before);
          }
        },
      ),
      { seed: 10_002, numRuns: 300 },
    );
  });

  it('Sequential over generated layer lists with repeats: refused exactly when an instance repeats', () => {
    const pool: Layer[] = [new Tanh(), new Sigmoid(), new Tanh(), new Dense(3, 3, { seed: 4 })];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 1, maxLength: 6 }), (picks) => {
        const layers = [new Dense(2, 3, { seed: 3 }), ...picks.map((k) => pool[k])];
        const repeats = new Set(picks).size !== picks.length;
        if (repeats) {
          expect(() => new Sequential(layers)).toThrowError(/^Sequential: expected each layer instance once/);
        } else {
          const built = new Sequential(layers);
          expect(built.forward(X).shape).toEqual([3, 5]);
        }
      }),
      { seed: 10_003, numRuns: 200 },
    );
  });

  it('elementwise kernels over generated views of one buffer: the right result, or refused with nothing written', () => {
    const kernels = [
      ['addInto', addInto, (a: number, b: number) => a + b],
      ['subInto', subInto, (a: number, b: number) => a - b],
      ['mulInto', mulInto, (a: number, b: number) => a * b],
    ] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: kernels.length - 1 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (k, oOut, oA, oB) => {
          const [name, kernel, f] = kernels[k];
          const buf = Float64Array.from({ length: 12 }, (_, i) => i * 1.5 - 4);
          const view = (offset: number): Matrix => new Matrix(2, 3, buf.subarray(offset, offset + 6));
          const a = view(oA),
            b = view(oB),
            out = view(oOut);
          const expectedOut = Array.from(a.data, (v, i) => f(v, b.data[i]));
          const before = Array.from(buf);
          const partial = (x: number): boolean => x !== oOut && Math.abs(x - oOut) < 6;
          if (partial(oA) || partial(oB)) {
            expect(() => kernel(out, a, b)).toThrowError(new RegExp(`^${name}: expected out to be . itself`));
            expect(Array.from(buf)).toEqual(before);
          } else {
            kernel(out, a, b);
            expect(Array.from(out.data)).toEqual(expectedOut);
          }
        },
      ),
      { seed: 10_004, numRuns: 300 },
    );
  });

  it('fit over generated bad options: a named error before the first step, model and optimizer untouched', () => {
    const keys = ['epochs', 'batchSize', 'shuffle', 'seed', 'validationSplit', 'signal', 'progress', 'stopOnNonFinite'];
    const Y = new Matrix(1, 5, [1, 0, 1, 0, 1]);
    fc.assert(
      fc.property(fc.constantFrom(...keys), weird, (key, value) => {
        const net = new Sequential([
          new Dense(2, 2, { seed: 5 }),
          new Tanh(),
          new Dense(2, 1, { seed: 6 }),
          new Sigmoid(),
        ]);
        const optimizer = new SGD(net.parameters(), { learningRate: 0.1, momentum: 0.9 });
        const before = snapshot(net);
        const state = JSON.stringify(optimizer.toJSON());
        const options = { loss: new BinaryCrossEntropy(), optimizer, [key]: value };
        try {
          const history = fit(net, X, Y, options as never);
          // accepted values must be meaningful ones
          expect(['completed', 'aborted', 'earlyStopping', 'callback', 'nonFinite']).toContain(history.stopReason);
        } catch (error) {
          expectNamed(error, /^fit: /);
          expect(snapshot(net)).toEqual(before);
          expect(JSON.stringify(optimizer.toJSON())).toBe(state);
        }
      }),
      { seed: 10_005, numRuns: 200 },
    );
  });
});
