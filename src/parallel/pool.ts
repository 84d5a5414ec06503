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
import { type BlockRunner, blocked, copy, pad } from '../matrix/gemm.js';
import { SHARED_GEMM_WASM } from '../matrix/shared-gemm-wasm.js';
import { fmtValue } from '../errors.js';
import { checkInteger, checkNumber, checkOptions } from '../validate/values.js';
import { ACTIVE, CLOSED, CONTROL_WORDS, ERROR, JOB, NEXT, SEQ, SPIN, WORKER_SOURCE, work } from './worker.js';

/** Options of {@link startParallel}. */
export interface ParallelOptions {
  /**
   * Threads that share each large product: this one and `threads − 1` workers, 2 to {@link MAX_THREADS}
   * (default 2). More threads than cores only adds waiting.
   */
  threads?: number;
  /**
   * Products of fewer multiply-adds `m·k·n` than this stay on one thread, where waking the workers
   * would cost more than it saves (default {@link PARALLEL_MIN_WORK}). Products with fewer than 8 rows
   * and fewer than 8 columns always do.
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
 * The default {@link ParallelOptions.minWork}: below a few hundred thousand multiply-adds (some
 * 100 µs on one thread), waking a worker (tens of µs) costs about what it saves (measured on Node 20,
 * 2 cores).
 */
export const PARALLEL_MIN_WORK = 500_000;

/** Bytes of one thread's scratch: PA (128 × 256 f64) and PB (256 × 4 f64), as in gemm.wat. */
const SCRATCH = 270_336;
/** Bytes for operands: as the single-thread engine's (8 MiB less its scratch). */
const OPERANDS = 8_388_608 - 270_352;

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
  /** Whether this thread may block in `Atomics.wait` (not a browser's main thread). */
  canWait: boolean;
  workers: Thread[];
}

let team: Team | null = null;

/** Chunks of products posted since the process started, and how many of them this thread ran (for the tests). */
export const chunks = { total: 0, here: 0 };
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
 * import { Matrix } from 'bottomup';
 * import { startParallel } from 'bottomup/parallel';
 *
 * const pool = await startParallel({ threads: 2 });
 * pool.threads; //=> 2
 * // 200·100·50 = 1 000 000 multiply-adds: split between this thread and the worker
 * Matrix.fill(200, 100, 0.5).matmul(Matrix.fill(100, 50, 2)).data[0]; //=> 100
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
    const control = new SharedArrayBuffer(CONTROL_WORDS * 4);
    const spawn = await spawner();
    for (let w = 1; w < threads; w++) {
      const worker = spawn();
      workers.push(worker);
      worker.post({ module, memory, control, pa: 16 + w * SCRATCH, pb: 262_160 + w * SCRATCH });
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
  Atomics.store(t.control, SEQ, -1);
  Atomics.notify(t.control, SEQ);
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
 * The core's large products, split across the pool: `C = op(A)·op(B)` (`+=` when `accumulate`), plus
 * `bias·1ᵀ`, as `gemm` in src/matrix/gemm.ts. Returns `false` (the core then computes it on one
 * thread) below the pool's `minWork`, or when neither `m` nor `n` reaches 8.
 *
 * Each block of the product in memory (the whole product when it fits) is cut into chunks of
 * columns, or of rows when op(A) has more rows than op(B) has columns: each chunk packs all of the
 * other operand again, and that one is then the smaller. Chunks are whole 4×4 tiles but the last, and
 * about two per thread, taken by whichever thread comes first (this one included), so a worker that
 * wakes late costs little. Same bits either way: every element of C is still one running sum.
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
  if (t === null || (m < 8 && n < 8) || m * k * n < t.minWork) return false;
  split.team = t;
  blocked(t.heap, t.base, C, A, transA, B, transB, m, k, n, accumulate, bias, split);
  return true;
}

/** The pool's {@link BlockRunner}: each block cut into chunks of rows or columns, posted to the threads. */
class SplitRunner implements BlockRunner {
  team: Team | null = null;
  /** The block's cut: 1 for chunks of rows, 0 for chunks of columns; `size` rows or columns each. */
  rows = 0;
  size = 0;

  begin(C: Float64Array, n: number, i0: number, j0: number, mb: number, nb: number, accumulate: boolean): void {
    const t = this.team as Team;
    this.rows = mb > nb ? 1 : 0;
    this.size = pad(Math.ceil((this.rows ? mb : nb) / (2 * t.threads)));
    if (accumulate) moveC(t, this.rows, this.size, C, n, i0 * n + j0, mb, nb, true);
  }

  chunk(
    mb: number,
    kb: number,
    nb: number,
    a: number,
    ars: number,
    aps: number,
    b: number,
    bps: number,
    bcs: number,
    c: number,
    bias: number,
    flags: number,
  ): void {
    const t = this.team as Team;
    const ctl = t.control;
    ctl[JOB] = this.rows;
    ctl[JOB + 1] = this.size;
    ctl[JOB + 2] = Math.ceil((this.rows ? mb : nb) / this.size);
    ctl[JOB + 3] = mb;
    ctl[JOB + 4] = kb;
    ctl[JOB + 5] = nb;
    ctl[JOB + 6] = a;
    ctl[JOB + 7] = ars;
    ctl[JOB + 8] = aps;
    ctl[JOB + 9] = b;
    ctl[JOB + 10] = bps;
    ctl[JOB + 11] = bcs;
    ctl[JOB + 12] = c;
    ctl[JOB + 13] = bias;
    ctl[JOB + 14] = flags;
    runJob(t);
  }

  end(C: Float64Array, n: number, i0: number, j0: number, mb: number, nb: number): void {
    moveC(this.team as Team, this.rows, this.size, C, n, i0 * n + j0, mb, nb, false);
  }
}
const split = new SplitRunner();

/**
 * Copies an `mb × nb` block of C (from `C[at]`, row stride `n`) out of the pool's memory, or into it
 * when `toHeap`: one block (row stride ⌈nb/4⌉·4) for chunks of rows, one block per chunk of `size`
 * columns (each its own row stride, one after the other) for chunks of columns.
 */
function moveC(
  t: Team,
  rows: number,
  size: number,
  C: Float64Array,
  n: number,
  at: number,
  mb: number,
  nb: number,
  toHeap: boolean,
): void {
  const H = t.heap,
    c = t.base;
  for (let s = 0; s < nb; s += rows ? nb : size) {
    const w = rows ? nb : Math.min(size, nb - s);
    if (toHeap) copy(H, c + pad(mb) * s, pad(w), C, at + s, n, mb, w);
    else copy(C, at + s, n, H, c + pad(mb) * s, pad(w), mb, w);
  }
}

/** Posts the job in the control words to the workers, takes chunks of it here too, then waits for them. */
function runJob(t: Team): void {
  const ctl = t.control;
  Atomics.store(ctl, NEXT, 0);
  const job = Atomics.add(ctl, SEQ, 1) + 1;
  Atomics.notify(ctl, SEQ);
  const total = ctl[JOB + 2];
  chunks.total += total;
  chunks.here += work(t.run, ctl);
  // Closed: a worker that has not joined yet will not; wait for those that did.
  Atomics.store(ctl, CLOSED, job);
  let active = Atomics.load(ctl, ACTIVE);
  for (let i = 0; active !== 0 && i < SPIN; i++) active = Atomics.load(ctl, ACTIVE);
  for (; active !== 0; active = Atomics.load(ctl, ACTIVE)) if (t.canWait) Atomics.wait(ctl, ACTIVE, active);
  if (Atomics.load(ctl, ERROR) !== 0) throw new Error('parallel matmul: a worker thread failed to compute its share');
}
