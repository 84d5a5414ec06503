/**
 * The code each worker thread runs, as a string: started with `new Worker(code, { eval: true })` from
 * `node:worker_threads` in Node, or from a Blob URL as a Web Worker in browsers, so it needs no file
 * of its own next to the bundle.
 *
 * Its first message brings the compiled engine (a `WebAssembly.Module`), the shared memory, the
 * control buffer and its scratch addresses. It instantiates the engine on them, answers `'ready'` (or
 * `{ error }`), and from then on never returns to its event loop: it waits for the job number to
 * change (`Atomics.wait`, after a short spin), joins the job unless it is already closed, and takes
 * chunks of it ({@link work}) until none is left. A job number of −1 ends the loop.
 *
 * Joining is what lets the main thread never wait for a worker that wakes late: the main thread
 * takes chunks too, closes the job when none is left, and then waits only for the workers that
 * joined before it closed (the ACTIVE count): a worker that arrives later leaves without reading
 * the job, whose words the main thread may already be rewriting.
 *
 * @internal
 * @module
 */

/** Int32 words of the control buffer: the job number, the joined workers, the last closed job. */
export const SEQ = 0,
  ACTIVE = 1,
  CLOSED = 2;
/** Int32 words of the control buffer: the next chunk to take, and a worker's error flag. */
export const NEXT = 3,
  ERROR = 4;
/** Int32 words of the control buffer: the job (see {@link work}), from this word on. */
export const JOB = 5;
/** Int32 words in the control buffer. */
export const CONTROL_WORDS = JOB + 15;

/**
 * Loads of a counter before a thread falls asleep on it (some 40 µs): a job, or the workers' end,
 * arriving by then skips a sleep and a wake-up.
 */
export const SPIN = 2000;

/**
 * Takes chunks of the posted job from `c[NEXT]` until none is left, and runs each on `gemm` (the
 * engine's export, see gemm.wat). The job, from `c[JOB]`: the axis (0: chunks of columns, each with
 * its own block of C, one after the other; 1: chunks of rows of one C), the chunk's size (a multiple
 * of 4), the number of chunks, then the engine's 12 arguments for the whole product. Returns how many it
 * ran. Shared by the
 * main thread and, as source text, the workers: it must use nothing but its arguments.
 */
export function work(gemm: (...args: number[]) => void, c: Int32Array): number {
  const axis = c[5],
    size = c[6],
    count = c[7];
  const m = c[8],
    k = c[9],
    n = c[10],
    a = c[11],
    ars = c[12],
    aps = c[13],
    b = c[14],
    bps = c[15],
    bcs = c[16],
    out = c[17],
    bias = c[18],
    flags = c[19];
  let ran = 0;
  for (let q = Atomics.add(c, 3, 1); q < count; q = Atomics.add(c, 3, 1), ran++) {
    const s = q * size;
    if (axis === 0) {
      gemm(m, k, Math.min(size, n - s), a, ars, aps, b + s * bcs, bps, bcs, out + ((m + 3) & -4) * s * 8, bias, flags);
    } else {
      gemm(
        Math.min(size, m - s),
        k,
        n,
        a + s * ars,
        ars,
        aps,
        b,
        bps,
        bcs,
        out + s * ((n + 3) & -4) * 8,
        bias + s * 8,
        flags,
      );
    }
  }
  return ran;
}

/** The worker's source. */
export const WORKER_SOURCE = `'use strict';
const work = (${work.toString()});
const start = (d, post) => {
  let gemm;
  try {
    const env = { memory: d.memory, pa: d.pa, pb: d.pb };
    gemm = new WebAssembly.Instance(d.module, { env }).exports.gemm;
  } catch (e) {
    post({ error: String(e && e.message || e) });
    return;
  }
  const c = new Int32Array(d.control);
  post('ready');
  let last = 0;
  for (;;) {
    let s = Atomics.load(c, ${SEQ});
    for (let i = 0; s === last && i < ${SPIN}; i++) s = Atomics.load(c, ${SEQ});
    while (s === last) {
      Atomics.wait(c, ${SEQ}, last);
      s = Atomics.load(c, ${SEQ});
    }
    if (s < 0) return;
    last = s;
    Atomics.add(c, ${ACTIVE}, 1);
    if (Atomics.load(c, ${CLOSED}) < s) {
      try {
        work(gemm, c);
      } catch {
        Atomics.store(c, ${ERROR}, 1);
      }
    }
    if (Atomics.sub(c, ${ACTIVE}, 1) === 1) Atomics.notify(c, ${ACTIVE});
  }
};
if (typeof require === 'function') {
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', (d) => start(d, (m) => parentPort.postMessage(m)));
} else {
  self.onmessage = (e) => start(e.data, (m) => self.postMessage(m));
}
`;
