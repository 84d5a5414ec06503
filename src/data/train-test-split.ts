/**
 * Seeded, optionally stratified, train/test split of a data set.
 *
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import type { Random } from '../random.js';
import { gatherColumns } from './batch.js';
import { checkBoolean, checkNumber, checkOptions, checkSameColumns, checkSeed } from '../validate/values.js';
import { checkMatrix } from '../validate/matrix.js';
import type { SeedOptions } from '../random.js';
import { permutation } from './shuffle.js';

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions extends SeedOptions {
  /**
   * The size of the test set: a fraction in `(0, 1)` of the `m` examples (rounded up), or an integer
   * count in `[1, m − 1]`; default `0.25`. Note that `1` means one example, not 100%.
   */
  testSize?: number;
  /** Keep each class's share of the examples the same in both sets; default `false`. */
  stratify?: boolean;
}

/** The result of {@link trainTestSplit}. */
export interface TrainTestSplit {
  /** Training inputs, `(n_x, m_train)`. */
  readonly XTrain: Matrix;
  /** Training labels, `(n_y, m_train)`. */
  readonly YTrain: Matrix;
  /** Test inputs, `(n_x, m_test)`. */
  readonly XTest: Matrix;
  /** Test labels, `(n_y, m_test)`. */
  readonly YTest: Matrix;
  /** The original column of each training example, in order. */
  readonly trainIndices: Int32Array;
  /** The original column of each test example, in order. */
  readonly testIndices: Int32Array;
}

/** `m_test` from `testSize`: a fraction (rounded up, ignoring float noise) or a count. */
function testCount(op: string, testSize: unknown, m: number): number {
  const t = checkNumber(op, 'testSize', testSize);
  let count: number;
  if (t > 0 && t < 1) {
    // 0.7·10 is 7.000000000000001 in floating point: don't let that round up to 8.
    count = Math.ceil(t * m - 1e-9);
  } else if (Number.isSafeInteger(t) && t >= 1) {
    count = t;
  } else {
    throw new RangeError(
      `${op}: expected testSize to be a fraction in (0, 1) or a positive integer count, got ${fmtValue(t)}`,
    );
  }
  if (count < 1 || count > m - 1) {
    throw new RangeError(
      `${op}: expected testSize to leave at least one example in each of train and test (m = ${m}), got ` +
        `${fmtValue(t)} (${count} test examples)`,
    );
  }
  return count;
}

/** The class of each example: row 0 of `Y` for a single row, else the argmax of each column. */
function classesOf(op: string, Y: Matrix): Float64Array {
  if (Y.rows === 0) throw new ShapeError(`${op}: expected Y with at least one row to stratify, got Y ${fmtShape(Y)}`);
  if (Y.rows > 1) return Y.argmax().data;
  const c = Y.data;
  for (let j = 0; j < c.length; j++) {
    if (!Number.isFinite(c[j]))
      throw new RangeError(`${op}: expected finite labels to stratify, got ${fmtValue(c[j])} at column ${j}`);
  }
  return c;
}

/**
 * Splits the columns stratum by stratum: each class `c` with `m_c` examples sends
 * `⌊m_c·m_test/m⌋` to the test set, and the remaining test places go to the classes with the largest
 * remainders `(m_c·m_test) mod m` (ties to the smaller class label).
 */
function stratifiedOrder(classes: Float64Array, nTest: number, rng: Random): [Int32Array, Int32Array] {
  const m = classes.length;
  const groups = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    const g = groups.get(classes[j]);
    if (g === undefined) groups.set(classes[j], [j]);
    else g.push(j);
  }
  const labels = [...groups.keys()].sort((a, b) => a - b);
  const quota = labels.map((c) => {
    const size = groups.get(c)!.length;
    const rem = (size * nTest) % m;
    return { c, take: (size * nTest - rem) / m, rem };
  });
  // Largest remainders: the remainders sum to `left·m` and each is below m, so the `left` largest are
  // all positive.
  const left = nTest - quota.reduce((s, q) => s + q.take, 0);
  const byRemainder = quota.slice().sort((a, b) => b.rem - a.rem || a.c - b.c);
  for (const q of byRemainder.slice(0, left)) q.take++;
  const train = new Int32Array(m - nTest);
  const test = new Int32Array(nTest);
  let a = 0,
    b = 0;
  for (const q of quota) {
    const members = rng.shuffle(groups.get(q.c)!);
    for (let i = 0; i < members.length; i++) {
      if (i < q.take) test[b++] = members[i];
      else train[a++] = members[i];
    }
  }
  // Mix the classes so that mini-batches drawn in order are not sorted by class.
  return [rng.shuffle(train), rng.shuffle(test)];
}

/**
 * Splits a data set into a training and a test set, at random under a seed, optionally keeping
 * class proportions (stratified).
 *
 * @remarks
 * Without `stratify`, a random permutation of the `m` columns is drawn; its first `m_test` entries
 * form the test set and the rest the training set. With `stratify`, the classes are read from `Y`
 * (row 0 for `(1, m)` labels — 0/1 or class indices — and the argmax of each column for one-hot
 * labels), and each class contributes its share `m_c·m_test/m` of the test set, rounded by largest
 * remainders so the sizes add up to `m_test` exactly; a class with very few examples may then land
 * entirely on one side. Every column appears in exactly one of the two sets. `m_test` is
 * `⌈testSize·m⌉` for a fraction and `testSize` for a count.
 *
 * **Shape:** `X (n_x, m)`, `Y (n_y, m)` give `XTrain (n_x, m − m_test)`, `YTrain (n_y, m − m_test)`,
 * `XTest (n_x, m_test)`, `YTest (n_y, m_test)`.
 *
 * @param X - the inputs, one example per column.
 * @param Y - the labels, with the same number of columns.
 * @param options - `testSize` (default `0.25`), `stratify` (default `false`), and `seed` (a seed or a
 *   {@link Random} generator, default `0`).
 * @returns `{ XTrain, YTrain, XTest, YTest, trainIndices, testIndices }`, all new.
 * @throws TypeError when `X` or `Y` is not a Matrix, or an option is wrong or unknown.
 * @throws {@link ShapeError} when `Y` has a different number of columns than `X`, `m < 2`, or `Y` has
 *   no rows to stratify on.
 * @throws RangeError when `testSize` is neither a fraction in `(0, 1)` nor a positive integer, leaves
 *   an empty side, or (stratifying) a `(1, m)` label is `NaN` or infinite.
 *
 * @example
 * ```ts
 * import { planar, trainTestSplit } from 'bottomup';
 * const { X, Y } = planar();
 * const { XTrain, YTest } = trainTestSplit(X, Y, { testSize: 0.2, stratify: true, seed: 1 });
 * XTrain.shape; //=> [2, 320]
 * YTest.sum(); //=> 40
 * ```
 */
export function trainTestSplit(X: Matrix, Y: Matrix, options: TrainTestSplitOptions = {}): TrainTestSplit {
  const op = 'trainTestSplit';
  checkMatrix(op, 'X', X);
  checkMatrix(op, 'Y', Y);
  checkOptions(op, options, ['testSize', 'stratify', 'seed']);
  checkSameColumns(op, 'X', X, 'Y', Y);
  const m = X.cols;
  if (m < 2) throw new ShapeError(`${op}: expected at least 2 examples (columns) to split, got X ${fmtShape(X)}`);
  const nTest = testCount(op, options.testSize ?? 0.25, m);
  const stratify = checkBoolean(op, 'stratify', options.stratify ?? false);
  const classes = stratify ? classesOf(op, Y) : null;
  const rng = checkSeed(op, options.seed);
  let trainIndices: Int32Array, testIndices: Int32Array;
  if (classes === null) {
    const p = permutation(m, rng);
    testIndices = p.slice(0, nTest);
    trainIndices = p.slice(nTest);
  } else {
    [trainIndices, testIndices] = stratifiedOrder(classes, nTest, rng);
  }
  return {
    XTrain: gatherColumns(X, trainIndices),
    YTrain: gatherColumns(Y, trainIndices),
    XTest: gatherColumns(X, testIndices),
    YTest: gatherColumns(Y, testIndices),
    trainIndices,
    testIndices,
  };
}
