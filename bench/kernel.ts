/**
 * The WebAssembly matmul kernel against the machine's f64x2 limit, in one run: a pure f64x2 mul/add
 * microbenchmark (WebAssembly, compiled here with wabt), the engine's `gemm` export on operands already
 * in its memory (the kernel with its packing, no copies), and `matmulInto` (everything: copies in and
 * out of WebAssembly memory too), in interleaved rounds so all see the same background load. Timed by
 * the process's CPU time (a busy shared machine deschedules us; CPU time leaves that out), medians over
 * the rounds with min–max, and each round's kernel/limit ratio.
 *
 * Run: `npx tsx bench/kernel.ts` (add `--wat=path.wat` to measure another kernel source in place of
 * src/matrix/gemm.wat, checked bit for bit against the committed engine; `--rounds=N`; `--wall`).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';
import { GEMM_WASM } from '../src/matrix/gemm-wasm.js';
import { Matrix, matmulInto } from '../src/matrix/index.js';
import { squareMatrix } from './peers/data.mjs';
import { median, table } from './util.js';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const SIZES = [64, 128, 256, 512];
const SAMPLE_MS = Number(args.ms ?? 40);
const clock = args.wall === 'true' ? 'wall' : 'cpu';

/** Milliseconds on the chosen clock. */
function now(): number {
  if (clock === 'wall') return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Seconds per call of `fn`, repeated for at least `ms` on the clock. */
function measure(fn: () => void, ms = 120): number {
  const t0 = now();
  let k = 0;
  let t = t0;
  do {
    fn();
    k++;
    t = now();
  } while (t - t0 < ms);
  return (t - t0) / k / 1000;
}

async function compile(text: string): Promise<WebAssembly.Exports> {
  const { parseWat } = await wabt();
  const module = parseWat('x.wat', text, { simd: true, relaxed_simd: false });
  try {
    module.validate();
    const bytes = new Uint8Array(module.toBinary({}).buffer);
    return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
  } finally {
    module.destroy();
  }
}

/**
 * The microbenchmark: `chains` independent running sums `acc_i = acc_i + x_i·y` of f64x2 per iteration,
 * `x_i` loaded from a 16-byte slot in L1 (so nothing is loop-invariant), as the micro-kernel's inner
 * loop minus its B loads: 4 FLOP (2 lanes × mul + add) per chain and iteration.
 */
function peakWat(chains: number): string {
  const c = Array.from({ length: chains }, (_, i) => i);
  return `(module (memory 1)
  (func (export "peak") (param $n i32) (result f64)
    (local $y v128) ${c.map((i) => `(local $a${i} v128)`).join(' ')}
    (local.set $y (f64x2.splat (f64.const 0.999)))
    (loop $l
      ${c.map((i) => `(local.set $a${i} (f64x2.add (local.get $a${i}) (f64x2.mul (v128.load offset=${16 * i} (i32.const 0)) (local.get $y))))`).join('\n      ')}
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (f64x2.extract_lane 0 (f64x2.add ${c.reduce((s, i) => (s ? `(f64x2.add ${s} (local.get $a${i}))` : `(local.get $a${i})`), '')} (local.get $y)))))`;
}

/**
 * The same without loads: `r` pairs `acc_i = acc_i + x_i·y` with `x_i` in registers and `y` stepped by
 * an add once per iteration (so no product is loop-invariant): `4r + 2` FLOP per iteration.
 */
function peakRegWat(r: number): string {
  const c = Array.from({ length: r }, (_, i) => i);
  return `(module
  (func (export "peak") (param $n i32) (result f64)
    (local $y v128) (local $d v128) ${c.map((i) => `(local $a${i} v128) (local $x${i} v128)`).join(' ')}
    (local.set $y (f64x2.splat (f64.const 0.5)))
    (local.set $d (f64x2.splat (f64.const 1e-300)))
    ${c.map((i) => `(local.set $x${i} (f64x2.splat (f64.const ${1 + i / 8})))`).join('\n    ')}
    (loop $l
      ${c.map((i) => `(local.set $a${i} (f64x2.add (local.get $a${i}) (f64x2.mul (local.get $x${i}) (local.get $y))))`).join('\n      ')}
      (local.set $y (f64x2.add (local.get $y) (local.get $d)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (f64x2.extract_lane 0 (f64x2.add ${c.reduce((s, i) => (s ? `(f64x2.add ${s} (local.get $a${i}))` : `(local.get $a${i})`), '')} (local.get $y)))))`;
}

/** A wasm engine's `gemm` with its memory: operands A, B, C of an `n³` product placed at `base`. */
function engineOf(e: WebAssembly.Exports, n: number): { run: () => void; C: () => Float64Array } {
  const heap = new Float64Array((e.memory as WebAssembly.Memory).buffer);
  const base = (e.base as WebAssembly.Global).value / 8;
  const pad = (n + 3) & ~3;
  const c = base,
    a = c + (n + 8) * pad, // room for tiles of up to 8 rows
    b = a + n * n;
  heap.set(squareMatrix(n, 1), a);
  heap.set(squareMatrix(n, 2), b);
  const gemm = e.gemm as (...x: number[]) => void;
  return {
    run: () => gemm(n, n, n, a * 8, n * 8, 8, b * 8, n * 8, 8, c * 8, 0, 0),
    C: () => heap.slice(c, c + pad * n),
  };
}

const fromHex = (hex: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));

export async function main(): Promise<void> {
  const rounds = Number(args.rounds ?? 15);
  const committed = new WebAssembly.Instance(new WebAssembly.Module(fromHex(GEMM_WASM))).exports;
  const candidate = args.wat ? await compile(readFileSync(resolve(args.wat), 'utf8')) : null;
  const peaks = [
    ...(await Promise.all(
      [8, 12].map(async (k) => [`${k} chains, x from L1`, 4 * k, await compile(peakWat(k))] as const),
    )),
    ...(await Promise.all(
      [5, 6].map(async (k) => [`${k} chains, registers only`, 4 * k + 2, await compile(peakRegWat(k))] as const),
    )),
  ];
  // Same bits: the candidate kernel against the committed one, at every size.
  if (candidate)
    for (const n of SIZES) {
      const x = engineOf(committed, n),
        y = engineOf(candidate, n);
      x.run();
      y.run();
      const X = x.C(),
        Y = y.C();
      let same = X.length === Y.length;
      for (let i = 0; same && i < X.length; i++) same = Object.is(X[i], Y[i]);
      if (!same) throw new Error(`--wat kernel differs from the committed one at n = ${n}`);
    }
  const ITER = 200_000;
  const series = new Map<string, number[]>();
  const push = (key: string, v: number): void => {
    const s = series.get(key) ?? [];
    s.push(v);
    series.set(key, s);
  };
  const engines = SIZES.map((n) => ({
    n,
    kernel: engineOf(committed, n),
    candidate: candidate ? engineOf(candidate, n) : null,
    A: new Matrix(n, n, squareMatrix(n, 1)),
    B: new Matrix(n, n, squareMatrix(n, 2)),
    out: new Matrix(n, n),
  }));
  const loads: number[] = [os.loadavg()[0]];
  // Short samples, alternating: every ratio is of samples taken within a few tens of milliseconds.
  for (let r = 0; r < rounds; r++) {
    for (const { n, kernel, candidate: cand, A, B, out } of engines) {
      let limit = 0;
      for (const [name, flops, e] of peaks) {
        const peak = e.peak as (n: number) => number;
        const g = (flops * ITER) / measure(() => peak(ITER), SAMPLE_MS) / 1e9;
        push(`peak ${name}`, g);
        limit = Math.max(limit, g);
      }
      push('limit', limit);
      const flop = 2 * n ** 3;
      const g = flop / measure(kernel.run, SAMPLE_MS) / 1e9;
      push(`kernel ${n}`, g);
      push(`kernel/limit ${n}`, g / limit);
      if (cand) {
        const h = flop / measure(cand.run, SAMPLE_MS) / 1e9;
        push(`candidate ${n}`, h);
        push(`candidate/limit ${n}`, h / limit);
        push(`candidate/kernel ${n}`, h / g);
      }
      const m = flop / measure(() => matmulInto(out, A, B), SAMPLE_MS) / 1e9;
      push(`matmulInto ${n}`, m);
      push(`matmulInto/limit ${n}`, m / limit);
    }
    loads.push(os.loadavg()[0]);
  }
  const cell = (key: string, d = 2): string => {
    const s = series.get(key);
    if (!s) return '—';
    return `${median(s).toFixed(d)} (${Math.min(...s).toFixed(d)}–${Math.max(...s).toFixed(d)})`;
  };
  console.log(
    `${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores, Node ${process.version}; ${rounds} rounds of ` +
      `${SAMPLE_MS} ms samples, ${clock} clock; load average ${loads[0].toFixed(1)} at the start, ` +
      `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} over the rounds\n`,
  );
  console.log(
    table(
      ['f64x2 mul/add microbenchmark', 'GFLOP/s'],
      [...peaks.map(([name]) => [name, cell(`peak ${name}`)]), ['limit (best per round)', cell('limit')]],
    ),
  );
  console.log();
  const rows = SIZES.map((n) => [
    String(n),
    cell(`kernel ${n}`),
    cell(`kernel/limit ${n}`),
    ...(candidate ? [cell(`candidate ${n}`), cell(`candidate/limit ${n}`), cell(`candidate/kernel ${n}`)] : []),
    cell(`matmulInto ${n}`),
    cell(`matmulInto/limit ${n}`),
  ]);
  console.log(
    table(
      [
        'n',
        'kernel GFLOP/s',
        'kernel ÷ limit',
        ...(candidate ? ['candidate GFLOP/s', 'candidate ÷ limit', 'candidate ÷ kernel'] : []),
        'matmulInto GFLOP/s',
        'matmulInto ÷ limit',
      ],
      rows,
    ),
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
