/**
 * The base of the parameter-free activation layers `A = g(Z)`.
 *
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import type { Layer, LayerJSON } from '../layers/layer.js';
import type { Parameter } from '../parameter.js';
import { Scratch } from '../matrix/scratch.js';
import { checkOptions } from '../validate/values.js';

/** The options of {@link LeakyReLU} and {@link ELU}: a finite `alpha`, `fallback` when absent. @internal */
export function checkAlpha(type: string, options: { alpha?: number }, fallback: number): number {
  checkOptions(type, options, ['alpha']);
  const alpha = options.alpha ?? fallback;
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
    throw new RangeError(`${type}: expected alpha to be a finite number, got ${fmtValue(alpha)}`);
  }
  // +0 for −0: JSON cannot carry −0, and a saved model must predict the same bits when loaded.
  return alpha === 0 ? 0 : alpha;
}

/**
 * An elementwise (or per-column) activation `A = g(Z)` with no parameters.
 *
 * @remarks
 * Forward: `A[l] = g(Z[l])`. Backward: `dZ[l] = dA[l] ⊙ g′(Z[l])` (per column for softmax).
 * Subclasses implement the two loops over raw arrays, so the hot loops stay monomorphic.
 *
 * **Shape:** input and output are both `(n, m)`.
 *
 * @example
 * ```ts
 * import { Matrix, Tanh } from 'bottomup';
 * new Tanh().forward(Matrix.from([[0]])).toArray(); //=> [[0]]
 * ```
 */
export abstract class Activation implements Layer {
  /** The layer's class name as written in JSON, e.g. `"Tanh"`. */
  abstract readonly type: string;
  private Z: Matrix | null = null;
  private A: Matrix | null = null;
  private readonly out = new Scratch();
  private readonly grad = new Scratch();

  /**
   * Writes `a[i] = g(z[i])` for a `(rows, cols)` block stored row-major.
   * @param z - the input values.
   * @param a - the output values (same length).
   * @param rows - number of rows (features).
   * @param cols - number of columns (examples).
   */
  protected abstract apply(z: Float64Array, a: Float64Array, rows: number, cols: number): void;

  /**
   * Writes `dz = da ⊙ g′(z)`, given the input `z` and output `a` of the last forward.
   * @param z - the input of the last forward.
   * @param a - the output of the last forward.
   * @param da - the incoming gradient `∂J/∂A`.
   * @param dz - the outgoing gradient `∂J/∂Z`.
   * @param rows - number of rows (features).
   * @param cols - number of columns (examples).
   */
  protected abstract derivative(
    z: Float64Array,
    a: Float64Array,
    da: Float64Array,
    dz: Float64Array,
    rows: number,
    cols: number,
  ): void;

  /**
   * `A = g(Z)`.
   * @param Z - the pre-activation, `(n, m)`.
   * @returns `A`, `(n, m)`, a buffer owned by the layer.
   */
  forward(Z: Matrix): Matrix {
    const A = this.out.get(Z.rows, Z.cols);
    this.apply(Z.data, A.data, Z.rows, Z.cols);
    this.Z = Z;
    this.A = A;
    return A;
  }

  /**
   * `dZ = dA ⊙ g′(Z)` for the last forward.
   * @param dA - `∂J/∂A`, shaped like the last output.
   * @returns `dZ`, a buffer owned by the layer.
   * @throws Error when called before `forward`.
   * @throws {@link ShapeError} when `dA` is not shaped like the last output.
   */
  backward(dA: Matrix): Matrix {
    const Z = this.Z, A = this.A;
    if (Z === null || A === null) throw new Error(`${this.type}.backward: expected a forward() first, got none`);
    if (dA.rows !== A.rows || dA.cols !== A.cols) {
      throw new ShapeError(`${this.type}.backward: expected dA ${fmtShape(A.rows, A.cols)}, got dA ${fmtShape(dA.rows, dA.cols)}`);
    }
    const dZ = this.grad.get(A.rows, A.cols);
    this.derivative(Z.data, A.data, dA.data, dZ.data, A.rows, A.cols);
    return dZ;
  }

  /** Activations have no parameters. @returns `[]`. */
  parameters(): Parameter[] {
    return [];
  }

  /** Activations keep the number of features. @returns `inputSize`. */
  computeOutputSize(inputSize: number): number {
    return inputSize;
  }

  /** Constructor options, for JSON and `toString`. @returns the configuration (empty by default). */
  protected config(): Record<string, unknown> {
    return {};
  }

  /** E.g. `Tanh()` or `LeakyReLU(alpha=0.01)`. */
  toString(): string {
    const entries = Object.entries(this.config()).map(([k, v]) => `${k}=${String(v)}`);
    return `${this.type}(${entries.join(', ')})`;
  }

  /** `{ type, config }`. */
  toJSON(): LayerJSON {
    const config = this.config();
    return Object.keys(config).length === 0 ? { type: this.type } : { type: this.type, config };
  }
}
