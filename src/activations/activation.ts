/**
 * The base of the parameter-free activation layers `A = g(Z)`.
 *
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import type { Layer, LayerJSON } from '../layers/layer.js';
import type { Parameter } from '../parameter.js';
import { BATCH_WIDTHS, Scratch } from '../matrix/scratch.js';
import { checkOptions } from '../validate/values.js';
import { checkMatrix, isWholeMatrix } from '../validate/matrix.js';
import type { ActivationKernel, ActivationType } from './kernels.js';

/** The options of {@link LeakyReLU} and {@link ELU}: a finite `alpha`, the kind's default when absent. @internal */
export function checkAlpha(type: 'LeakyReLU' | 'ELU', options: { alpha?: number }, fallback: number): number {
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
 * Each kind's two loops over raw arrays live in one table, src/activations/kernels.ts, which the
 * concrete classes select by their `type`; the hot loops stay monomorphic.
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
  readonly type: string;
  private readonly kernel: ActivationKernel;
  /** The `alpha` handed to the kernel (0, unused, for the kinds that take none). */
  private readonly param: number;
  private Z: Matrix | null = null;
  private A: Matrix | null = null;
  private readonly out = new Scratch(BATCH_WIDTHS);
  private readonly grad = new Scratch();

  /**
   * @param type - the kind, a key of the kernel table (and the class's name).
   * @param kernel - the kind's kernel (imported by the subclass itself, so only the kinds in use ship).
   * @param alpha - the kind's `alpha`, already validated, for LeakyReLU and ELU.
   * @internal
   */
  constructor(type: ActivationType, kernel: ActivationKernel, alpha = 0) {
    this.type = type;
    this.kernel = kernel;
    this.param = alpha;
  }

  /**
   * `A = g(Z)`.
   * @param Z - the pre-activation, `(n, m)`.
   * @returns `A`, `(n, m)`, a buffer owned by the layer.
   */
  forward(Z: Matrix): Matrix {
    if (!isWholeMatrix(Z)) checkMatrix(`${this.type}.forward`, 'Z', Z);
    const A = this.out.get(Z.rows, Z.cols);
    this.kernel.forward(Z.data, A.data, Z.rows, Z.cols, this.param);
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
    const Z = this.Z,
      A = this.A;
    if (Z === null || A === null) throw new Error(`${this.type}.backward: expected a forward() first, got none`);
    if (!isWholeMatrix(dA)) checkMatrix(`${this.type}.backward`, 'dA', dA);
    if (dA.rows !== A.rows || dA.cols !== A.cols) {
      throw new ShapeError(
        `${this.type}.backward: expected dA ${fmtShape(A.rows, A.cols)}, got dA ${fmtShape(dA.rows, dA.cols)}`,
      );
    }
    const dZ = this.grad.get(A.rows, A.cols);
    this.kernel.backward(Z.data, A.data, dA.data, dZ.data, A.rows, A.cols, this.param);
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
