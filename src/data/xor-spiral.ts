/**
 * Two more seeded toy data sets for 2-D classifiers: XOR (four quadrants) and two interleaved
 * spirals, the hardest of the playground's problems. Each returns `{ X, Y }` with one column per example.
 *
 * @module
 */
import { cos, sin } from '../math/trig.js';
import { Matrix } from '../matrix/matrix.js';
import type { SeedOptions } from '../random.js';
import { checkBoolean, checkFinite, checkInteger, checkOptions, checkSeed } from '../validate/values.js';
import { type Dataset, addNoise, checkNoise, shuffled } from './datasets.js';
import { fmtValue } from '../errors.js';

/** Options of {@link xor}. */
export interface XorOptions extends SeedOptions {
  /** Number of examples; default `200`. */
  m?: number;
  /** Standard deviation of Gaussian noise added to each coordinate after labelling; default `0`. */
  noise?: number;
}

/** Options of {@link spiral}. */
export interface SpiralOptions extends SeedOptions {
  /** Number of examples; default `200`. Spiral 0 gets `⌊m/2⌋`, spiral 1 the rest. */
  m?: number;
  /** Standard deviation of Gaussian noise added to each coordinate; default `0`. */
  noise?: number;
  /** How many times each arm winds around the centre, a positive number; default `1.75`. */
  turns?: number;
  /** Shuffle the examples (otherwise class 0 comes first); default `true`. */
  shuffle?: boolean;
}

/**
 * The XOR problem in the plane: points uniform in the square `[−1, 1)²`, labelled 1 where the two
 * coordinates have different signs. No single line separates the classes; one hidden layer does.
 *
 * @remarks
 * Example `j` draws `x₀ ~ U(−1, 1)`, then `x₁ ~ U(−1, 1)`, and gets label `1` if `x₀·x₁ < 0`, else `0`.
 * Then `noise·N(0, 1)` is added to every coordinate (example by example), so a noisy point may cross
 * an axis and keep its label. The examples come in random order already.
 *
 * **Shape:** `X (2, m)`, `Y (1, m)` of 0/1 labels.
 *
 * @param options - `m` (default `200`), `noise` (default `0`) and `seed` (a seed or a generator, default `0`).
 * @returns the data set `{ X, Y }`.
 * @throws TypeError when an option has the wrong type or is unknown.
 * @throws RangeError when `m` is not a positive integer or `noise < 0`.
 *
 * @example
 * ```ts
 * import { xor } from 'bottomup';
 * const { X, Y } = xor({ m: 100, seed: 1 });
 * X.shape; //=> [2, 100]
 * const [x0, x1] = X.toSamples()[0];
 * Y.get(0, 0) === (x0 * x1 < 0 ? 1 : 0); //=> true
 * xor({ m: 100, seed: 1 }).X.equals(X); //=> true
 * ```
 */
export function xor(options: XorOptions = {}): Dataset {
  const op = 'xor';
  checkOptions(op, options, ['m', 'noise', 'seed']);
  const m = checkInteger(op, 'm', options.m ?? 200, 1);
  const noise = checkNoise(op, options.noise ?? 0);
  const rng = checkSeed(op, options.seed);
  const X = new Matrix(2, m);
  const Y = new Matrix(1, m);
  for (let j = 0; j < m; j++) {
    const x0 = rng.uniform(-1, 1);
    const x1 = rng.uniform(-1, 1);
    X.data[j] = x0;
    X.data[m + j] = x1;
    Y.data[j] = x0 * x1 < 0 ? 1 : 0;
  }
  addNoise(X, noise, rng);
  return { X, Y };
}

/**
 * Two interleaved spirals, one per class, winding out from the centre to radius 1.
 *
 * @remarks
 * Spiral `c ∈ {0, 1}` has `n_c` points (`n_0 = ⌊m/2⌋`, `n_1 = m − n_0`); its point `k` has radius
 * `r = k/n_c` and angle `θ = 2π·turns·k/n_c + c·π`, at `(r·cos θ, r·sin θ)` — the second spiral is the
 * first turned by half a turn. The examples are then shuffled (unless `shuffle: false`) and
 * `noise·N(0, 1)` is added to every coordinate.
 *
 * **Shape:** `X (2, m)`, `Y (1, m)` of 0/1 labels.
 *
 * @param options - `m` (default `200`), `noise` (default `0`), `turns` (default `1.75`),
 *   `shuffle` (default `true`) and `seed` (default `0`).
 * @returns the data set `{ X, Y }`.
 * @throws TypeError when an option has the wrong type or is unknown.
 * @throws RangeError when `m` is not a positive integer, `noise < 0` or `turns <= 0`.
 *
 * @example
 * ```ts
 * import { spiral } from 'bottomup';
 * const { X, Y } = spiral({ m: 4, turns: 0.5, shuffle: false });
 * X.toSamples()[1]; //=> [3.061616997868383e-17, 0.5]
 * Y.toArray(); //=> [[0, 0, 1, 1]]
 * spiral({ m: 300, noise: 0.05, seed: 2 }).X.shape; //=> [2, 300]
 * ```
 */
export function spiral(options: SpiralOptions = {}): Dataset {
  const op = 'spiral';
  checkOptions(op, options, ['m', 'noise', 'turns', 'shuffle', 'seed']);
  const m = checkInteger(op, 'm', options.m ?? 200, 1);
  const noise = checkNoise(op, options.noise ?? 0);
  const turns = checkFinite(op, 'turns', options.turns ?? 1.75);
  if (!(turns > 0)) throw new RangeError(`${op}: expected turns > 0, got ${fmtValue(turns)}`);
  const shuffle = checkBoolean(op, 'shuffle', options.shuffle ?? true);
  const rng = checkSeed(op, options.seed);
  const X = new Matrix(2, m);
  const Y = new Matrix(1, m);
  const n0 = Math.floor(m / 2);
  for (let c = 0, col = 0; c < 2; c++) {
    const n = c === 0 ? n0 : m - n0;
    for (let k = 0; k < n; k++, col++) {
      const r = k / n;
      const theta = 2 * Math.PI * turns * r + c * Math.PI;
      X.data[col] = r * cos(theta);
      X.data[m + col] = r * sin(theta);
      Y.data[col] = c;
    }
  }
  const data = shuffle ? shuffled(X, Y, rng) : { X, Y };
  addNoise(data.X, noise, rng);
  return data;
}
