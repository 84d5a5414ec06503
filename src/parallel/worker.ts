/**
 * The code each worker thread runs, as a string: started with `new Worker(code, { eval: true })` from
 * `node:worker_threads` in Node, or from a Blob URL as a Web Worker in browsers, so it needs no file
 * of its own next to the bundle.
 *
 * Its first message brings the compiled engine (a `WebAssembly.Module`), the shared memory, the
 * control buffer, its slot and its scratch addresses. It instantiates the engine on them, answers
 * `'ready'` (or `{ error }`), and from then on never returns to its event loop: it waits on its
 * slot's job counter (`Atomics.wait`, after a short spin), runs the product whose 12 arguments the
 * main thread wrote there, and publishes the job's number as done (`Atomics.store` + `notify`),
 * with a status word (0 fine, 1 the engine threw). A job number of −1 ends the loop.
 *
 * Slot layout (Int32, {@link SLOT} words from `slot · SLOT`): 0 the job posted, 1 the job done,
 * 2 the status, 3 … 14 the engine's arguments.
 *
 * @internal
 * @module
 */

/** Int32 words per worker in the control buffer. */
export const SLOT = 16;

/**
 * Loads of a counter before a thread falls asleep on it (some 40 µs): a job, or a share's end,
 * arriving by then skips a sleep and a wake-up.
 */
export const SPIN = 2000;

/** The worker's source. */
export const WORKER_SOURCE = `'use strict';
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
  const o = d.slot * ${SLOT};
  post('ready');
  let last = 0;
  for (;;) {
    let s = Atomics.load(c, o);
    for (let i = 0; s === last && i < ${SPIN}; i++) s = Atomics.load(c, o);
    while (s === last) {
      Atomics.wait(c, o, last);
      s = Atomics.load(c, o);
    }
    if (s < 0) return;
    try {
      gemm(c[o + 3], c[o + 4], c[o + 5], c[o + 6], c[o + 7], c[o + 8],
        c[o + 9], c[o + 10], c[o + 11], c[o + 12], c[o + 13], c[o + 14]);
    } catch {
      Atomics.store(c, o + 2, 1);
    }
    last = s;
    Atomics.store(c, o + 1, s);
    Atomics.notify(c, o + 1);
  }
};
if (typeof require === 'function') {
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', (d) => start(d, (m) => parentPort.postMessage(m)));
} else {
  self.onmessage = (e) => start(e.data, (m) => self.postMessage(m));
}
`;
