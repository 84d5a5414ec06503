/**
 * Small helpers shared by the library drivers in `libs/`: timing, medians, accuracy, batching.
 *
 * @module
 */
import { readFileSync } from 'node:fs';

/** Milliseconds, high resolution. */
export const now = () => performance.now();

/** @param {number[]} xs */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * Runs `fn` once untimed (warm-up) when `warmup` is set, then `reps` times, and returns the wall-clock
 * times in ms, with the process's CPU times (user + system, all threads) in ms as `.cpu`.
 *
 * @param {() => unknown | Promise<unknown>} fn
 * @param {{ reps: number, warmup?: () => unknown | Promise<unknown> }} options
 */
export async function timeRuns(fn, { reps, warmup }) {
  if (warmup) await warmup();
  const times = [];
  const cpu = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = now();
    await fn(r);
    times.push(now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  // The CPU times ride along on the array, so drivers can return `times` and `times.cpu` together.
  times.cpu = cpu;
  return times;
}

/**
 * Binary accuracy: fraction of `p[j] > 0.5` equal to `y[j] === 1`.
 *
 * @param {ArrayLike<number>} p
 * @param {ArrayLike<number>} y
 */
export function binaryAccuracy(p, y) {
  let ok = 0;
  for (let j = 0; j < y.length; j++) if (p[j] > 0.5 === (y[j] === 1)) ok++;
  return ok / y.length;
}

/**
 * Multiclass accuracy from per-example scores: `scores(j)` returns the scores of example `j`.
 *
 * @param {(j: number) => ArrayLike<number>} scores
 * @param {Int32Array} labels
 */
export function classAccuracy(scores, labels) {
  let ok = 0;
  for (let j = 0; j < labels.length; j++) {
    const s = scores(j);
    let best = 0;
    for (let c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
    if (best === labels[j]) ok++;
  }
  return ok / labels.length;
}

/**
 * Columns `j0 .. j0 + size` of a row-major `rows × m` matrix, as a new row-major `rows × size` one.
 *
 * @param {Float64Array} X
 * @param {number} rows
 * @param {number} m
 * @param {number} j0
 * @param {number} size
 */
export function sliceColumns(X, rows, m, j0, size) {
  const out = new Float64Array(rows * size);
  for (let i = 0; i < rows; i++) out.set(X.subarray(i * m + j0, i * m + j0 + size), i * size);
  return out;
}

/** The installed version of a package of this folder (read from its node_modules/NAME/package.json). */
export function packageVersion(name) {
  const url = new URL(`./node_modules/${name}/package.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')).version;
}

/**
 * Matmul timing: runs `mul()` until at least `minMs` have passed (at least once), `reps` times after
 * a warm-up of the same, and returns the median seconds per multiply.
 *
 * @param {() => void} mul
 * @param {{ reps?: number, minMs?: number }} [options]
 */
export function timeMatmul(mul, { reps = 5, minMs = 150 } = {}) {
  const measure = () => {
    const t0 = now();
    let k = 0;
    do {
      mul();
      k++;
    } while (now() - t0 < minMs);
    return (now() - t0) / k / 1000;
  };
  measure();
  const ts = [];
  for (let r = 0; r < reps; r++) ts.push(measure());
  return median(ts);
}
