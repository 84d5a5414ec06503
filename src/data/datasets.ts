/**
 * Small seeded toy data sets: the course's planar "flower", and scikit-learn's circles, moons and
 * blobs. Each returns `{ X, Y }` with one column per example.
 *
 * @module
 */
import { fmtValue } from '../errors.js';
import { cos, sin } from '../math/trig.js';
import { Matrix } from '../matrix/matrix.js';
import type { Random } from '../random.js';
import { gatherColumns } from './batch.js';
import { checkBoolean, checkFinite, checkInteger, checkOptions, checkSeed, describe } from '../validate/values.js';
import type { SeedOptions } from '../random.js';
import { permutation } from './shuffle.js';

/** A labelled data set: inputs `X` `(n_x, m)` and labels `Y` `(n_y, m)`, one column per example. */
export interface Dataset {
  /** The inputs, `(n_x, m)`. */
  readonly X: Matrix;
  /** The labels, `(n_y, m)`: 0/1 for two classes, class indices `0 … k − 1` for {@link blobs}. */
  readonly Y: Matrix;
}

/** Options of {@link planar}. */
export interface PlanarOptions extends SeedOptions {
  /** Number of examples, an even positive integer (`m/2` per class); default `400`, as in the course. */
  m?: number;
}

/** Options of {@link circles}. */
export interface CirclesOptions extends SeedOptions {
  /** Number of examples; default `100`. The outer circle gets `⌊m/2⌋`, the inner one the rest. */
  m?: number;
  /** Standard deviation of Gaussian noise added to each coordinate; default `0`. */
  noise?: number;
  /** Radius of the inner circle relative to the outer one (radius 1), in `[0, 1)`; default `0.8`. */
  factor?: number;
  /** Shuffle the examples (otherwise class 0 comes first); default `true`. */
  shuffle?: boolean;
}

/** Options of {@link moons}. */
export interface MoonsOptions extends SeedOptions {
  /** Number of examples; default `100`. The upper moon gets `⌊m/2⌋`, the lower one the rest. */
  m?: number;
  /** Standard deviation of Gaussian noise added to each coordinate; default `0`. */
  noise?: number;
  /** Shuffle the examples (otherwise class 0 comes first); default `true`. */
  shuffle?: boolean;
}

/** Options of {@link blobs}. */
export interface BlobsOptions extends SeedOptions {
  /** Number of examples; default `100`, split as evenly as possible (the first centres get one more). */
  m?: number;
  /**
   * The number of centres (drawn uniformly in the box `[−10, 10)²`, so `X` is `(2, m)`), or the
   * centres themselves as points of equal dimension `n_x` (then `X` is `(n_x, m)`); default `3`.
   */
  centers?: number | readonly (readonly number[])[];
  /** Standard deviation of each cluster: one number, or one per centre; default `1`. */
  std?: number | readonly number[];
  /** Shuffle the examples (otherwise class 0 comes first); default `true`. */
  shuffle?: boolean;
}

/** numpy's `linspace(start, stop, num, endpoint)`: `start + i·step`, with the last point exactly `stop`. */
function linspaceInto(out: Float64Array, start: number, stop: number, endpoint: boolean): Float64Array {
  const num = out.length;
  const div = endpoint ? num - 1 : num;
  if (div <= 0) {
    if (num === 1) out[0] = start;
    return out;
  }
  const step = (stop - start) / div;
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (endpoint) out[num - 1] = stop;
  return out;
}

/** `noise` as a finite number >= 0. @internal */
export function checkNoise(op: string, value: unknown): number {
  const noise = checkFinite(op, 'noise', value);
  if (noise < 0) throw new RangeError(`${op}: expected noise >= 0, got ${fmtValue(noise)}`);
  return noise;
}

/** The columns of `X` and `Y` reordered by a fresh permutation. @internal */
export function shuffled(X: Matrix, Y: Matrix, rng: Random): Dataset {
  const p = permutation(X.cols, rng);
  return { X: gatherColumns(X, p), Y: gatherColumns(Y, p) };
}

/** Adds `noise·N(0, 1)` to every coordinate, example by example (scikit-learn's draw order). @internal */
export function addNoise(X: Matrix, noise: number, rng: Random): void {
  if (noise === 0) return;
  const m = X.cols;
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < X.rows; i++) X.data[i * m + j] += noise * rng.normal();
  }
}

/**
 * The course's planar "flower" data set: two interleaved petal-shaped classes in the plane, which a
 * logistic regression cannot separate and a 2-layer network with a tanh hidden layer can.
 *
 * @remarks
 * With `N = m/2` examples per class and `a = 4` (the maximum ray), for class `j ∈ {0, 1}`:
 * `t = linspace(j·3.12, (j+1)·3.12, N) + 0.2·randn(N)`, `r = a·sin(4t) + 0.2·randn(N)`,
 * `x = (r·sin t, r·cos t)`, label `j` — exactly the course's `load_planar_dataset`, drawing (for each
 * class) `N` normals for `t` and then `N` normals for `r` from the seeded generator. The examples are
 * in class order (class 0 first), as in the course; shuffle with {@link shuffleColumns} if needed.
 * With `seed: new NumpyRandom(1)` it is the course's data set (`np.random.seed(1)`), to the last bit
 * of the C library's sin and cos; with a number seed, the values come from bottomup's own generator.
 *
 * **Shape:** `X (2, m)`, `Y (1, m)` of 0/1 labels.
 *
 * @param options - `m` (even, default `400`) and `seed` (a seed or a generator, default `0`).
 * @returns the data set `{ X, Y }`.
 * @throws TypeError when an option has the wrong type or is unknown.
 * @throws RangeError when `m` is not an even positive integer.
 *
 * @example
 * ```ts
 * import { planar } from 'bottomup';
 * const { X, Y } = planar({ seed: 1 });
 * X.shape; //=> [2, 400]
 * Y.sum(); //=> 200
 * planar({ seed: 1 }).X.equals(X); //=> true
 * ```
 */
export function planar(options: PlanarOptions = {}): Dataset {
  const op = 'planar';
  checkOptions(op, options, ['m', 'seed']);
  const m = checkInteger(op, 'm', options.m ?? 400, 1);
  if (m % 2 !== 0) throw new RangeError(`${op}: expected m to be an even positive integer (m/2 per class), got ${m}`);
  const rng = checkSeed(op, options.seed);
  const N = m / 2;
  const a = 4;
  const X = new Matrix(2, m);
  const Y = new Matrix(1, m);
  const t = new Float64Array(N);
  const r = new Float64Array(N);
  for (let j = 0; j < 2; j++) {
    linspaceInto(t, j * 3.12, (j + 1) * 3.12, true);
    for (let i = 0; i < N; i++) t[i] = t[i] + rng.normal() * 0.2;
    for (let i = 0; i < N; i++) r[i] = a * sin(4 * t[i]) + rng.normal() * 0.2;
    for (let i = 0; i < N; i++) {
      const col = j * N + i;
      X.data[col] = r[i] * sin(t[i]);
      X.data[m + col] = r[i] * cos(t[i]);
      Y.data[col] = j;
    }
  }
  return { X, Y };
}

/**
 * Two concentric circles, a large one (label 0) around a small one (label 1) — scikit-learn's
 * `make_circles`.
 *
 * @remarks
 * The outer circle has `m_out = ⌊m/2⌋` points at angles `2πk/m_out` and radius 1; the inner circle has
 * `m_in = m − m_out` points at angles `2πk/m_in` and radius `factor`. The examples are then shuffled
 * (unless `shuffle: false`) and `noise·N(0, 1)` is added to every coordinate.
 *
 * **Shape:** `X (2, m)`, `Y (1, m)` of 0/1 labels.
 *
 * @param options - `m` (default `100`), `noise` (default `0`), `factor` (default `0.8`),
 *   `shuffle` (default `true`) and `seed` (default `0`).
 * @returns the data set `{ X, Y }`.
 * @throws TypeError when an option has the wrong type or is unknown.
 * @throws RangeError when `m` is not a positive integer, `noise < 0`, or `factor` is outside `[0, 1)`.
 *
 * @example
 * ```ts
 * import { circles } from 'bottomup';
 * const { X, Y } = circles({ m: 4, factor: 0.5, shuffle: false });
 * X.toSamples()[0]; //=> [1, 0]
 * X.toSamples()[2]; //=> [0.5, 0]
 * Y.toArray(); //=> [[0, 0, 1, 1]]
 * circles({ m: 200, noise: 0.05, seed: 3 }).X.shape; //=> [2, 200]
 * ```
 */
export function circles(options: CirclesOptions = {}): Dataset {
  const op = 'circles';
  checkOptions(op, options, ['m', 'noise', 'factor', 'shuffle', 'seed']);
  const m = checkInteger(op, 'm', options.m ?? 100, 1);
  const noise = checkNoise(op, options.noise ?? 0);
  const factor = checkFinite(op, 'factor', options.factor ?? 0.8);
  if (!(factor >= 0 && factor < 1)) throw new RangeError(`${op}: expected factor in [0, 1), got ${fmtValue(factor)}`);
  const shuffle = checkBoolean(op, 'shuffle', options.shuffle ?? true);
  const rng = checkSeed(op, options.seed);
  const mOut = Math.floor(m / 2);
  const mIn = m - mOut;
  const X = new Matrix(2, m);
  const Y = new Matrix(1, m);
  const angles = linspaceInto(new Float64Array(mOut), 0, 2 * Math.PI, false);
  for (let k = 0; k < mOut; k++) {
    X.data[k] = cos(angles[k]);
    X.data[m + k] = sin(angles[k]);
  }
  const inner = linspaceInto(new Float64Array(mIn), 0, 2 * Math.PI, false);
  for (let k = 0; k < mIn; k++) {
    X.data[mOut + k] = cos(inner[k]) * factor;
    X.data[m + mOut + k] = sin(inner[k]) * factor;
    Y.data[mOut + k] = 1;
  }
  const data = shuffle ? shuffled(X, Y, rng) : { X, Y };
  addNoise(data.X, noise, rng);
  return data;
}

/**
 * Two interleaving half circles ("moons"), label 0 on top and label 1 below — scikit-learn's
 * `make_moons`.
 *
 * @remarks
 * With `m_out = ⌊m/2⌋` angles `θ = linspace(0, π, m_out)` the upper moon is `(cos θ, sin θ)`; with
 * `m_in = m − m_out` angles `φ = linspace(0, π, m_in)` the lower moon is `(1 − cos φ, 1 − sin φ − 0.5)`.
 * The examples are then shuffled (unless `shuffle: false`) and `noise·N(0, 1)` is added to every
 * coordinate.
 *
 * **Shape:** `X (2, m)`, `Y (1, m)` of 0/1 labels.
 *
 * @param options - `m` (default `100`), `noise` (default `0`), `shuffle` (default `true`) and `seed` (default `0`).
 * @returns the data set `{ X, Y }`.
 * @throws TypeError when an option has the wrong type or is unknown.
 * @throws RangeError when `m` is not a positive integer or `noise < 0`.
 *
 * @example
 * ```ts
 * import { moons } from 'bottomup';
 * const { X, Y } = moons({ m: 4, shuffle: false });
 * X.toSamples()[0]; //=> [1, 0]
 * X.toSamples()[2]; //=> [0, 0.5]
 * Y.toArray(); //=> [[0, 0, 1, 1]]
 * moons({ m: 200, noise: 0.1, seed: 3 }).X.shape; //=> [2, 200]
 * ```
 */
export function moons(options: MoonsOptions = {}): Dataset {
  const op = 'moons';
  checkOptions(op, options, ['m', 'noise', 'shuffle', 'seed']);
  const m = checkInteger(op, 'm', options.m ?? 100, 1);
  const noise = checkNoise(op, options.noise ?? 0);
  const shuffle = checkBoolean(op, 'shuffle', options.shuffle ?? true);
  const rng = checkSeed(op, options.seed);
  const mOut = Math.floor(m / 2);
  const mIn = m - mOut;
  const X = new Matrix(2, m);
  const Y = new Matrix(1, m);
  const theta = linspaceInto(new Float64Array(mOut), 0, Math.PI, true);
  for (let k = 0; k < mOut; k++) {
    X.data[k] = cos(theta[k]);
    X.data[m + k] = sin(theta[k]);
  }
  const phi = linspaceInto(new Float64Array(mIn), 0, Math.PI, true);
  for (let k = 0; k < mIn; k++) {
    X.data[mOut + k] = 1 - cos(phi[k]);
    X.data[m + mOut + k] = 1 - sin(phi[k]) - 0.5;
    Y.data[mOut + k] = 1;
  }
  const data = shuffle ? shuffled(X, Y, rng) : { X, Y };
  addNoise(data.X, noise, rng);
  return data;
}

function checkCenters(op: string, value: unknown): number | readonly (readonly number[])[] {
  if (typeof value === 'number') return checkInteger(op, 'centers', value, 1);
  if (!Array.isArray(value)) {
    throw new TypeError(`${op}: expected centers to be a number or an array of points, got ${describe(value)}`);
  }
  if (value.length === 0) throw new RangeError(`${op}: expected at least one centre, got an empty array`);
  const first: unknown = value[0];
  if (!Array.isArray(first))
    throw new TypeError(`${op}: expected centers[0] to be an array of numbers, got ${describe(first)}`);
  const n = first.length;
  if (n === 0) throw new RangeError(`${op}: expected centers[0] to have at least one coordinate, got an empty array`);
  for (let c = 0; c < value.length; c++) {
    const p: unknown = value[c];
    if (!Array.isArray(p))
      throw new TypeError(`${op}: expected centers[${c}] to be an array of numbers, got ${describe(p)}`);
    if (p.length !== n) {
      throw new RangeError(`${op}: expected every centre to have ${n} coordinates, got centers[${c}] with ${p.length}`);
    }
    for (let i = 0; i < n; i++) checkFinite(op, `centers[${c}][${i}]`, p[i]);
  }
  return value as readonly (readonly number[])[];
}

function checkStd(op: string, value: unknown, k: number): Float64Array {
  const stds = new Float64Array(k);
  if (Array.isArray(value)) {
    if (value.length !== k) throw new RangeError(`${op}: expected one std per centre (${k}), got ${value.length}`);
    for (let c = 0; c < k; c++) stds[c] = checkFinite(op, `std[${c}]`, value[c]);
  } else {
    if (typeof value !== 'number')
      throw new TypeError(`${op}: expected std to be a number or an array of numbers, got ${describe(value)}`);
    stds.fill(checkFinite(op, 'std', value));
  }
  for (let c = 0; c < k; c++) {
    if (stds[c] < 0) {
      const name = Array.isArray(value) ? `std[${c}]` : 'std';
      throw new RangeError(`${op}: expected ${name} >= 0, got ${fmtValue(stds[c])}`);
    }
  }
  return stds;
}

/**
 * Isotropic Gaussian clusters, one class per centre — scikit-learn's `make_blobs`.
 *
 * @remarks
 * With `k` centres `c_0 … c_{k−1}`, example `i` of class `j` is `c_j + std_j·N(0, I)`. The `m`
 * examples are split as evenly as possible: `⌊m/k⌋` per centre, and the first `m mod k` centres get one
 * more. Given a number, the centres are drawn uniformly in `[−10, 10)²` first. The examples are then
 * shuffled unless `shuffle: false`. `Y` holds class indices; call {@link oneHot} for a softmax output.
 *
 * **Shape:** `X (n_x, m)` (`n_x = 2` unless the centres say otherwise), `Y (1, m)` of indices `0 … k − 1`.
 *
 * @param options - `m` (default `100`), `centers` (default `3`), `std` (default `1`),
 *   `shuffle` (default `true`) and `seed` (default `0`).
 * @returns the data set `{ X, Y }`.
 * @throws TypeError when an option has the wrong type or is unknown.
 * @throws RangeError when `m` or a centre count is not a positive integer, the centres are ragged or
 *   not finite, or a `std` is negative, not finite, or there is not one per centre.
 *
 * @example
 * ```ts
 * import { blobs, oneHot } from 'bottomup';
 * const { X, Y } = blobs({ m: 5, centers: [[0, 0], [5, 5]], std: 0, shuffle: false });
 * X.toArray(); //=> [[0, 0, 0, 5, 5], [0, 0, 0, 5, 5]]
 * Y.toArray(); //=> [[0, 0, 0, 1, 1]]
 * oneHot(Y).shape; //=> [2, 5]
 * ```
 */
export function blobs(options: BlobsOptions = {}): Dataset {
  const op = 'blobs';
  checkOptions(op, options, ['m', 'centers', 'std', 'shuffle', 'seed']);
  const m = checkInteger(op, 'm', options.m ?? 100, 1);
  const spec = checkCenters(op, options.centers ?? 3);
  const k = typeof spec === 'number' ? spec : spec.length;
  const stds = checkStd(op, options.std ?? 1, k);
  const shuffle = checkBoolean(op, 'shuffle', options.shuffle ?? true);
  const rng = checkSeed(op, options.seed);
  let centers: readonly (readonly number[])[];
  if (typeof spec === 'number') {
    const drawn: number[][] = [];
    for (let c = 0; c < k; c++) drawn.push([rng.uniform(-10, 10), rng.uniform(-10, 10)]);
    centers = drawn;
  } else {
    centers = spec;
  }
  const n = centers[0].length;
  const X = new Matrix(n, m);
  const Y = new Matrix(1, m);
  const base = Math.floor(m / k),
    extra = m % k;
  let col = 0;
  for (let c = 0; c < k; c++) {
    const count = base + (c < extra ? 1 : 0);
    for (let e = 0; e < count; e++, col++) {
      for (let i = 0; i < n; i++) X.data[i * m + col] = centers[c][i] + stds[c] * rng.normal();
      Y.data[col] = c;
    }
  }
  return shuffle ? shuffled(X, Y, rng) : { X, Y };
}
