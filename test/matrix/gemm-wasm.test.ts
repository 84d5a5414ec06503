/**
 * The WebAssembly SIMD engine (src/matrix/gemm.wat): its committed bytes are the .wat's, it gives the
 * JS kernel's results bit for bit (and the naive loop's) on random shapes and values, also when the
 * operands are too large for its memory at once, and products fall back to the JS kernel when
 * WebAssembly is missing, lacks SIMD, or refuses to compile.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileGemmWat, gemmWasmSource } from '../../src/matrix/gemm-wasm.build.js';
import { gemm, setGemmEngine } from '../../src/matrix/gemm.js';
import { Matrix } from '../../src/matrix/index.js';
import { ALL_KINDS, naiveMatmul, naiveTranspose, testMatrix, type ValueKind } from './helpers.js';

describe('the committed engine', () => {
  it('is gemm.wat compiled (run `npx tsx src/matrix/gemm-wasm.build.ts` after editing it)', async () => {
    const committed = readFileSync(new URL('../../src/matrix/gemm-wasm.ts', import.meta.url), 'utf8');
    expect(committed).toBe(gemmWasmSource(await compileGemmWat()));
  });

  it('is small enough for a synchronous compile on a browser main thread (Chromium: 4 KB)', async () => {
    expect((await compileGemmWat()).length).toBeLessThan(4096);
  });

  it('runs here (Node 20 has WebAssembly SIMD), so the other matrix tests exercise it', () => {
    expect(setGemmEngine('auto')).toBe(true);
  });
});

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

function operands(c: Case): { A: Matrix; B: Matrix; C0: Matrix; b: Matrix } {
  const A = c.transA ? testMatrix(c.k, c.m, c.seed, c.kind) : testMatrix(c.m, c.k, c.seed, c.kind);
  const B = c.transB ? testMatrix(c.n, c.k, c.seed + 1, c.kind) : testMatrix(c.k, c.n, c.seed + 1, c.kind);
  // Without accumulate, out's old contents (NaN here) must not leak into the result.
  const C0 = c.accumulate ? testMatrix(c.m, c.n, c.seed + 2, c.kind) : Matrix.fill(c.m, c.n, Number.NaN);
  return { A, B, C0, b: testMatrix(c.m, 1, c.seed + 3, c.kind) };
}

function run(mode: 'js' | 'wasm', c: Case, ops: ReturnType<typeof operands>): Float64Array {
  setGemmEngine(mode);
  const C = ops.C0.data.slice();
  gemm(C, ops.A.data, c.transA, ops.B.data, c.transB, c.m, c.k, c.n, c.accumulate, c.withBias ? ops.b.data : null);
  return C;
}

/** The oracle: op(A)·op(B) by the naive loop from 0 or from C, then the bias added. */
function naive(c: Case, ops: ReturnType<typeof operands>): Float64Array {
  const opA = c.transA ? naiveTranspose(ops.A) : ops.A;
  const opB = c.transB ? naiveTranspose(ops.B) : ops.B;
  const out = naiveMatmul(opA, opB, c.accumulate ? ops.C0 : undefined).data;
  if (c.withBias) for (let i = 0; i < c.m; i++) for (let j = 0; j < c.n; j++) out[i * c.n + j] += ops.b.data[i];
  return out;
}

/** The index of the first element that differs as bits (`Object.is`: NaN = NaN, 0 ≠ −0), or −1. */
function firstDifference(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return i;
  return -1;
}

function expectSameBits(c: Case, withNaive: boolean, ops = operands(c)): void {
  const wasm = run('wasm', c, ops);
  const js = run('js', c, ops);
  setGemmEngine('auto');
  const i = firstDifference(wasm, js);
  expect(i, `wasm ${wasm[i]} vs js ${js[i]} at ${i} for ${JSON.stringify(c)}`).toBe(-1);
  if (withNaive) {
    const o = naive(c, ops);
    const j = firstDifference(wasm, o);
    expect(j, `wasm ${wasm[j]} vs naive ${o[j]} at ${j} for ${JSON.stringify(c)}`).toBe(-1);
  }
}

describe('WebAssembly and JS kernels agree bit for bit', () => {
  afterEach(() => {
    setGemmEngine('auto');
  });

  // Mostly small and ragged, sometimes up to 300 (several k-blocks and row blocks).
  const dim = fc.oneof(fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1, max: 300 }));
  const product = fc.record<Case>({
    m: dim,
    k: dim,
    n: dim,
    transA: fc.boolean(),
    transB: fc.boolean(),
    accumulate: fc.boolean(),
    withBias: fc.boolean(),
    kind: fc.constantFrom<ValueKind>(...ALL_KINDS),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
  });

  it('on random shapes, transposes, accumulate, bias and values (incl. ±0, NaN, ±Infinity, wide exponents)', () => {
    fc.assert(
      fc.property(product, (c) => expectSameBits(c, c.m * c.k * c.n <= 2e6)),
      { seed: 20_250_101, numRuns: 80 },
    );
  });

  // A thin op(A) (up to 16 rows) with op(B) not transposed reads B's rows in place, unpacked: a
  // ragged last panel reads past each row (the next row's first numbers, past the last row whatever
  // follows) into C's padding columns only. Every thin height, around both ends of that path.
  it('on thin products that read op(B) in place (m ≤ 16, ragged n), at every height from 1 to 17', () => {
    for (let m = 1; m <= 17; m++) {
      for (const [k, n] of [
        [1, 1],
        [2, 3],
        [5, 7],
        [300, 6],
        [3, 401],
      ]) {
        const c: Case = {
          m,
          k,
          n,
          transA: m % 2 === 0,
          transB: false,
          accumulate: m % 3 === 0,
          withBias: m % 4 !== 1,
          kind: 'special',
          seed: 31 * m + k + n,
        };
        expectSameBits(c, true);
      }
    }
  });

  // Operands too large for the engine's memory at once (8 MiB): it works through 512³ chunks,
  // copying blocks in and out, C kept across a chunk's k, the bias added after the last. Each shape
  // overflows it another way: op(A), op(B), C (ragged last chunks throughout).
  const large: [number, number, number][] = [
    [1030, 1030, 9],
    [9, 1030, 1030],
    [700, 6, 1501],
    [2, 210_001, 3],
    [260_001, 2, 3],
  ];
  for (const [m, k, n] of large) {
    it(`when operands do not fit at once: (${m}, ${k})·(${k}, ${n}) in every layout`, () => {
      // One set of numbers for all four layouts (only their reading as (m, k) or (k, m) changes).
      const c: Case = {
        m,
        k,
        n,
        transA: false,
        transB: false,
        accumulate: true,
        withBias: true,
        kind: 'special',
        seed: m + k + n,
      };
      const ops = operands(c);
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          expectSameBits({ ...c, transA, transB, accumulate: transA !== transB, withBias: transA }, false, ops);
        }
      }
    });
  }
});

describe('without WebAssembly SIMD, products run on the JS kernel', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  const A = Matrix.from([
      [1, 2, 3],
      [4, 5, 6],
    ]),
    B = Matrix.from([
      [1, 0],
      [0, 1],
      [2, -1],
    ]);
  const refused = (): never => {
    // What a page whose Content-Security-Policy lacks 'wasm-unsafe-eval' throws.
    throw new WebAssembly.CompileError(
      "WebAssembly.Module(): Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not an allowed source",
    );
  };
  const runtimes: [string, unknown][] = [
    ['no WebAssembly at all', undefined],
    ['no SIMD (the module does not validate)', { ...WebAssembly, validate: () => false }],
    ['compilation refused (CSP)', { ...WebAssembly, validate: () => true, Module: refused }],
  ];
  for (const [name, stub] of runtimes) {
    it(name, async () => {
      vi.resetModules();
      vi.stubGlobal('WebAssembly', stub);
      const fresh = await import('../../src/matrix/gemm.js');
      expect(fresh.setGemmEngine('wasm')).toBe(false);
      const C = new Float64Array(4).fill(Number.NaN);
      fresh.gemm(C, A.data, false, B.data, false, 2, 3, 2, false, Float64Array.of(0.5, -1));
      expect(Array.from(C)).toEqual([7.5, -0.5, 15, -2]);
    });
  }
});
