/**
 * Batch normalization over the examples of a column-per-example batch.
 *
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import { Matrix } from '../matrix/matrix.js';
import { BATCH_WIDTHS, Scratch } from '../matrix/scratch.js';
import type { Parameter } from '../parameter.js';
import { checkMatrix } from '../validate/matrix.js';
import {
  checkAllFinite,
  checkBoolean,
  checkInteger,
  checkNumber,
  checkOptions,
  checkPositive,
  transposeHint,
} from '../validate/values.js';
import type { Layer, LayerJSON } from './layer.js';
import { inverseStdInto, normalizeInto } from './normalize.js';

/** Options of {@link BatchNorm}. */
export interface BatchNormOptions {
  /**
   * The weight of each batch in the running statistics, in `[0, 1]`: `running = (1 − momentum)·running +
   * momentum·batch` (PyTorch's convention; Keras's `momentum` is `1 −` this); default `0.1`.
   */
  momentum?: number;
  /** Added to the variance before its square root, `> 0`; default `1e-5` (PyTorch's). */
  epsilon?: number;
}

/**
 * Batch normalization (Ioffe & Szegedy): each feature normalised over the `m` examples of the batch,
 * then scaled and shifted by the learnable `γ` and `β` — PyTorch's `BatchNorm1d`.
 *
 * @remarks
 * Training mode, for each feature (row) `i` over the `m` columns of `Z`:
 * `μ_i = (1/m)·Σ_j Z_ij`, `σ²_i = (1/m)·Σ_j (Z_ij − μ_i)²`, `x̂ = (Z − μ)·s` with `s = 1/√(σ² + ε)`,
 * and `Y = γ·x̂ + β`; the running statistics become `(1 − momentum)·running + momentum·batch`, with
 * the unbiased variance `Σ_j (Z_ij − μ_i)²/(m − 1)` for `runningVar` (as PyTorch does), so training
 * mode needs `m ≥ 2`. Evaluation mode (`model.eval()`, and always in `predict`, `evaluate` and
 * `fit`'s validation) uses the running statistics instead, an affine map per feature that
 * `bottomup/predict` computes with the same bits; it changes no state. Backward, exact: `dβ = Σ_j dY`,
 * `dγ = Σ_j dY·x̂`, and in training mode `dZ = (γ·s/m)·(m·dY − Σ_j dY − x̂·Σ_j dY·x̂)` (through the
 * batch's mean and variance), in evaluation mode `dZ = γ·s·dY`.
 *
 * The parameters are `gamma` (starts at 1) and `beta` (starts at 0), `(size, 1)` each, named
 * `gamma[l]`, `beta[l]` in a `Sequential`. `runningMean` (starts at 0) and `runningVar` (starts at 1)
 * are state, not parameters: no optimizer touches them (nor `fit`'s `restoreBestWeights`, which restores
 * parameters only). While {@link BatchNorm.frozen} is `true` the
 * running statistics are left alone (`gradientCheck` freezes the layer). A `Dense` right before it
 * needs no bias: `β` does its job.
 *
 * Saved as `{ type: 'BatchNorm', config: { size, momentum, epsilon }, weights: { gamma, beta },
 * state: { runningMean, runningVar } }`.
 *
 * **Shape:** input and output `(size, m)`. After the first step the layer allocates nothing while
 * the batch size is unchanged (up to three alternating sizes).
 *
 * @example
 * ```ts
 * import { BatchNorm, Matrix } from 'bottomup';
 * const bn = new BatchNorm(1);
 * // the batch [1, 3] has mean 2 and variance 1: (x − 2)/√(1 + 1e-5)
 * bn.forward(Matrix.from([[1, 3]])).toArray(); //=> [[-0.9999950000374997, 0.9999950000374997]]
 * bn.runningMean.toArray(); //=> [[0.2]]
 * ```
 */
export class BatchNorm implements Layer {
  /** Number of features. */
  readonly inputSize: number;
  /** Number of features (the same). */
  readonly outputSize: number;
  /** The weight of each batch in the running statistics. */
  readonly momentum: number;
  /** `ε`, added to the variance. */
  readonly epsilon: number;
  /** The scale `γ`, `(size, 1)`. */
  readonly gamma: Parameter;
  /** The shift `β`, `(size, 1)`. */
  readonly beta: Parameter;
  /** The running mean of each feature, `(size, 1)`, used in evaluation mode. */
  readonly runningMean: Matrix;
  /** The running (unbiased) variance of each feature, `(size, 1)`, used in evaluation mode. */
  readonly runningVar: Matrix;
  /** While `true`, a training-mode forward leaves the running statistics alone. */
  frozen = false;
  private mode = true;
  /** `μ` and `s = 1/√(σ² + ε)` of the last forward (the batch's or the running ones). */
  private readonly mean: Float64Array;
  private readonly inv: Float64Array;
  /** Whether the last forward ran in training mode; `null` before any forward. */
  private trained: boolean | null = null;
  private xhat: Matrix | null = null;
  private readonly out = new Scratch(BATCH_WIDTHS);
  private readonly normalized = new Scratch(BATCH_WIDTHS);
  private readonly grad = new Scratch();

  /**
   * @param size - the number of features, a positive integer.
   * @param options - `momentum`, `epsilon`.
   * @throws RangeError when `size` is not a positive integer, `momentum` is outside `[0, 1]` or
   *   `epsilon` is not a finite number `> 0`.
   * @throws TypeError on an unknown option or a value that is not a number.
   */
  constructor(size: number, options: BatchNormOptions = {}) {
    checkInteger('BatchNorm', 'size', size, 1);
    checkOptions('BatchNorm', options, ['momentum', 'epsilon']);
    const momentum = checkNumber('BatchNorm', 'momentum', options.momentum ?? 0.1);
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new RangeError(`BatchNorm: expected momentum in [0, 1], got ${fmtValue(momentum)}`);
    }
    this.epsilon = checkPositive('BatchNorm', 'epsilon', options.epsilon ?? 1e-5);
    this.momentum = momentum === 0 ? 0 : momentum; // +0 for −0: JSON has no −0
    this.inputSize = this.outputSize = size;
    this.gamma = { name: 'gamma', value: Matrix.ones(size, 1), grad: new Matrix(size, 1) };
    this.beta = { name: 'beta', value: new Matrix(size, 1), grad: new Matrix(size, 1) };
    this.runningMean = new Matrix(size, 1);
    this.runningVar = Matrix.ones(size, 1);
    this.mean = new Float64Array(size);
    this.inv = new Float64Array(size);
  }

  /** Whether the layer is in training mode (`true` when built). */
  get training(): boolean {
    return this.mode;
  }

  /**
   * Switches to training mode (`true`, the default: batch statistics) or evaluation mode (`false`:
   * running statistics).
   * @param mode - the mode.
   * @returns the layer.
   * @throws TypeError when `mode` is not a boolean.
   */
  train(mode = true): this {
    this.mode = checkBoolean('BatchNorm.train', 'mode', mode);
    return this;
  }

  /**
   * Checks that the layer takes `inputSize` features.
   * @param inputSize - the previous layer's number of outputs.
   * @returns `size`.
   * @throws {@link ShapeError} when `inputSize` differs from the layer's.
   */
  computeOutputSize(inputSize: number): number {
    if (inputSize !== this.inputSize) {
      throw new ShapeError(`${this.toString()}: expected ${this.inputSize} input features, got ${inputSize}`);
    }
    return this.outputSize;
  }

  /**
   * `Y = γ·(Z − μ)/√(σ² + ε) + β`, with the batch's statistics in training mode (updating the running
   * ones unless frozen) and the running statistics in evaluation mode.
   * @param Z - the input, `(size, m)`; `m ≥ 2` in training mode.
   * @returns `Y`, `(size, m)`, a buffer owned by the layer.
   * @throws {@link ShapeError} when `Z` does not have `size` rows, or has fewer than 2 columns in training mode.
   */
  forward(Z: Matrix): Matrix {
    checkMatrix('BatchNorm.forward', 'Z', Z);
    const n = this.inputSize,
      m = Z.cols;
    if (Z.rows !== n || m === 0) {
      throw new ShapeError(
        `BatchNorm.forward: expected Z (${n}, m) with m >= 1, got Z ${fmtShape(Z)}${transposeHint('Z', Z.rows, m, n)}`,
      );
    }
    const mean = this.mean,
      inv = this.inv,
      z = Z.data;
    if (this.mode) {
      if (m < 2) {
        throw new ShapeError(
          `BatchNorm.forward: expected a batch of m >= 2 examples in training mode (a variance over examples), ` +
            `got Z ${fmtShape(Z)}: predict one example in eval() mode, and give fit a batchSize that leaves no ` +
            'batch of one',
        );
      }
      const rm = this.runningMean.data,
        rv = this.runningVar.data,
        keep = 1 - this.momentum,
        momentum = this.momentum;
      for (let i = 0; i < n; i++) {
        const row = i * m;
        let sum = 0;
        for (let j = 0; j < m; j++) sum += z[row + j];
        const mu = sum / m;
        let squares = 0;
        for (let j = 0; j < m; j++) {
          const d = z[row + j] - mu;
          squares += d * d;
        }
        mean[i] = mu;
        inv[i] = squares / m; // the batch variance, turned into s below
        if (!this.frozen) {
          rm[i] = keep * rm[i] + momentum * mu;
          rv[i] = keep * rv[i] + momentum * (squares / (m - 1));
        }
      }
      inverseStdInto(inv, inv, this.epsilon);
    } else {
      mean.set(this.runningMean.data);
      inverseStdInto(inv, this.runningVar.data, this.epsilon);
    }
    const Y = this.out.get(n, m);
    const xhat = this.normalized.get(n, m);
    normalizeInto(Y.data, xhat.data, z, m, mean, inv, this.gamma.value.data, this.beta.value.data);
    this.xhat = xhat;
    this.trained = this.mode;
    return Y;
  }

  /**
   * Accumulates `dγ += Σ_j dY·x̂`, `dβ += Σ_j dY` and returns `dZ` (see the class remarks).
   * @param dY - `∂J/∂Y`, `(size, m)` with the `m` of the last forward.
   * @param inputGradient - compute and return `dZ` (default `true`); `false` returns `dY`.
   * @returns `dZ`, `(size, m)`, a buffer owned by the layer.
   * @throws Error when called before `forward`.
   * @throws {@link ShapeError} when `dY` is not shaped like the last output.
   */
  backward(dY: Matrix, inputGradient = true): Matrix {
    const X = this.xhat;
    if (X === null) throw new Error('BatchNorm.backward: expected a forward() first, got none');
    checkMatrix('BatchNorm.backward', 'dY', dY);
    const n = X.rows,
      m = X.cols;
    if (dY.rows !== n || dY.cols !== m) {
      throw new ShapeError(`BatchNorm.backward: expected dY ${fmtShape(X)}, got dY ${fmtShape(dY)}`);
    }
    const x = X.data,
      dy = dY.data,
      g = this.gamma.value.data,
      dg = this.gamma.grad.data,
      db = this.beta.grad.data,
      inv = this.inv;
    const dZ = inputGradient ? this.grad.get(n, m) : null;
    for (let i = 0; i < n; i++) {
      const row = i * m;
      let sum = 0,
        dot = 0;
      for (let j = 0; j < m; j++) {
        sum += dy[row + j];
        dot += dy[row + j] * x[row + j];
      }
      db[i] += sum;
      dg[i] += dot;
      if (dZ === null) continue;
      const d = dZ.data;
      if (this.trained) {
        // through the batch's mean and variance: dZ = (γ·s/m)·(m·dY − Σ dY − x̂·Σ dY·x̂)
        const c = (g[i] * inv[i]) / m;
        for (let j = 0; j < m; j++) d[row + j] = c * (m * dy[row + j] - sum - x[row + j] * dot);
      } else {
        const c = g[i] * inv[i];
        for (let j = 0; j < m; j++) d[row + j] = c * dy[row + j];
      }
    }
    return dZ ?? dY;
  }

  /**
   * The layer's parameters: `[gamma, beta]`.
   * @returns the parameters, the same objects on every call.
   */
  parameters(): Parameter[] {
    return [this.gamma, this.beta];
  }

  /** `BatchNorm(size)`. */
  toString(): string {
    return `BatchNorm(${this.inputSize})`;
  }

  /**
   * The layer as JSON: configuration, parameters and running statistics.
   * @returns `{ type: 'BatchNorm', config: { size, momentum, epsilon }, weights: { gamma, beta },
   *   state: { runningMean, runningVar } }`.
   * @throws RangeError when a value is `NaN` or infinite (JSON would write it as `null`).
   */
  toJSON(): LayerJSON {
    checkAllFinite('BatchNorm.toJSON', 'gamma', this.gamma.value);
    checkAllFinite('BatchNorm.toJSON', 'beta', this.beta.value);
    checkAllFinite('BatchNorm.toJSON', 'runningMean', this.runningMean);
    checkAllFinite('BatchNorm.toJSON', 'runningVar', this.runningVar);
    return {
      type: 'BatchNorm',
      config: { size: this.inputSize, momentum: this.momentum, epsilon: this.epsilon },
      weights: { gamma: Array.from(this.gamma.value.data), beta: Array.from(this.beta.value.data) },
      state: { runningMean: Array.from(this.runningMean.data), runningVar: Array.from(this.runningVar.data) },
    };
  }
}
