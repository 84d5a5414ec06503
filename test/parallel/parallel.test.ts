/**
 * bottomup/parallel: products split across 2 and 3 threads give the single-thread engine's bits
 * (random shapes, transposes, accumulate, bias, ragged edges, special values; sizes around the
 * split threshold and operands too large for the memory at once), so does `fit` of a deep network;
 * `close()` returns to one thread; bad options and unavailable runtimes get exact errors.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  Adam,
  CategoricalCrossEntropy,
  Dense,
  Matrix,
  ReLU,
  Sequential,
  Softmax,
  Tanh,
  fit,
  matmulInto,
} from '../../src/index.js';
import { gemm, gemmJs } from '../../src/matrix/gemm.js';
import { MAX_THREADS, PARALLEL_MIN_WORK, type ParallelPool, startParallel } from '../../src/parallel.js';
import { chunks, parallelGemm } from '../../src/parallel/pool.js';
import { ALL_KINDS, testMatrix, type ValueKind } from '../matrix/helpers.js';

/** One product's operands, as stored: `A` is `(m, k)` or `(k, m)` when `transA`, and so on. */
interface Case {
  m: number;
  k: number;
  n: number;
  transA: boolean;
  transB: boolean;
  accumulate: boolean;
  withBias: boolean;
  kind: ValueKind;
  seed: number;
}

interface Operands {
  A: Float64Array;
  B: Float64Array;
  C0: Float64Array;
  bias: Float64Array | null;
}

function operands(c: Case): Operands {
  const A = c.transA ? testMatrix(c.k, c.m, c.seed, c.kind) : testMatrix(c.m, c.k, c.seed, c.kind);
  const B = c.transB ? testMatrix(c.n, c.k, c.seed + 1, c.kind) : testMatrix(c.k, c.n, c.seed + 1, c.kind);
  // Without accumulate, C's old contents (NaN here) must not leak into the result.
  const C0 = c.accumulate ? testMatrix(c.m, c.n, c.seed + 2, c.kind) : Matrix.fill(c.m, c.n, Number.NaN);
  return { A: A.data, B: B.data, C0: C0.data, bias: c.withBias ? testMatrix(c.m, 1, c.seed + 3, c.kind).data : null };
}

/** The single-thread result (the JS kernel: bit-identical to the WebAssembly one, test/matrix/gemm-wasm.test.ts). */
function single(c: Case, o: Operands): Float64Array {
  const C = o.C0.slice();
  gemmJs(C, o.A, c.transA, o.B, c.transB, c.m, c.k, c.n, c.accumulate, o.bias);
  return C;
}

/** The result through the core's dispatch (`gemm`, as every `matmul` variant calls it). */
function dispatched(c: Case, o: Operands): Float64Array {
  const C = o.C0.slice();
  gemm(C, o.A, c.transA, o.B, c.transB, c.m, c.k, c.n, c.accumulate, o.bias);
  return C;
}

/** Runs `parallelGemm` itself: its result, and whether it split the product (else `C` is untouched). */
function split(c: Case, o: Operands): { C: Float64Array; taken: boolean } {
  const C = o.C0.slice();
  const taken = parallelGemm(C, o.A, c.transA, o.B, c.transB, c.m, c.k, c.n, c.accumulate, o.bias);
  return { C, taken };
}

/** The index of the first element that differs as bits (`Object.is`: NaN = NaN, 0 ≠ −0), or −1. */
function firstDifference(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return i;
  return -1;
}

function expectSame(got: Float64Array, want: Float64Array, c: Case): void {
  const i = firstDifference(got, want);
  expect(i, `parallel ${got[i]} vs one thread ${want[i]} at ${i} for ${JSON.stringify(c)}`).toBe(-1);
}

const ragged = (m: number, k: number, n: number, seed: number): Case => ({
  m,
  k,
  n,
  transA: seed % 2 === 0,
  transB: seed % 3 === 0,
  accumulate: seed % 4 < 2,
  withBias: seed % 5 !== 0,
  kind: 'special',
  seed,
});

// Mostly small and ragged, sometimes up to 300 (several k-blocks and row blocks).
const dim = fc.oneof(fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 300 }));
const product = fc.record<Case>({
  m: dim,
  k: dim,
  // at least 8 columns, so every product is split (by rows or columns, whichever m is)
  n: fc.oneof(fc.integer({ min: 8, max: 40 }), fc.integer({ min: 8, max: 300 })),
  transA: fc.boolean(),
  transB: fc.boolean(),
  accumulate: fc.boolean(),
  withBias: fc.boolean(),
  kind: fc.constantFrom<ValueKind>(...ALL_KINDS),
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
});

for (const threads of [2, 3]) {
  describe(`${threads} threads, every product of 8 rows or columns split (minWork 0)`, () => {
    let pool: ParallelPool;
    beforeAll(async () => {
      pool = await startParallel({ threads, minWork: 0 });
    });
    afterAll(async () => {
      await pool.close();
    });

    it('the pool reports its settings', () => {
      expect([pool.threads, pool.minWork]).toEqual([threads, 0]);
    });

    it('the workers take their share of the chunks (this thread does not run them all)', () => {
      const c = ragged(256, 256, 256, 9);
      const o = operands(c);
      const want = single(c, o);
      const before = { ...chunks };
      for (let i = 0; i < 40; i++) expectSame(split(c, o).C, want, c);
      const total = chunks.total - before.total,
        here = chunks.here - before.here;
      expect(total).toBe(40 * 2 * threads);
      expect(here).toBeLessThan(total);
      expect(here).toBeGreaterThan(0);
    });

    it('gives one thread’s bits on random shapes, transposes, accumulate, bias and values', () => {
      fc.assert(
        fc.property(product, (c) => {
          const o = operands(c);
          const want = single(c, o);
          const { C, taken } = split(c, o);
          expect(taken).toBe(true);
          expectSame(C, want, c);
          expectSame(dispatched(c, o), want, c);
        }),
        { seed: 20_261_203 + threads, numRuns: 60 },
      );
    });

    it('every height and width from 1 to 21 (ragged last chunks, fewer tiles than chunks), by rows or columns', () => {
      for (let m = 1; m <= 21; m++) {
        for (let n = 1; n <= 21; n++) {
          for (const k of [1, 3, 300]) {
            const c = ragged(m, k, n, 7 * n + m + k);
            const o = operands(c);
            const { C, taken } = split(c, o);
            expect(taken, `${m}·${k}·${n}`).toBe(m >= 8 || n >= 8);
            expectSame(taken ? C : dispatched(c, o), single(c, o), c);
          }
        }
      }
    });

    // Operands too large for the memory at once (8 MiB): 512³ chunks, C kept across a chunk's k, the
    // bias added after the last; each shape overflows it another way (ragged last chunks throughout).
    const large: [number, number, number][] = [
      [1030, 1030, 9],
      [9, 1030, 1030],
      [700, 6, 1501],
    ];
    for (const [m, k, n] of large) {
      it(`when operands do not fit at once: (${m}, ${k})·(${k}, ${n})`, () => {
        for (const [transA, transB] of [
          [false, false],
          [true, true],
        ]) {
          const c: Case = { ...ragged(m, k, n, m + k + n), transA, transB, accumulate: transA, withBias: true };
          const o = operands(c);
          const { C, taken } = split(c, o);
          expect(taken).toBe(true);
          expectSame(C, single(c, o), c);
        }
      });
    }

    it('matmulInto on Matrix views gives one thread’s bits', () => {
      const A = testMatrix(70, 90, 1),
        B = testMatrix(90, 33, 2);
      const out = new Matrix(70, 33);
      matmulInto(out, A, B);
      const want = new Float64Array(70 * 33);
      gemmJs(want, A.data, false, B.data, false, 70, 90, 33, false);
      expectSame(out.data, want, ragged(70, 90, 33, 0));
    });
  });
}

describe('the default threshold', () => {
  let pool: ParallelPool;
  beforeAll(async () => {
    pool = await startParallel();
  });
  afterAll(async () => {
    await pool.close();
  });

  it(`splits products from ${PARALLEL_MIN_WORK} multiply-adds on, with 2 threads by default`, () => {
    expect([pool.threads, pool.minWork]).toEqual([2, PARALLEL_MIN_WORK]);
    // m·k·n just under, at and just over the threshold
    for (const [m, k, n, taken] of [
      [10, 50, 999, false],
      [10, 50, 1000, true],
      [7, 1, 71_429, true],
      [99, 101, 50, false],
      [100, 100, 50, true],
      [7, 20_000, 7, false], // over the threshold, but under 8 rows and 8 columns
    ] as const) {
      const c = ragged(m, k, n, m + n);
      const o = operands(c);
      const got = split(c, o);
      expect(got.taken, `${m}·${k}·${n}`).toBe(taken);
      expectSame(taken ? got.C : dispatched(c, o), single(c, o), c);
    }
  });
});

describe('fit', () => {
  const data = (seed: number) => {
    const X = testMatrix(30, 200, seed);
    const labels = Array.from({ length: 200 }, (_, j) => (X.data[j] + X.data[200 + j] > 1 ? 1 : j % 3 === 0 ? 2 : 0));
    const Y = Matrix.fromSamples(labels.map((l) => [0, 1, 2].map((c) => (c === l ? 1 : 0))));
    return { X, Y };
  };
  /** Trains a fresh 30 → 24 → 16 → 3 network; returns its parameters and the cost history. */
  const train = (): { weights: Float64Array[]; costs: number[] } => {
    const { X, Y } = data(5);
    const model = new Sequential([
      new Dense(30, 24, { seed: 1 }),
      new ReLU(),
      new Dense(24, 16, { seed: 2 }),
      new Tanh(),
      new Dense(16, 3, { seed: 3 }),
      new Softmax(),
    ]);
    const optimizer = new Adam(model.parameters(), { learningRate: 0.01 });
    const history = fit(model, X, Y, { loss: new CategoricalCrossEntropy(), optimizer, epochs: 3, batchSize: 32 });
    return { weights: model.parameters().map((p) => p.value.data.slice()), costs: history.loss };
  };

  it('of a small deep network gives the same bits with 3 threads as with one, and again after close', async () => {
    const one = train();
    const pool = await startParallel({ threads: 3, minWork: 0 });
    let parallel: ReturnType<typeof train>;
    try {
      parallel = train();
    } finally {
      await pool.close();
    }
    const after = train();
    expect(one.costs.every(Number.isFinite)).toBe(true);
    expect(one.costs[2]).toBeLessThan(one.costs[0]);
    for (const run of [parallel, after]) {
      expect(run.costs).toEqual(one.costs);
      run.weights.forEach((w, i) => expect(firstDifference(w, one.weights[i]), `parameter ${i}`).toBe(-1));
    }
  });
});

describe('close', () => {
  it('returns products to one thread; closing twice is harmless; a new pool can start', async () => {
    const c = ragged(40, 50, 60, 11);
    const o = operands(c);
    const pool = await startParallel({ minWork: 0 });
    expect(split(c, o).taken).toBe(true);
    await pool.close();
    expect(split(c, o)).toEqual({ C: o.C0, taken: false });
    expectSame(dispatched(c, o), single(c, o), c);
    await pool.close();
    const again = await startParallel({ threads: 3, minWork: 0 });
    try {
      expect(again.threads).toBe(3);
      expect(split(c, o).taken).toBe(true);
    } finally {
      await again.close();
    }
  });
});

describe('errors', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('for bad options, naming the option, what it expects and what it got', async () => {
    const cases: [unknown, string][] = [
      [{ threads: 1 }, 'startParallel: expected threads to be an integer from 2 to 16, got 1'],
      [{ threads: MAX_THREADS + 1 }, 'startParallel: expected threads to be an integer from 2 to 16, got 17'],
      [{ threads: 2.5 }, 'startParallel: expected threads to be an integer from 2 to 16, got 2.5'],
      [{ threads: Number.NaN }, 'startParallel: expected threads to be an integer from 2 to 16, got NaN'],
      [{ threads: '2' }, 'startParallel: expected threads to be a number, got "2"'],
      [{ minWork: -1 }, 'startParallel: expected minWork to be a non-negative integer, got -1'],
      [{ workers: 2 }, 'startParallel: expected options among threads, minWork, got unknown option "workers"'],
      [4, 'startParallel: expected an options object, got 4'],
    ];
    for (const [options, message] of cases) {
      await expect(startParallel(options as never), message).rejects.toThrow(message);
    }
  });

  it('when a pool is already running or starting, and the running pool carries on', async () => {
    const pool = await startParallel({ minWork: 0 });
    try {
      await expect(startParallel()).rejects.toThrow(
        'startParallel: a pool is already running (2 threads); close it before starting another',
      );
      const c = ragged(20, 20, 20, 4);
      const o = operands(c);
      const { C, taken } = split(c, o);
      expect(taken).toBe(true);
      expectSame(C, single(c, o), c);
    } finally {
      await pool.close();
    }
    const first = startParallel();
    await expect(startParallel()).rejects.toThrow(
      'startParallel: a pool is already starting; close it before starting another',
    );
    await (await first).close();
  });

  it('without SharedArrayBuffer (a browser page that is not cross-origin isolated)', async () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    await expect(startParallel()).rejects.toThrow(
      'startParallel: SharedArrayBuffer is not available here; a browser offers it only to cross-origin ' +
        'isolated pages (served with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: ' +
        'require-corp)',
    );
  });

  it('without shared WebAssembly memory or SIMD', async () => {
    class NoSharedMemory {
      constructor() {
        throw new TypeError('WebAssembly.Memory(): shared memory is not supported');
      }
    }
    vi.stubGlobal('WebAssembly', { ...WebAssembly, Memory: NoSharedMemory });
    await expect(startParallel()).rejects.toThrow(
      'startParallel: WebAssembly with SIMD and shared memory is not available here ' +
        '(TypeError: WebAssembly.Memory(): shared memory is not supported)',
    );
  });

  it('when a worker fails to start (the Web Worker path, faked), stopping the ones that did', async () => {
    const stopped: number[] = [];
    let made = 0;
    class FakeWorker {
      onmessage: ((e: { data: unknown }) => void) | null = null;
      onerror: ((e: { message: string }) => void) | null = null;
      readonly id = made++;
      postMessage(): void {
        setTimeout(() => this.onmessage?.({ data: this.id === 1 ? { error: 'CompileError: no SIMD' } : 'ready' }));
      }
      terminate(): void {
        stopped.push(this.id);
      }
    }
    // Node has Blob and URL.createObjectURL: a global Worker is all it takes to choose the Web Worker path.
    vi.stubGlobal('Worker', FakeWorker);
    await expect(startParallel({ threads: 3 })).rejects.toThrow(
      'startParallel: a worker thread failed to start: CompileError: no SIMD',
    );
    expect(stopped.sort()).toEqual([0, 1]);
    // Nothing is left running: the products stay on one thread and a real pool can start.
    vi.unstubAllGlobals();
    const c = ragged(20, 20, 20, 4);
    expect(split(c, operands(c)).taken).toBe(false);
    await (await startParallel()).close();
  });
});
