/**
 * Seeded shuffling of examples (columns), keeping inputs and labels aligned.
 *
 * @module
 */
import { Matrix } from '../matrix/matrix.js';
import { gatherColumns } from './batch.js';
import { checkOptions, checkSameColumns, checkSeed, describe } from '../validate/values.js';
import { checkMatrix } from '../validate/matrix.js';
import type { Random, SeedOptions } from '../random.js';

/** The result of {@link shuffleColumns} with inputs only. */
export interface ShuffledInputs {
  /** The shuffled inputs: column `j` is column `permutation[j]` of the original. */
  readonly X: Matrix;
  /** The permutation applied, a shuffle of `0 … m − 1`. */
  readonly permutation: Int32Array;
}

/** The result of {@link shuffleColumns} with inputs and labels. */
export interface Shuffled extends ShuffledInputs {
  /** The labels, shuffled by the same permutation as `X`. */
  readonly Y: Matrix;
}

/**
 * Shuffles the examples (columns) of `X`, and of `Y` by the same permutation, with a seeded generator.
 *
 * @remarks
 * Draws a uniformly random permutation `p` of `0 … m − 1` (Fisher–Yates) and returns
 * `X[:, p[j]]` as column `j` (likewise for `Y`). The inputs are not modified.
 *
 * **Shape:** `X (n_x, m)` and `Y (n_y, m)` keep their shapes.
 *
 * @param X - the inputs, one example per column.
 * @param Y - optional labels with the same number of columns, shuffled alongside.
 * @param options - `seed`: a seed or a {@link Random} generator (default `0`).
 * @returns `{ X, Y, permutation }` (without `Y` when none was given), all new.
 * @throws TypeError when `X` or `Y` is not a Matrix, or an option is wrong or unknown.
 * @throws {@link ShapeError} when `Y` has a different number of columns than `X`.
 *
 * @example
 * ```ts
 * import { Matrix, shuffleColumns } from 'bottomup';
 * const X = Matrix.from([[1, 2, 3, 4]]), Y = Matrix.from([[10, 20, 30, 40]]);
 * const s = shuffleColumns(X, Y, { seed: 7 });
 * s.X.data.map((v) => v * 10).join() === s.Y.data.join(); //=> true
 * shuffleColumns(X, { seed: 7 }).X.equals(s.X); //=> true
 * ```
 */
export function shuffleColumns(X: Matrix, Y: Matrix, options?: SeedOptions): Shuffled;
export function shuffleColumns(X: Matrix, options?: SeedOptions): ShuffledInputs;
export function shuffleColumns(X: Matrix, Y: undefined, options?: SeedOptions): ShuffledInputs;
export function shuffleColumns(
  X: Matrix,
  YOrOptions?: Matrix | SeedOptions,
  maybeOptions?: SeedOptions,
): Shuffled | ShuffledInputs {
  const op = 'shuffleColumns';
  checkMatrix(op, 'X', X);
  let Y: Matrix | undefined;
  let options: SeedOptions | undefined;
  if (YOrOptions instanceof Matrix) {
    Y = YOrOptions;
    options = maybeOptions;
  } else if (YOrOptions === undefined) {
    options = maybeOptions;
  } else if (
    maybeOptions === undefined &&
    YOrOptions !== null &&
    typeof YOrOptions === 'object' &&
    !Array.isArray(YOrOptions)
  ) {
    options = YOrOptions;
  } else {
    throw new TypeError(`${op}: expected Y to be a Matrix (or the options object), got ${describe(YOrOptions)}`);
  }
  checkOptions(op, options, ['seed']);
  if (Y !== undefined) checkSameColumns(op, 'X', X, 'Y', Y);
  const rng = checkSeed(op, options?.seed);
  const p = permutation(X.cols, rng);
  const Xs = gatherColumns(X, p);
  return Y === undefined ? { X: Xs, permutation: p } : { X: Xs, Y: gatherColumns(Y, p), permutation: p };
}

/** `0, 1, …, n − 1` shuffled by `rng` (Fisher–Yates). @internal */
export function permutation(n: number, rng: Random): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return rng.shuffle(p);
}
