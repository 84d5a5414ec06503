/**
 * The dense, row-major, Float64 matrix at the bottom of everything.
 *
 * @module
 */
import { fmtShape, fmtValue } from '../errors.js';
import { type Random, toRandom } from '../random.js';
import { checkInteger, checkSameShape, isNumberArray } from '../validate/values.js';
import type { NumberArray } from './view.js';
import {
  addColumnInto,
  addInto,
  argmaxInto,
  checkColumn,
  checkMatmul,
  divInto,
  mapInto,
  matmulUnchecked,
  mulInto,
  scaleInto,
  subInto,
  sumColumnsInto,
  sumRowsInto,
  transposeUnchecked,
} from './ops.js';

/** A matrix shape, `[rows, cols]`. */
export type Shape = readonly [rows: number, cols: number];

/** Options for the random constructors {@link Matrix.randn} and {@link Matrix.uniform}. */
export interface RandomOptions {
  /** A seed, or a {@link Random} generator to draw from (and advance). Defaults to seed `0`. */
  random?: number | Random;
}

function checkRowArray(op: string, rows: unknown, what = 'rows'): asserts rows is readonly NumberArray[] {
  if (!isNumberArray(rows)) {
    throw new TypeError(`${op}: expected an array of ${what}, got ${rows === null ? 'null' : typeof rows}`);
  }
}

/** Validates both sizes under the caller's name, so errors name the method the user called. */
function checkShape(op: string, rows: unknown, cols: unknown): void {
  checkInteger(op, 'rows', rows, 0);
  checkInteger(op, 'cols', cols, 0);
}

/**
 * A zeroed `rows·cols` buffer, or a RangeError naming `op` and the size when the engine cannot
 * allocate it (instead of the engine's bare "Invalid typed array length"). @internal
 */
export function allocate(op: string, rows: number, cols: number): Float64Array {
  const size = rows * cols;
  try {
    return new Float64Array(size);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new RangeError(
      `${op}: expected a matrix this engine can allocate, got ${fmtShape(rows, cols)} = ${size} values ` +
        `(${(size * 8) / 1e9} GB of Float64)`,
    );
  }
}

const fmtNumber = (v: number): string => {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const s = v.toPrecision(6);
  return s.includes('e') ? s : String(Number(s));
};

/**
 * A dense matrix of Float64 values in row-major order: element `(i, j)` is `data[i * cols + j]`.
 *
 * @remarks
 * Examples are columns, as in the course: a data set `X` is `(n_x, m)`, labels `Y` are `(n_y, m)`.
 * Every operation exists twice: an allocating method (`a.matmul(b)`) and an allocation-free kernel
 * that writes into a caller-given matrix (`matmulInto(out, a, b)`), for loops that must not allocate.
 *
 * **Shape:** `(rows, cols)`.
 *
 * @example
 * ```ts
 * import { Matrix } from 'bottomup';
 * const W = Matrix.from([[1, 2], [3, 4]]);
 * const X = Matrix.fromSamples([[1, 0], [0, 1], [1, 1]]); // three examples, one per column
 * W.matmul(X).toArray(); //=> [[1, 2, 3], [3, 4, 7]]
 * ```
 */
export class Matrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns (examples, in a data matrix). */
  readonly cols: number;
  /** The elements, row-major: `(i, j)` is at `i * cols + j`. */
  readonly data: Float64Array;

  /**
   * Creates a `rows × cols` matrix, zero-filled or over the given data.
   *
   * @param rows - number of rows, a non-negative integer.
   * @param cols - number of columns, a non-negative integer.
   * @param data - row-major values of length `rows·cols`. A `Float64Array` is used as is (not copied),
   *   so a matrix can view a caller's buffer; any other array of numbers is copied.
   * @throws TypeError when a size is not a number or `data` is not an array of numbers.
   * @throws RangeError when a size is negative, fractional or infinite, or `data` has the wrong length.
   *
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * new Matrix(2, 2, [1, 2, 3, 4]).get(1, 0); //=> 3
   * ```
   */
  constructor(rows: number, cols: number, data?: Float64Array | ArrayLike<number>) {
    checkInteger('new Matrix', 'rows', rows, 0);
    checkInteger('new Matrix', 'cols', cols, 0);
    this.rows = rows;
    this.cols = cols;
    const size = rows * cols;
    if (data === undefined) {
      this.data = allocate('new Matrix', rows, cols);
    } else if (data instanceof Float64Array) {
      if (data.length !== size) {
        throw new RangeError(
          `new Matrix: expected data of length ${size} for ${fmtShape(rows, cols)}, got ${data.length}`,
        );
      }
      this.data = data;
    } else {
      if (data === null || typeof data !== 'object' || typeof data.length !== 'number') {
        throw new TypeError(`new Matrix: expected data to be an array of numbers, got ${fmtValue(data)}`);
      }
      if (data.length !== size) {
        throw new RangeError(
          `new Matrix: expected data of length ${size} for ${fmtShape(rows, cols)}, got ${data.length}`,
        );
      }
      const d = allocate('new Matrix', rows, cols);
      for (let i = 0; i < size; i++) {
        const v = data[i];
        if (typeof v !== 'number') {
          throw new TypeError(`new Matrix: expected data[${i}] to be a number, got ${fmtValue(v)}`);
        }
        d[i] = v;
      }
      this.data = d;
    }
    // `readonly` is only a type: freezing makes shape and data fixed at runtime too (the elements stay writable).
    Object.freeze(this);
  }

  // --------------------------------------------------------------------------------------------
  // Construction

  /**
   * Builds a matrix from an array of rows.
   *
   * @param rows - `rows[i][j]` is element `(i, j)`; all rows must have the same length. A row may be a
   *   plain array or a typed array (`Float64Array`, `Int32Array`, …).
   * @returns a new `(rows.length, rows[0].length)` matrix (`(0, 0)` for an empty array).
   * @throws TypeError when `rows` is not an array of arrays of numbers.
   * @throws RangeError when the rows are ragged.
   *
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2, 3], [4, 5, 6]]).shape; //=> [2, 3]
   * ```
   */
  static from(rows: readonly NumberArray[]): Matrix {
    checkRowArray('Matrix.from', rows);
    const r = rows.length;
    if (r === 0) return new Matrix(0, 0);
    const first = rows[0];
    if (!isNumberArray(first))
      throw new TypeError(`Matrix.from: expected rows[0] to be an array, got ${fmtValue(first)}`);
    const c = first.length;
    // every row's kind and length first, so a ragged input fails before a buffer is allocated
    for (let i = 0; i < r; i++) {
      const row = rows[i];
      if (!isNumberArray(row))
        throw new TypeError(`Matrix.from: expected rows[${i}] to be an array, got ${fmtValue(row)}`);
      if (row.length !== c) {
        throw new RangeError(
          `Matrix.from: expected every row to have length ${c} (ragged rows), got rows[${i}] of length ${row.length}`,
        );
      }
    }
    const out = new Matrix(r, c, allocate('Matrix.from', r, c));
    const d = out.data;
    for (let i = 0; i < r; i++) {
      const row = rows[i];
      for (let j = 0; j < c; j++) {
        const v = row[j];
        if (typeof v !== 'number')
          throw new TypeError(`Matrix.from: expected rows[${i}][${j}] to be a number, got ${fmtValue(v)}`);
        d[i * c + j] = v;
      }
    }
    return out;
  }

  /**
   * Builds a data matrix from per-example values, one **column** per example (the course's layout).
   *
   * @remarks
   * Typed arrays are read like plain arrays, with the same checks and messages: the samples may be
   * `Float64Array`s, `Float32Array`s, `Int32Array`s, … (a row of a result, `X.data.subarray(…)`), and
   * `samples` itself may be a typed array of one number per example.
   *
   * @param samples - `samples[i]` is example `i`: an array (or typed array) of `n` features, or a
   *   single number.
   * @returns a new `(n, m)` matrix, `m = samples.length` (`(1, m)` for numbers).
   * @throws TypeError when a sample is not a number or an array of numbers.
   * @throws RangeError when the samples have different lengths.
   *
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.fromSamples([[1, 2], [3, 4], [5, 6]]).toArray(); //=> [[1, 3, 5], [2, 4, 6]]
   * Matrix.fromSamples([0, 1, 1]).shape; //=> [1, 3]
   * Matrix.fromSamples([Float64Array.of(1, 2), Float32Array.of(3, 4)]).toArray(); //=> [[1, 3], [2, 4]]
   * Matrix.fromSamples(Int32Array.of(0, 2, 1)).toArray(); //=> [[0, 2, 1]]
   * ```
   */
  static fromSamples(samples: readonly NumberArray[] | NumberArray): Matrix {
    checkRowArray('Matrix.fromSamples', samples, 'samples');
    const m = samples.length;
    if (m === 0) return new Matrix(0, 0);
    if (typeof samples[0] === 'number') {
      const out = new Matrix(1, m);
      for (let j = 0; j < m; j++) {
        const v = samples[j];
        if (typeof v !== 'number')
          throw new TypeError(`Matrix.fromSamples: expected samples[${j}] to be a number, got ${fmtValue(v)}`);
        out.data[j] = v;
      }
      return out;
    }
    const first = samples[0];
    if (!isNumberArray(first))
      throw new TypeError(`Matrix.fromSamples: expected samples[0] to be a number or an array, got ${fmtValue(first)}`);
    const n = first.length;
    for (let j = 0; j < m; j++) {
      const s = samples[j];
      if (!isNumberArray(s))
        throw new TypeError(`Matrix.fromSamples: expected samples[${j}] to be an array, got ${fmtValue(s)}`);
      if (s.length !== n) {
        throw new RangeError(
          `Matrix.fromSamples: expected every sample to have length ${n}, got samples[${j}] of length ${s.length}`,
        );
      }
    }
    const out = new Matrix(n, m, allocate('Matrix.fromSamples', n, m));
    const d = out.data;
    for (let j = 0; j < m; j++) {
      const s = samples[j] as NumberArray;
      for (let i = 0; i < n; i++) {
        const v: unknown = s[i];
        if (typeof v !== 'number')
          throw new TypeError(`Matrix.fromSamples: expected samples[${j}][${i}] to be a number, got ${fmtValue(v)}`);
        d[i * m + j] = v;
      }
    }
    return out;
  }

  /**
   * A `rows × cols` matrix of zeros.
   * @param rows - number of rows.
   * @param cols - number of columns.
   * @returns a new zero matrix.
   * @throws TypeError when a size is not a number.
   * @throws RangeError when a size is negative or fractional.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.zeros(2, 1).toArray(); //=> [[0], [0]]
   * ```
   */
  static zeros(rows: number, cols: number): Matrix {
    checkShape('Matrix.zeros', rows, cols);
    return new Matrix(rows, cols);
  }

  /**
   * A `rows × cols` matrix of ones.
   * @param rows - number of rows.
   * @param cols - number of columns.
   * @returns a new matrix of ones.
   * @throws TypeError when a size is not a number.
   * @throws RangeError when a size is negative or fractional.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.ones(1, 2).toArray(); //=> [[1, 1]]
   * ```
   */
  static ones(rows: number, cols: number): Matrix {
    checkShape('Matrix.ones', rows, cols);
    return Matrix.fill(rows, cols, 1);
  }

  /**
   * A `rows × cols` matrix with every element set to `value`.
   * @param rows - number of rows.
   * @param cols - number of columns.
   * @param value - the fill value.
   * @returns a new matrix.
   * @throws TypeError when a size is not a number.
   * @throws RangeError when a size is negative or fractional.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.fill(1, 2, 7).toArray(); //=> [[7, 7]]
   * ```
   */
  static fill(rows: number, cols: number, value: number): Matrix {
    checkShape('Matrix.fill', rows, cols);
    const out = new Matrix(rows, cols);
    out.data.fill(value);
    return out;
  }

  /**
   * The `n × n` identity matrix `I`.
   * @param n - the size.
   * @returns a new identity matrix.
   * @throws TypeError when `n` is not a number.
   * @throws RangeError when `n` is negative or fractional.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.identity(2).toArray(); //=> [[1, 0], [0, 1]]
   * ```
   */
  static identity(n: number): Matrix {
    checkInteger('Matrix.identity', 'n', n, 0);
    const out = new Matrix(n, n);
    for (let i = 0; i < n; i++) out.data[i * n + i] = 1;
    return out;
  }

  /**
   * A matrix of normal deviates `scale·N(0, 1)` — the course's initialisation is
   * `Matrix.randn(n1, n0, { scale: 0.01 })`.
   * @param rows - number of rows.
   * @param cols - number of columns.
   * @param options - `scale` (standard deviation, default 1) and `random` (a seed or a generator).
   * @returns a new matrix, filled row by row.
   * @throws TypeError when a size is not a number.
   * @throws RangeError when a size is negative or fractional.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.randn(2, 2, { scale: 0.01, random: 1 }).equals(Matrix.randn(2, 2, { scale: 0.01, random: 1 })); //=> true
   * ```
   */
  static randn(rows: number, cols: number, options: RandomOptions & { scale?: number } = {}): Matrix {
    checkShape('Matrix.randn', rows, cols);
    const out = new Matrix(rows, cols);
    const rng = toRandom(options.random);
    const scale = options.scale ?? 1;
    const d = out.data;
    for (let i = 0; i < d.length; i++) d[i] = scale * rng.normal();
    return out;
  }

  /**
   * A matrix of uniform deviates in `[low, high)`.
   * @param rows - number of rows.
   * @param cols - number of columns.
   * @param options - `low` (default 0), `high` (default 1) and `random` (a seed or a generator).
   * @returns a new matrix, filled row by row.
   * @throws TypeError when a size is not a number.
   * @throws RangeError when a size is negative or fractional.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.uniform(1, 3, { low: -1, high: 1, random: 7 }).data.every((v) => v >= -1 && v < 1); //=> true
   * ```
   */
  static uniform(rows: number, cols: number, options: RandomOptions & { low?: number; high?: number } = {}): Matrix {
    checkShape('Matrix.uniform', rows, cols);
    const out = new Matrix(rows, cols);
    const rng = toRandom(options.random);
    const low = options.low ?? 0;
    const high = options.high ?? 1;
    const d = out.data;
    for (let i = 0; i < d.length; i++) d[i] = rng.uniform(low, high);
    return out;
  }

  // --------------------------------------------------------------------------------------------
  // Access

  /** The shape `[rows, cols]`. */
  get shape(): Shape {
    return [this.rows, this.cols];
  }

  /** The number of elements, `rows·cols`. */
  get size(): number {
    return this.data.length;
  }

  private checkIndex(op: string, row: number, col: number): number {
    if (
      !Number.isInteger(row) ||
      !Number.isInteger(col) ||
      row < 0 ||
      col < 0 ||
      row >= this.rows ||
      col >= this.cols
    ) {
      throw new RangeError(
        `${op}: expected 0 <= row < ${this.rows} and 0 <= col < ${this.cols}, got (${fmtValue(row)}, ${fmtValue(col)})`,
      );
    }
    return row * this.cols + col;
  }

  /**
   * Element `(row, col)`.
   * @param row - the row index.
   * @param col - the column index.
   * @returns the value.
   * @throws RangeError when the index is outside the matrix.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2], [3, 4]]).get(0, 1); //=> 2
   * ```
   */
  get(row: number, col: number): number {
    return this.data[this.checkIndex('Matrix.get', row, col)];
  }

  /**
   * Sets element `(row, col)` and returns the matrix.
   * @param row - the row index.
   * @param col - the column index.
   * @param value - the new value.
   * @returns this matrix.
   * @throws RangeError when the index is outside the matrix.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.zeros(1, 2).set(0, 1, 5).toArray(); //=> [[0, 5]]
   * ```
   */
  set(row: number, col: number, value: number): this {
    this.data[this.checkIndex('Matrix.set', row, col)] = value;
    return this;
  }

  /**
   * A deep copy.
   * @returns a new matrix with its own data.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * const a = Matrix.ones(1, 1), b = a.clone();
   * b.set(0, 0, 2);
   * a.get(0, 0); //=> 1
   * ```
   */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /**
   * Sets every element to `value` in place.
   * @param value - the fill value.
   * @returns this matrix.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.zeros(1, 2).fill(3).toArray(); //=> [[3, 3]]
   * ```
   */
  fill(value: number): this {
    this.data.fill(value);
    return this;
  }

  /**
   * The elements as an array of rows.
   * @returns `rows` arrays of `cols` numbers.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * new Matrix(2, 1, [1, 2]).toArray(); //=> [[1], [2]]
   * ```
   */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  /**
   * The columns as per-example arrays — the inverse of {@link Matrix.fromSamples}.
   * @returns `cols` arrays of `rows` numbers.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.fromSamples([[1, 2], [3, 4]]).toSamples(); //=> [[1, 2], [3, 4]]
   * ```
   */
  toSamples(): number[][] {
    const out: number[][] = [];
    for (let j = 0; j < this.cols; j++) {
      const s: number[] = new Array<number>(this.rows);
      for (let i = 0; i < this.rows; i++) s[i] = this.data[i * this.cols + j];
      out.push(s);
    }
    return out;
  }

  /**
   * A readable rendering, e.g. `Matrix(2, 2) [[1, 2], [3, 4]]`, eliding the middle of large matrices.
   * @returns the text.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * String(Matrix.from([[1, 2.5]])); //=> 'Matrix(1, 2) [[1, 2.5]]'
   * ```
   */
  toString(): string {
    const head = `Matrix(${this.rows}, ${this.cols})`;
    const limit = 8;
    const pick = (n: number): number[] => {
      if (n <= limit) return Array.from({ length: n }, (_, i) => i);
      return [0, 1, 2, -1, n - 3, n - 2, n - 1];
    };
    const rows = pick(this.rows).map((i) => {
      if (i === -1) return '...';
      const cells = pick(this.cols).map((j) => (j === -1 ? '...' : fmtNumber(this.data[i * this.cols + j])));
      return `[${cells.join(', ')}]`;
    });
    if (this.rows <= 2) return `${head} [${rows.join(', ')}]`;
    return `${head} [\n  ${rows.join(',\n  ')}\n]`;
  }

  // --------------------------------------------------------------------------------------------
  // Operations (allocating twins of the kernels in ./ops)

  /**
   * Matrix product `A·B`; see {@link matmulInto}.
   * @param b - the right factor, `(a.cols, n)`.
   * @returns a new `(a.rows, b.cols)` matrix.
   * @throws {@link ShapeError} when `b.rows !== a.cols`.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2]]).matmul(Matrix.from([[3], [4]])).toArray(); //=> [[11]]
   * ```
   */
  matmul(b: Matrix): Matrix {
    checkMatmul('Matrix.matmul', this, b, false, false);
    return matmulUnchecked(new Matrix(this.rows, b.cols), this, b, false, false, false);
  }

  /**
   * `Aᵀ·B` without materialising the transpose; see {@link matmulTransposeAInto}.
   * @param b - `(a.rows, n)`.
   * @returns a new `(a.cols, b.cols)` matrix.
   * @throws {@link ShapeError} when `b.rows !== a.rows`.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2]]).matmulTransposeA(Matrix.from([[3]])).toArray(); //=> [[3], [6]]
   * ```
   */
  matmulTransposeA(b: Matrix): Matrix {
    checkMatmul('Matrix.matmulTransposeA', this, b, true, false);
    return matmulUnchecked(new Matrix(this.cols, b.cols), this, b, true, false, false);
  }

  /**
   * `A·Bᵀ` without materialising the transpose; see {@link matmulTransposeBInto}.
   * @param b - `(n, a.cols)`.
   * @returns a new `(a.rows, b.rows)` matrix.
   * @throws {@link ShapeError} when `b.cols !== a.cols`.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2]]).matmulTransposeB(Matrix.from([[3, 4]])).toArray(); //=> [[11]]
   * ```
   */
  matmulTransposeB(b: Matrix): Matrix {
    checkMatmul('Matrix.matmulTransposeB', this, b, false, true);
    return matmulUnchecked(new Matrix(this.rows, b.rows), this, b, false, true, false);
  }

  /**
   * The transpose `Aᵀ`; see {@link transposeInto}.
   * @returns a new `(cols, rows)` matrix.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2]]).transpose().toArray(); //=> [[1], [2]]
   * ```
   */
  transpose(): Matrix {
    return transposeUnchecked(new Matrix(this.cols, this.rows), this);
  }

  /** Shorthand for {@link Matrix.transpose}. */
  get T(): Matrix {
    return this.transpose();
  }

  /**
   * Elementwise sum `A + B`; see {@link addInto}.
   * @param b - a matrix of the same shape.
   * @returns a new matrix.
   * @throws {@link ShapeError} when the shapes differ.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2]]).add(Matrix.from([[3, 4]])).toArray(); //=> [[4, 6]]
   * ```
   */
  add(b: Matrix): Matrix {
    checkSameShape('Matrix.add', this, b);
    return addInto(new Matrix(this.rows, this.cols), this, b);
  }

  /**
   * Elementwise difference `A − B`; see {@link subInto}.
   * @param b - a matrix of the same shape.
   * @returns a new matrix.
   * @throws {@link ShapeError} when the shapes differ.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2]]).sub(Matrix.from([[3, 4]])).toArray(); //=> [[-2, -2]]
   * ```
   */
  sub(b: Matrix): Matrix {
    checkSameShape('Matrix.sub', this, b);
    return subInto(new Matrix(this.rows, this.cols), this, b);
  }

  /**
   * Elementwise (Hadamard) product `A ⊙ B`; see {@link mulInto}.
   * @param b - a matrix of the same shape.
   * @returns a new matrix.
   * @throws {@link ShapeError} when the shapes differ.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2]]).mul(Matrix.from([[3, 4]])).toArray(); //=> [[3, 8]]
   * ```
   */
  mul(b: Matrix): Matrix {
    checkSameShape('Matrix.mul', this, b);
    return mulInto(new Matrix(this.rows, this.cols), this, b);
  }

  /**
   * Elementwise quotient `A ⊘ B`; see {@link divInto}.
   * @param b - a matrix of the same shape.
   * @returns a new matrix.
   * @throws {@link ShapeError} when the shapes differ.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[3, 8]]).div(Matrix.from([[3, 4]])).toArray(); //=> [[1, 2]]
   * ```
   */
  div(b: Matrix): Matrix {
    checkSameShape('Matrix.div', this, b);
    return divInto(new Matrix(this.rows, this.cols), this, b);
  }

  /**
   * Scaling `s·A`; see {@link scaleInto}.
   * @param s - the scalar.
   * @returns a new matrix.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2]]).scale(-2).toArray(); //=> [[-2, -4]]
   * ```
   */
  scale(s: number): Matrix {
    return scaleInto(new Matrix(this.rows, this.cols), this, s);
  }

  /**
   * Applies `fn` to every element; see {@link mapInto}.
   * @param fn - called with the value, its row and its column.
   * @returns a new matrix.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2]]).map((v) => v * v).toArray(); //=> [[1, 4]]
   * ```
   */
  map(fn: (value: number, row: number, col: number) => number): Matrix {
    return mapInto(new Matrix(this.rows, this.cols), this, fn);
  }

  /**
   * Adds the column vector `v` to every column (`Z = W·A + b`); see {@link addColumnInto}.
   * @param v - a `(rows, 1)` column vector.
   * @returns a new matrix.
   * @throws {@link ShapeError} when `v` is not `(rows, 1)`.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.zeros(2, 2).addColumn(Matrix.from([[1], [2]])).toArray(); //=> [[1, 1], [2, 2]]
   * ```
   */
  addColumn(v: Matrix): Matrix {
    const out = new Matrix(this.rows, this.cols);
    checkColumn('Matrix.addColumn', out, this, v);
    return addColumnInto(out, this, v);
  }

  /**
   * Sums over the columns (`db = Σ_columns dZ`); see {@link sumColumnsInto}.
   * @returns a new `(rows, 1)` matrix.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2], [3, 4]]).sumColumns().toArray(); //=> [[3], [7]]
   * ```
   */
  sumColumns(): Matrix {
    return sumColumnsInto(new Matrix(this.rows, 1), this);
  }

  /**
   * Sums over the rows; see {@link sumRowsInto}.
   * @returns a new `(1, cols)` matrix.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2], [3, 4]]).sumRows().toArray(); //=> [[4, 6]]
   * ```
   */
  sumRows(): Matrix {
    return sumRowsInto(new Matrix(1, this.cols), this);
  }

  /**
   * The sum of all elements.
   * @returns `Σ_ij A[i][j]`.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[1, 2], [3, 4]]).sum(); //=> 10
   * ```
   */
  sum(): number {
    let s = 0;
    const d = this.data;
    for (let i = 0; i < d.length; i++) s += d[i];
    return s;
  }

  /**
   * The row index of the largest value in each column; see {@link argmaxInto}.
   * @returns a new `(1, cols)` matrix of row indices.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.from([[0.1, 0.7], [0.9, 0.3]]).argmax().toArray(); //=> [[1, 0]]
   * ```
   */
  argmax(): Matrix {
    return argmaxInto(new Matrix(1, this.cols), this);
  }

  /**
   * Exact equality: same shape and every element `===`.
   * @param b - the other matrix.
   * @returns whether the two are equal.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.ones(1, 2).equals(Matrix.fill(1, 2, 1)); //=> true
   * ```
   */
  equals(b: Matrix): boolean {
    if (this.rows !== b.rows || this.cols !== b.cols) return false;
    const x = this.data,
      y = b.data;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }

  /**
   * Approximate equality: same shape and `|a − b| ≤ tolerance·max(1, |a|, |b|)` elementwise
   * (absolute near zero, relative for large values). `NaN` is close to nothing, an infinity only to
   * itself.
   * @param b - the other matrix.
   * @param tolerance - the tolerance, default `1e-9`.
   * @returns whether the two are close.
   * @throws RangeError when `tolerance` is negative or `NaN`.
   * @example
   * ```ts
   * import { Matrix } from 'bottomup';
   * Matrix.fill(1, 1, 0.1 + 0.2).approxEquals(Matrix.fill(1, 1, 0.3)); //=> true
   * ```
   */
  approxEquals(b: Matrix, tolerance = 1e-9): boolean {
    if (!(tolerance >= 0))
      throw new RangeError(`Matrix.approxEquals: expected tolerance >= 0, got ${fmtValue(tolerance)}`);
    if (this.rows !== b.rows || this.cols !== b.cols) return false;
    const x = this.data,
      y = b.data;
    for (let i = 0; i < x.length; i++) {
      const u = x[i],
        v = y[i];
      if (u === v) continue;
      // An infinity is close only to itself: the relative bound below would be Infinity.
      if (!Number.isFinite(u) || !Number.isFinite(v)) return false;
      if (!(Math.abs(u - v) <= tolerance * Math.max(1, Math.abs(u), Math.abs(v)))) return false;
    }
    return true;
  }
}
