/**
 * The fully connected layer `Z = W·A + b`.
 *
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import { Matrix, allocate } from '../matrix/matrix.js';
import { sumColumnsInto } from '../matrix/ops.js';
import { inputGradientInto, linearInto, weightGradientInto } from './linear.js';
import {
  checkAllFinite,
  checkBoolean,
  checkInteger,
  checkOptions,
  checkPositive,
  checkSeed,
  transposeHint,
} from '../validate/values.js';
import type { Random } from '../random.js';
import { INITIALIZERS, type Initializer, initialize, sharedRandom } from './init.js';
import type { Layer, LayerJSON } from './layer.js';
import type { Parameter } from '../parameter.js';
import { BATCH_WIDTHS, Scratch } from '../matrix/scratch.js';
import { checkMatrix } from '../validate/matrix.js';

/** Options of {@link Dense}. */
export interface DenseOptions {
  /** Weight initialiser; default `'xavier'`. The course's 2-layer network uses `'small'` (`randn·0.01`). */
  init?: Initializer;
  /** A seed or a generator for the initialiser; default: a shared generator seeded with 0. */
  seed?: number | Random;
  /** Whether the layer has a bias `b`; default `true`. */
  useBias?: boolean;
  /**
   * L2 and L1 penalties on `W` (never on `b`), `λ ≥ 0` each: the cost gains `l2/(2m)·ΣW² + l1/m·Σ|W|`
   * (see {@link Dense.penalty}) and `dW` gains `l2/m·W + l1/m·sign(W)`; default none.
   */
  regularizer?: Regularizer;
}

/** The penalties of a regularized {@link Dense}: `λ` for L2 (`l2`) and L1 (`l1`), each `>= 0`, default `0`. */
export interface Regularizer {
  /** `λ` of the L1 penalty `λ/m·Σ|W|`. */
  l1?: number;
  /** `λ` of the L2 penalty `λ/(2m)·ΣW²`, the course's. */
  l2?: number;
}

const DENSE_OPTIONS = ['init', 'seed', 'useBias', 'regularizer'] as const;

/**
 * A fully connected layer: `Z = W·A + b`.
 *
 * @remarks
 * Forward: `Z[l] = W[l]·A[l-1] + b[l]`. Backward, for `dZ[l] = ∂J/∂Z[l]`:
 * `dW[l] += dZ[l]·A[l-1]ᵀ`, `db[l] += Σ_columns dZ[l]`, and it returns `dA[l-1] = W[l]ᵀ·dZ[l]`.
 * The `1/m` of the cost lives in the loss gradient, as in the course.
 *
 * **Shape:** input `A[l-1]` is `(inputSize, m)`, output `Z[l]` is `(outputSize, m)`;
 * `W` is `(outputSize, inputSize)` (as in the course and PyTorch), `b` is `(outputSize, 1)`.
 *
 * The returned matrices are buffers owned by the layer, reused while the batch size is unchanged and
 * overwritten by the next call: `clone()` one to keep it.
 *
 * @example
 * ```ts
 * import { Dense, Matrix } from 'bottomup';
 * const layer = new Dense(2, 4, { init: 'small', seed: 1 });
 * layer.weight.value.shape; //=> [4, 2]
 * layer.forward(Matrix.zeros(2, 3)).shape; //=> [4, 3]
 * ```
 */
export class Dense implements Layer {
  /** Number of input features `n[l-1]`. */
  readonly inputSize: number;
  /** Number of units `n[l]`. */
  readonly outputSize: number;
  /** The weights `W`, `(outputSize, inputSize)`. */
  readonly weight: Parameter;
  /** The bias `b`, `(outputSize, 1)`, or `null` without bias. */
  readonly bias: Parameter | null;
  /** The initialiser used. */
  readonly init: Initializer;
  /** The penalties on `W`, both present, or `null` without a regularizer. */
  readonly regularizer: Readonly<Required<Regularizer>> | null;

  private input: Matrix | null = null;
  private readonly Z = new Scratch(BATCH_WIDTHS);
  private readonly dA = new Scratch();
  /** This batch's `dZ·Aᵀ`, before it is added into `W.grad`. */
  private readonly dW = new Scratch();

  /**
   * @param inputSize - `n[l-1]`, a positive integer.
   * @param outputSize - `n[l]`, a positive integer.
   * @param options - `init`, `seed`, `useBias`, `regularizer`.
   * @throws RangeError when a size is not a positive integer, `init` is unknown or a penalty is negative.
   * @throws TypeError on an unknown option name, a non-boolean `useBias`, a bad `seed` or `regularizer`.
   */
  constructor(inputSize: number, outputSize: number, options: DenseOptions = {}) {
    checkInteger('Dense', 'inputSize', inputSize, 1);
    checkInteger('Dense', 'outputSize', outputSize, 1);
    checkOptions('Dense', options, DENSE_OPTIONS);
    const init = options.init ?? 'xavier';
    if (!INITIALIZERS.includes(init)) {
      throw new RangeError(`Dense: expected init among ${INITIALIZERS.join(', ')}, got ${fmtValue(init)}`);
    }
    const useBias = checkBoolean('Dense', 'useBias', options.useBias ?? true);
    const r = options.regularizer;
    if (r !== undefined) checkOptions('Dense.regularizer', r, ['l1', 'l2']);
    this.regularizer =
      r === undefined
        ? null
        : {
            l1: checkPositive('Dense', 'regularizer.l1', r.l1 ?? 0, true),
            l2: checkPositive('Dense', 'regularizer.l2', r.l2 ?? 0, true),
          };
    const random = options.seed === undefined ? sharedRandom() : checkSeed('Dense', options.seed);
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    this.init = init;
    const W = new Matrix(outputSize, inputSize, allocate('Dense', outputSize, inputSize));
    initialize(W, init, random);
    this.weight = { name: 'W', value: W, grad: new Matrix(outputSize, inputSize) };
    this.bias = !useBias ? null : { name: 'b', value: new Matrix(outputSize, 1), grad: new Matrix(outputSize, 1) };
  }

  /**
   * Checks that the layer takes `inputSize` features and returns its number of units.
   * @param inputSize - the previous layer's number of outputs.
   * @returns `outputSize`.
   * @throws {@link ShapeError} when `inputSize` differs from the layer's.
   */
  computeOutputSize(inputSize: number): number {
    if (inputSize !== this.inputSize) {
      throw new ShapeError(`${this.toString()}: expected ${this.inputSize} input features, got ${inputSize}`);
    }
    return this.outputSize;
  }

  /**
   * `Z = W·A + b`.
   * @param input - `A[l-1]`, `(inputSize, m)`.
   * @returns `Z[l]`, `(outputSize, m)`, owned by the layer.
   * @throws {@link ShapeError} when `input.rows !== inputSize`.
   */
  forward(input: Matrix): Matrix {
    checkMatrix('Dense.forward', 'input', input);
    if (input.rows !== this.inputSize) {
      throw new ShapeError(
        `Dense.forward: expected input (${this.inputSize}, m), got input ${fmtShape(input.rows, input.cols)}` +
          transposeHint('input', input.rows, input.cols, this.inputSize),
      );
    }
    const m = input.cols;
    const Z = this.Z.get(this.outputSize, m);
    linearInto(Z, this.weight.value, input, this.bias === null ? null : this.bias.value);
    this.input = input;
    return Z;
  }

  /**
   * Accumulates `dW += dZ·Aᵀ`, `db += Σ_columns dZ` and returns `dA[l-1] = Wᵀ·dZ`.
   * @param dZ - `∂J/∂Z[l]`, `(outputSize, m)` with the `m` of the last forward.
   * @param inputGradient - compute and return `dA[l-1]` (default `true`); `false` skips that product
   *   (a first layer's input needs no gradient) and returns `dZ`.
   * @returns `dA[l-1]`, `(inputSize, m)`, owned by the layer.
   * @throws Error when called before `forward`.
   * @throws {@link ShapeError} when `dZ` is not shaped like the last output.
   */
  backward(dZ: Matrix, inputGradient = true): Matrix {
    const A = this.input;
    if (A === null) throw new Error('Dense.backward: expected a forward() first, got none');
    checkMatrix('Dense.backward', 'dZ', dZ);
    if (dZ.rows !== this.outputSize || dZ.cols !== A.cols) {
      throw new ShapeError(
        `Dense.backward: expected dZ ${fmtShape(this.outputSize, A.cols)}, got dZ ${fmtShape(dZ.rows, dZ.cols)}`,
      );
    }
    // In the forward pass this was: Z = W·A + b, so now: dW = dZ·Aᵀ, db = Σ_columns dZ, dA = Wᵀ·dZ.
    // W.grad += dW with the product formed on its own first: continuing the product's running sum
    // from the old grad would round differently, and two identical backwards must give exactly
    // twice the gradient (as for db, and as in PyTorch).
    const dW = weightGradientInto(this.dW.get(this.outputSize, this.inputSize), dZ, A).data;
    const G = this.weight.grad.data;
    const r = this.regularizer;
    if (r === null) for (let i = 0; i < G.length; i++) G[i] += dW[i];
    else {
      // The penalty's gradient, l2/m·W + l1/m·sign(W), joins this batch's dW before it is accumulated.
      const W = this.weight.value.data,
        l2 = r.l2 / A.cols,
        l1 = r.l1 / A.cols;
      for (let i = 0; i < G.length; i++) G[i] += dW[i] + l2 * W[i] + l1 * Math.sign(W[i]);
    }
    if (this.bias !== null) sumColumnsInto(this.bias.grad, dZ, true);
    if (!inputGradient) return dZ;
    return inputGradientInto(this.dA.get(this.inputSize, A.cols), this.weight.value, dZ);
  }

  /**
   * The regularization term of the cost for a batch of `m` examples: `l2/(2m)·ΣW² + l1/m·Σ|W|` (the
   * course's `λ/(2m)·‖W‖²_F` for L2), `0` without a regularizer; `backward` adds its gradient.
   * @param m - the number of examples in the batch, a positive integer.
   * @returns the penalty.
   * @throws RangeError when `m` is not a positive integer.
   */
  penalty(m: number): number {
    checkInteger('Dense.penalty', 'm', m, 1);
    const r = this.regularizer;
    if (r === null) return 0;
    const W = this.weight.value.data;
    let squares = 0,
      absolutes = 0;
    for (let i = 0; i < W.length; i++) {
      squares += W[i] * W[i];
      absolutes += Math.abs(W[i]);
    }
    return (r.l2 / (2 * m)) * squares + (r.l1 / m) * absolutes;
  }

  /**
   * The layer's parameters: `[W, b]` (or `[W]` without bias).
   * @returns the parameters, the same objects on every call.
   */
  parameters(): Parameter[] {
    return this.bias === null ? [this.weight] : [this.weight, this.bias];
  }

  /** `Dense(inputSize → outputSize)`. */
  toString(): string {
    return `Dense(${this.inputSize} → ${this.outputSize})`;
  }

  /**
   * The layer as JSON: sizes, options and weights.
   * @returns `{ type: 'Dense', config: { inputSize, outputSize, useBias, init, regularizer }, weights: { W, b } }`
   *   (`regularizer: { l1, l2 }` only when the layer has one).
   * @throws RangeError when a weight is `NaN` or infinite (JSON would write it as `null`).
   */
  toJSON(): LayerJSON {
    for (const p of this.parameters()) checkAllFinite('Dense.toJSON', p.name, p.value);
    const weights: Record<string, number[]> = { W: Array.from(this.weight.value.data) };
    if (this.bias !== null) weights.b = Array.from(this.bias.value.data);
    const r = this.regularizer;
    return {
      type: 'Dense',
      config: {
        inputSize: this.inputSize,
        outputSize: this.outputSize,
        useBias: this.bias !== null,
        init: this.init,
        ...(r && { regularizer: { l1: r.l1, l2: r.l2 } }),
      },
      weights,
    };
  }
}
