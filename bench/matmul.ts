/**
 * Matrix-multiply benchmark: GFLOP/s (2·m·k·n / time) of bottomup's allocation-free products next to
 * a naive triple loop over `number[][]`, measured in the same run on the same operands.
 *
 * Run: `npx tsx bench/matmul.ts` (prints a markdown table; add `--cpu` to time with process CPU time on a
 * busy shared machine, `--js` to force the JS kernel where WebAssembly SIMD would run). `runMatmulBench()` returns the rows, for
 * a suite runner. Every figure is the median of several timed samples taken after a warm-up; the
 * samples of bottomup and of the naive loop alternate, so both see the same background load.
 */
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setGemmEngine } from '../src/matrix/gemm.js';
import { Matrix, matmulInto, matmulTransposeAInto, matmulTransposeBInto } from '../src/matrix/index.js';

/** Which product a row measures. */
export type MatmulKind = 'A·B' | 'Aᵀ·B' | 'A·Bᵀ';

/** One row of the benchmark table. */
export interface MatmulBenchRow {
  /** What is measured: the square size `n`, or a training shape such as `dW = dZ·Aᵀ`. */
  label: string;
  /** The product computed. */
  kind: MatmulKind;
  /** The product's dimensions: `op(A)` is `(m, k)`, `op(B)` is `(k, n)`. */
  m: number;
  k: number;
  n: number;
  /** Median GFLOP/s of bottomup's `…Into` kernel with a preallocated `out`. */
  bottomupGflops: number;
  /** Median GFLOP/s of the naive triple loop over `number[][]`. */
  naiveGflops: number;
  /** `bottomupGflops / naiveGflops`. */
  ratio: number;
  /** Whether both gave bit-identical results (they sum in the same order, so they must). */
  identical: boolean;
}

/** Options for {@link runMatmulBench}. */
export interface MatmulBenchOptions {
  /** Square sizes to measure. Default `[64, 128, 256, 512]`. */
  sizes?: readonly number[];
  /** Include the training shapes (`dW = dZ·Aᵀ`, `dA = Wᵀ·dZ`). Default `true`. */
  trainingShapes?: boolean;
  /** Approximate seconds of timed samples per implementation and shape (plus warm-up). Default `0.5`. */
  secondsPerShape?: number;
  /**
   * `'wall'` (default) times with `performance.now()`; `'cpu'` with the process's CPU time
   * (`process.cpuUsage()`), which leaves out time spent descheduled on a busy shared machine.
   */
  clock?: 'wall' | 'cpu';
  /** Called with each finished row (for progress output). */
  onRow?: (row: MatmulBenchRow) => void;
}

// ----------------------------------------------------------------------------------------------
// The naive baselines: textbook triple loops, each element summed in increasing p from 0.

function naiveAB(C: number[][], A: number[][], B: number[][], m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[i][p] * B[p][j];
      C[i][j] = s;
    }
  }
}

/** `C = Aᵀ·B` with `A` stored `(k, m)`. */
function naiveAtB(C: number[][], A: number[][], B: number[][], m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[p][i] * B[p][j];
      C[i][j] = s;
    }
  }
}

/** `C = A·Bᵀ` with `B` stored `(n, k)`. */
function naiveABt(C: number[][], A: number[][], B: number[][], m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[i][p] * B[j][p];
      C[i][j] = s;
    }
  }
}

// ----------------------------------------------------------------------------------------------
// Timing

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
};

/** Milliseconds on the chosen clock. */
type Clock = () => number;
const wallClock: Clock = () => performance.now();
const cpuClock: Clock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Warms `fn` up (at least 3 calls and ~10% of the budget, so the JIT has optimised it) and returns seconds per call. */
function warmUp(fn: () => void, seconds: number, now: Clock): number {
  const end = now() + seconds * 100;
  const t0 = now();
  let calls = 0;
  do {
    fn();
    calls++;
  } while (calls < 3 || now() < end);
  return (now() - t0) / calls / 1000;
}

/**
 * Median seconds per call of `fast` and of `slow`. Their samples alternate, so on a shared machine
 * both see the same background load and the ratio stays meaningful. Each sample repeats its function
 * enough times that all samples of one function fill about `seconds`.
 */
function timePair(fast: () => void, slow: () => void, seconds: number, now: Clock): [number, number] {
  const fastSingle = warmUp(fast, seconds, now);
  const slowSingle = warmUp(slow, seconds, now);
  const samples = Math.max(3, Math.min(9, Math.floor(seconds / Math.max(fastSingle, slowSingle))));
  const reps = (single: number): number => Math.max(1, Math.round(seconds / samples / single));
  const fastReps = reps(fastSingle),
    slowReps = reps(slowSingle);
  const fastTimes: number[] = [],
    slowTimes: number[] = [];
  const sample = (fn: () => void, n: number): number => {
    const t0 = now();
    for (let r = 0; r < n; r++) fn();
    return (now() - t0) / 1000 / n;
  };
  for (let s = 0; s < samples; s++) {
    fastTimes.push(sample(fast, fastReps));
    slowTimes.push(sample(slow, slowReps));
  }
  return [median(fastTimes), median(slowTimes)];
}

function measure(
  label: string,
  kind: MatmulKind,
  m: number,
  k: number,
  n: number,
  seconds: number,
  seed: number,
  now: Clock,
): MatmulBenchRow {
  // Operands as stored: A is (m, k) or, for Aᵀ·B, (k, m); B is (k, n) or, for A·Bᵀ, (n, k).
  const A = kind === 'Aᵀ·B' ? Matrix.randn(k, m, { random: seed }) : Matrix.randn(m, k, { random: seed });
  const B = kind === 'A·Bᵀ' ? Matrix.randn(n, k, { random: seed + 1 }) : Matrix.randn(k, n, { random: seed + 1 });
  const out = Matrix.zeros(m, n);
  const a = A.toArray(),
    b = B.toArray();
  const c: number[][] = Array.from({ length: m }, () => new Array<number>(n).fill(0));

  const kernel = kind === 'A·B' ? matmulInto : kind === 'Aᵀ·B' ? matmulTransposeAInto : matmulTransposeBInto;
  const naive = kind === 'A·B' ? naiveAB : kind === 'Aᵀ·B' ? naiveAtB : naiveABt;

  const [fast, slow] = timePair(
    () => kernel(out, A, B),
    () => naive(c, a, b, m, k, n),
    seconds,
    now,
  );

  const identical = out.toArray().every((row, i) => row.every((v, j) => Object.is(v, c[i][j])));
  const flops = 2 * m * k * n;
  const bottomupGflops = flops / fast / 1e9;
  const naiveGflops = flops / slow / 1e9;
  return { label, kind, m, k, n, bottomupGflops, naiveGflops, ratio: bottomupGflops / naiveGflops, identical };
}

/**
 * Runs the matmul benchmark and returns its rows: square `A·B` for each size, then the backward
 * pass's training shapes with `matmulTransposeBInto` and `matmulTransposeAInto`.
 *
 * @param options - sizes, whether to include training shapes, time budget, progress callback.
 * @returns one row per shape, with median GFLOP/s of bottomup and of the naive loop.
 */
export function runMatmulBench(options: MatmulBenchOptions = {}): MatmulBenchRow[] {
  const sizes = options.sizes ?? [64, 128, 256, 512];
  const seconds = options.secondsPerShape ?? 0.5;
  const now = options.clock === 'cpu' ? cpuClock : wallClock;
  const rows: MatmulBenchRow[] = [];
  const push = (row: MatmulBenchRow): void => {
    rows.push(row);
    options.onRow?.(row);
  };
  for (const n of sizes) push(measure(String(n), 'A·B', n, n, n, seconds, n, now));
  if (options.trainingShapes ?? true) {
    // Dense(784 → 128), batch 64: dW = dZ·Aᵀ with dZ (128, 64) and A (784, 64).
    push(measure('dW = dZ·Aᵀ, dZ (128, 64), A (784, 64)', 'A·Bᵀ', 128, 64, 784, seconds, 1, now));
    // Dense(128 → 10), batch 64: dA = Wᵀ·dZ with W (10, 128) and dZ (10, 64).
    push(measure('dA = Wᵀ·dZ, W (10, 128), dZ (10, 64)', 'Aᵀ·B', 128, 10, 64, seconds, 2, now));
    // Dense(128 → 64), batch 64: dA = Wᵀ·dZ with W (64, 128) and dZ (64, 64).
    push(measure('dA = Wᵀ·dZ, W (64, 128), dZ (64, 64)', 'Aᵀ·B', 128, 64, 64, seconds, 3, now));
  }
  return rows;
}

/**
 * Formats rows as a markdown table: `n`, bottomup GFLOP/s, naive GFLOP/s, ratio.
 *
 * @param rows - rows from {@link runMatmulBench}.
 * @returns the table, one line per row after the header.
 */
export function formatMatmulTable(rows: readonly MatmulBenchRow[]): string {
  const lines = ['| n | bottomup GFLOP/s | naive GFLOP/s | ratio |', '|---|---:|---:|---:|'];
  for (const r of rows) {
    const label = r.kind === 'A·B' ? r.label : `${r.label} (${r.kind})`;
    const flag = r.identical ? '' : ' (results differ!)';
    lines.push(
      `| ${label} | ${r.bottomupGflops.toFixed(2)} | ${r.naiveGflops.toFixed(2)} | ${r.ratio.toFixed(1)}×${flag} |`,
    );
  }
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const clock = process.argv.includes('--cpu') ? 'cpu' : 'wall';
  const wasm = setGemmEngine(process.argv.includes('--js') ? 'js' : 'auto');
  const load = os.loadavg()[0].toFixed(2);
  console.log(
    `matmul: Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, load ${load}; ` +
      `${wasm ? 'WebAssembly SIMD' : 'JS'} kernel; ${clock} clock, medians of interleaved samples after warm-up`,
  );
  const rows = runMatmulBench({ clock, onRow: (r) => console.error(`  measured ${r.label}`) });
  console.log(formatMatmulTable(rows));
}
