/**
 * The thread pool behind `bottomup/parallel`: {@link startParallel} starts the workers and routes the
 * core's large matrix products through {@link parallelGemm}, which splits each one by output columns.
 *
 * Bit-identity: every element of `C` is one running sum in increasing `k` whichever thread computes
 * it — the same engine code (`gemm.wat`, on shared memory), the same blocking, the same operands —
 * so a product split across threads gives one thread's bits. Columns are split in whole 4-column
 * panels; each thread writes its own block of `C` (its own row stride) and packs into its own
 * scratch, and all read the same operands.
 *
 * @internal
 * @module
 */
import { setGemmHook } from 'bottomup';
import { copy, pad } from '../matrix/gemm.js';
import { SHARED_GEMM_WASM } from '../matrix/shared-gemm-wasm.js';
import { fmtValue } from '../errors.js';
import { checkInteger, checkNumber, checkOptions } from '../validate/values.js';
import { SLOT, SPIN, WORKER_SOURCE } from './worker.js';

/** Options of {@link startParallel}. */
export interface ParallelOptions {
  /**
   * Threads that share each large product: this one and `threads − 1` workers, 2 to {@link MAX_THREADS}
   * (default 2). More threads than cores only adds waiting.
   */
  threads?: number;
  /**
   * Products of fewer multiply-adds `m·k·n` than this stay on one thread, where waking the workers
   * would cost more than it saves (default {@link PARALLEL_MIN_WORK}). Products of fewer than 8 output
   * columns always do.
   */
  minWork?: number;
}

/** The running pool, from {@link startParallel}. */
export interface ParallelPool {
  /** The threads sharing each large product (this one included). */
  readonly threads: number;
  /** Products of at least this many multiply-adds are split. */
  readonly minWork: number;
  /**
   * Stops the workers and returns products to the single-thread engine (with the same results).
   * Resolves once they have exited; closing again does nothing.
   */
  close(): Promise<void>;
}

/** The most threads a pool may have. */
export const MAX_THREADS = 16;
/**
 * The default {@link ParallelOptions.minWork}: from about this many multiply-adds on, two threads
 * beat one (measured on Node 20, 2 cores: `bench/parallel.ts`).
 */
export const PARALLEL_MIN_WORK = 100_000;

/** Bytes of one thread's scratch: PA (128 × 256 f64) and PB (256 × 4 f64), as in gemm.wat. */
const SCRATCH = 270_336;
/** Bytes for operands: as the single-thread engine's (8 MiB less its scratch). */
const OPERANDS = 8_388_608 - 270_352;
/** Chunk edge for products whose operands do not fit at once, as the single-thread engine's. */
const CHUNK = 512;

/** The engine's export: `gemm(m, k, n, a, ars, aps, b, bps, bcs, c, bias, flags)`, see gemm.wat. */
type WasmGemm = (...args: number[]) => void;

/** A started worker, Node's or the browser's. */
interface Thread {
  post(message: unknown): void;
  /** Resolves with the worker's first message. */
  first: Promise<unknown>;
  stop(): Promise<void>;
}

/** The running pool's state. */
interface Team {
  threads: number;
  minWork: number;
  heap: Float64Array;
  /** Index in `heap` where operands start. */
  base: number;
  run: WasmGemm;
  control: Int32Array;
  /** The last job number posted to each worker. */
  posted: number[];
  /** Column boundaries of the threads' shares of the current product, `threads + 1` of them. */
  at: Int32Array;
  /** Whether this thread may block in `Atomics.wait` (not a browser's main thread). */
  canWait: boolean;
  workers: Thread[];
}

let team: Team | null = null;
/** Set while a pool is starting, so a second start is refused then too. */
let starting = false;

const OP = 'startParallel';

/**
 * Starts `threads − 1` worker threads (Node's `worker_threads`, or Web Workers in a browser) sharing
 * WebAssembly memory with this one, and from then on splits every large matrix product — every
 * `matmul` variant, so `fit`, `forward`, `backward` and `predict` — by output columns across them:
 * with bit-identical results to one thread, so seeds, digests and saved models stay what they were.
 *
 * Products stay synchronous: this thread computes its share, then waits for the others (blocking
 * in `Atomics.wait`, or spinning on a browser's main thread, where waiting is not allowed).
 * Everything else (activations, losses, optimizer steps) stays on this thread. Needs WebAssembly
 * SIMD and `SharedArrayBuffer`, which a browser only offers to cross-origin isolated pages
 * (`Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`).
 *
 * One pool at a time: {@link ParallelPool.close} it before starting another. The workers do not keep
 * Node running.
 *
 * @example
 * ```ts
 * import { startParallel } from 'bottomup/parallel';
 *
 * const pool = await startParallel({ threads: 2 });
 * pool.threads; //=> 2
 * await pool.close();
 * ```
 *
 * @throws RangeError / TypeError for a bad `threads` or `minWork`; Error when a pool is already
 * running, or when shared memory, WebAssembly SIMD or worker threads are not available here.
 */
export async function startParallel(options: ParallelOptions = {}): Promise<ParallelPool> {
  checkOptions(OP, options, ['threads', 'minWork']);
  const threads = checkNumber(OP, 'threads', options.threads ?? 2);
  if (!Number.isInteger(threads) || threads < 2 || threads > MAX_THREADS) {
    throw new RangeError(`${OP}: expected threads to be an integer from 2 to ${MAX_THREADS}, got ${fmtValue(threads)}`);
  }
  const minWork = checkInteger(OP, 'minWork', options.minWork ?? PARALLEL_MIN_WORK, 0);
  if (team !== null || starting) {
    const running = team === null ? 'starting' : `running (${team.threads} threads)`;
    throw new Error(`${OP}: a pool is already ${running}; close it before starting another`);
  }
  if (typeof SharedArrayBuffer === 'undefined') {
    throw new Error(
      `${OP}: SharedArrayBuffer is not available here; a browser offers it only to cross-origin isolated ` +
        'pages (served with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)',
    );
  }
  starting = true;
  const workers: Thread[] = [];
  try {
    let memory: WebAssembly.Memory, module: WebAssembly.Module;
    const bytes = 16 + threads * SCRATCH + OPERANDS;
    const pages = Math.ceil(bytes / 65_536);
    try {
      memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
      module = new WebAssembly.Module(Uint8Array.from(SHARED_GEMM_WASM.match(/../g) ?? [], (h) => parseInt(h, 16)));
    } catch (e) {
      throw new Error(`${OP}: WebAssembly with SIMD and shared memory is not available here (${String(e)})`);
    }
    const control = new SharedArrayBuffer(threads * SLOT * 4);
    const spawn = await spawner();
    for (let w = 1; w < threads; w++) {
      const worker = spawn();
      workers.push(worker);
      worker.post({ module, memory, control, slot: w, pa: 16 + w * SCRATCH, pb: 262_160 + w * SCRATCH });
    }
    for (const reply of await Promise.all(workers.map((w) => w.first))) {
      if (reply !== 'ready') {
        const why = (reply as { error?: unknown } | null)?.error;
        throw new Error(`${OP}: a worker thread failed to start: ${String(why)}`);
      }
    }
    const run = new WebAssembly.Instance(module, { env: { memory, pa: 16, pb: 262_160 } }).exports.gemm as WasmGemm;
    const t: Team = {
      threads,
      minWork,
      heap: new Float64Array(memory.buffer),
      base: (16 + threads * SCRATCH) / 8,
      run,
      control: new Int32Array(control),
      posted: new Array<number>(threads).fill(0),
      at: new Int32Array(threads + 1),
      canWait: canWait(),
      workers,
    };
    team = t;
    setGemmHook(parallelGemm);
    return { threads, minWork, close: () => close(t) };
  } catch (e) {
    await Promise.all(workers.map((w) => w.stop()));
    throw e;
  } finally {
    starting = false;
  }
}

async function close(t: Team): Promise<void> {
  if (team !== t) return;
  team = null;
  setGemmHook(null);
  for (let w = 1; w < t.threads; w++) {
    Atomics.store(t.control, w * SLOT, -1);
    Atomics.notify(t.control, w * SLOT);
  }
  await Promise.all(t.workers.map((w) => w.stop()));
}

/** Whether this thread may block in `Atomics.wait` (a browser's main thread may not: it throws). */
function canWait(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/** A function that starts one worker running {@link WORKER_SOURCE}: Web Workers where they exist, else Node's. */
async function spawner(): Promise<() => Thread> {
  if (typeof Worker === 'function' && typeof Blob === 'function' && typeof URL.createObjectURL === 'function') {
    const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
    return () => {
      const worker = new Worker(url);
      const first = new Promise<unknown>((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => resolve({ error: e.message });
      });
      return {
        post: (m) => worker.postMessage(m),
        first,
        stop: async () => worker.terminate(),
      };
    };
  }
  let threads: typeof import('node:worker_threads');
  try {
    // A specifier in a variable: browser bundlers leave it alone, and browsers never get here.
    const name = 'node:worker_threads';
    threads = (await import(/* @vite-ignore */ name)) as typeof import('node:worker_threads');
  } catch {
    throw new Error(`${OP}: no worker threads here (neither Web Workers nor node:worker_threads)`);
  }
  return () => {
    const worker = new threads.Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    const first = new Promise<unknown>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', (e) => resolve({ error: e.message }));
    });
    return {
      post: (m) => worker.postMessage(m),
      first,
      stop: async () => {
        await worker.terminate();
      },
    };
  };
}

/**
 * The core's large products, split by output columns across the pool: `C = op(A)·op(B)` (`+=` when
 * `accumulate`), plus `bias·1ᵀ`, as `gemm` in src/matrix/gemm.ts. Returns `false` (the core then
 * computes it on one thread) below the pool's `minWork` or under 8 columns.
 */
export function parallelGemm(
  C: Float64Array,
  A: Float64Array,
  transA: boolean,
  B: Float64Array,
  transB: boolean,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
  bias: Float64Array | null,
): boolean {
  const t = team;
  if (t === null || n < 8 || m * k * n < t.minWork) return false;
  const H = t.heap;
  const whole = pad(m) * pad(n) + m * k + k * n + m + 3 <= H.length - t.base;
  const MB = whole ? m : Math.min(CHUNK, m),
    NB = whole ? n : Math.min(CHUNK, n),
    KB = whole ? k : Math.min(CHUNK, k);
  const c = t.base,
    a = c + pad(MB) * pad(NB),
    b = a + MB * KB,
    bi = b + KB * NB;
  for (let i0 = 0; i0 < m; i0 += MB) {
    const mb = Math.min(MB, m - i0);
    if (bias !== null) copy(H, bi, 1, bias, i0, 1, mb, 1);
    for (let j0 = 0; j0 < n; j0 += NB) {
      const nb = Math.min(NB, n - j0);
      // Thread `r` takes columns [at[r], at[r + 1]): whole 4-column panels, the ragged one last. Its block
      // of C follows the others' (all whole panels), at c + pad(mb)·at[r], with its own row stride.
      const at = t.at,
        panels = pad(nb) / 4;
      for (let r = 0; r <= t.threads; r++) at[r] = Math.min(nb, Math.floor((r * panels) / t.threads) * 4);
      if (accumulate) {
        for (let r = 0; r < t.threads; r++) {
          const s = at[r],
            w = at[r + 1] - s;
          if (w > 0) copy(H, c + pad(mb) * s, pad(w), C, i0 * n + j0 + s, n, mb, w);
        }
      }
      for (let p0 = 0; p0 < k; p0 += KB) {
        const kb = Math.min(KB, k - p0);
        if (transA) copy(H, a, mb, A, p0 * m + i0, m, kb, mb);
        else copy(H, a, kb, A, i0 * k + p0, k, mb, kb);
        if (transB) copy(H, b, kb, B, j0 * k + p0, k, nb, kb);
        else copy(H, b, nb, B, p0 * n + j0, n, kb, nb);
        // The single-thread engine's flags, for the same reasons (gemm.ts).
        const flags =
          (accumulate || p0 > 0 ? 1 : 0) | (bias !== null && p0 + kb === k ? 2 : 0) | (!transB && mb <= 16 ? 4 : 0);
        split(t, mb, kb, a, transA, b, transB, nb, c, bi, flags);
      }
      for (let r = 0; r < t.threads; r++) {
        const s = at[r],
          w = at[r + 1] - s;
        if (w > 0) copy(C, i0 * n + j0 + s, n, H, c + pad(mb) * s, pad(w), mb, w);
      }
    }
  }
  return true;
}

/**
 * Runs one in-memory product's column ranges `t.at`: worker `w` the range `w − 1`, this thread the
 * last (the ragged one), then waits for the workers. Arguments as the engine takes them (gemm.wat).
 */
function split(
  t: Team,
  mb: number,
  kb: number,
  a: number,
  transA: boolean,
  b: number,
  transB: boolean,
  nb: number,
  c: number,
  bi: number,
  flags: number,
): void {
  const ctl = t.control,
    at = t.at,
    last = t.threads - 1;
  const ars = transA ? 8 : kb * 8,
    aps = transA ? mb * 8 : 8,
    bps = transB ? 8 : nb * 8,
    bcs = transB ? kb * 8 : 8;
  for (let w = 1; w <= last; w++) {
    const s = at[w - 1],
      o = w * SLOT;
    if (at[w] <= s) continue;
    ctl[o + 3] = mb;
    ctl[o + 4] = kb;
    ctl[o + 5] = at[w] - s;
    ctl[o + 6] = a * 8;
    ctl[o + 7] = ars;
    ctl[o + 8] = aps;
    ctl[o + 9] = b * 8 + s * bcs;
    ctl[o + 10] = bps;
    ctl[o + 11] = bcs;
    ctl[o + 12] = (c + pad(mb) * s) * 8;
    ctl[o + 13] = bi * 8;
    ctl[o + 14] = flags;
    Atomics.store(ctl, o, ++t.posted[w]);
    Atomics.notify(ctl, o);
  }
  const s = at[last];
  if (at[last + 1] > s) {
    t.run(mb, kb, at[last + 1] - s, a * 8, ars, aps, b * 8 + s * bcs, bps, bcs, (c + pad(mb) * s) * 8, bi * 8, flags);
  }
  let failed = false;
  for (let w = 1; w <= last; w++) {
    if (at[w] <= at[w - 1]) continue;
    const o = w * SLOT + 1;
    // A short spin first: a share finishing about when this thread's does skips a sleep and wake-up.
    let d = Atomics.load(ctl, o);
    for (let i = 0; d !== t.posted[w] && i < SPIN; i++) d = Atomics.load(ctl, o);
    for (; d !== t.posted[w]; d = Atomics.load(ctl, o)) if (t.canWait) Atomics.wait(ctl, o, d);
    if (Atomics.load(ctl, o + 1) !== 0) failed = true;
  }
  if (failed) throw new Error('parallel matmul: a worker thread failed to compute its share');
}
