/**
 * `bottomup/parallel`: an opt-in parallel engine for the large matrix products — `startParallel()`
 * starts worker threads (Node's `worker_threads`, or Web Workers in browsers) on shared WebAssembly
 * memory and splits each large product by output columns across them and this thread, with
 * bit-identical results to one thread; `close()` returns to the single-thread engine.
 *
 * @remarks
 * Nothing changes for apps that do not import it: the core's engine only checks whether a pool is
 * running. Needs WebAssembly SIMD and `SharedArrayBuffer` (in a browser: a cross-origin isolated page).
 *
 * @packageDocumentation
 */
export { MAX_THREADS, PARALLEL_MIN_WORK, startParallel } from './parallel/pool.js';
export type { ParallelOptions, ParallelPool } from './parallel/pool.js';
