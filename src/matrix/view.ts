/**
 * `MatrixView`: what the allocation-free kernels read and write.
 *
 * @module
 */

/**
 * A row-major `(rows, cols)` block of Float64 values: element `(i, j)` is `data[i * cols + j]`.
 *
 * @remarks
 * Every {@link Matrix} is one. The `…Into` kernels take and return views, so they depend on the
 * layout only (and `bottomup/predict` can run a model without the `Matrix` class); a kernel returns
 * its `out` argument with the type it was given.
 */
export interface MatrixView {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** The `rows · cols` values, row-major. */
  readonly data: Float64Array;
}

/**
 * Numbers in an array: a plain `number[]` or any numeric typed array (`Float64Array`, `Float32Array`,
 * `Int32Array`, `Uint8Array`, …) — such as a matrix's `data`, a `subarray` of it, or the `Int32Array`
 * of {@link predictClasses}.
 */
export type NumberArray =
  | readonly number[]
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;
