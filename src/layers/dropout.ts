/**
 * Inverted dropout, as in the course: `D = rand < keep`, `A = Z·D / keep`.
 *
 * @module
 */
import { ShapeError, fmtShape } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import { BATCH_WIDTHS, Scratch } from '../matrix/scratch.js';
import type { Parameter } from '../parameter.js';
import type { Random } from '../random.js';
import { checkMatrix, isWholeMatrix } from '../validate/matrix.js';
import { checkBoolean, checkOptions, checkSeed, checkUnitInterval } from '../validate/values.js';
import { sharedRandom } from './init.js';
import type { Layer, LayerJSON } from './layer.js';

/** Options of {@link Dropout}. */
export interface DropoutOptions {
  /**
   * A seed or a generator for the masks (a `NumpyRandom` draws numpy's `np.random.rand`); default: a
   * seed drawn from the generator unseeded `Dense` layers use, so each unseeded `Dropout` has its own
   * stream, fixed by construction order.
   */
  seed?: number | Random;
}

/**
 * Inverted dropout: in training mode each unit is kept with probability `keep = 1 − rate` and scaled by
 * `1/keep`; in evaluation mode the layer is the identity.
 *
 * @remarks
 * Training-mode forward, as in the course: `D = (rand(n, m) < keep)`, `A = Z·D / keep` (each element
 * `Z_ij · D_ij / keep`, so the expected value of `A` is `Z`); backward uses the same mask:
 * `dZ = dA·D / keep`. A new mask is drawn at every training-mode forward, one uniform draw per
 * element in row-major order (so `seed: new NumpyRandom(1)` gives the mask of numpy's
 * `np.random.seed(1); np.random.rand(n, m) < keep`). In evaluation mode (`model.eval()`, and always
 * in `predict`, `evaluate` and `fit`'s validation) forward returns its input and backward its
 * gradient, unchanged.
 *
 * While {@link Dropout.frozen} is `true`, forward reuses the last mask (drawing one only when it has
 * none of this shape): `gradientCheck` freezes the layer so that finite differences see one fixed
 * function.
 *
 * Saved as `{ type: 'Dropout', config: { rate, seed } }`: the rate and the numeric seed (absent when
 * the seed was a generator), not the generator's position, so a loaded layer starts a fresh mask
 * stream from that seed. `bottomup/predict` treats it as the identity.
 *
 * **Shape:** input and output are both `(n, m)`. After the first step the layer allocates nothing
 * while the batch size is unchanged (up to three alternating sizes).
 *
 * @example
 * ```ts
 * import { Dropout, Matrix } from 'bottomup';
 * const dropout = new Dropout(0.5, { seed: 1 });
 * const A = dropout.forward(Matrix.ones(2, 4)); // each element 0 or 1 / 0.5 = 2
 * A.data.every((v) => v === 0 || v === 2); //=> true
 * dropout.train(false).forward(Matrix.ones(2, 4)).data.every((v) => v === 1); //=> true
 * ```
 */
export class Dropout implements Layer {
  /** The probability of dropping a unit, in `[0, 1)`. */
  readonly rate: number;
  /** The numeric seed of the mask stream (saved in the JSON), or `undefined` when given a generator. */
  readonly seed: number | undefined;
  /** While `true`, a training-mode forward reuses the last mask (see the remarks). */
  frozen = false;
  private mode = true;
  private readonly random: Random;
  private readonly keep: number;
  /** The last forward's mask (0 or 1 per element), or `null` when it ran in evaluation mode. */
  private D: Matrix | null = null;
  /** The last forward's output shape, `[rows, cols]`, or `null` before any forward. */
  private shape: [number, number] | null = null;
  private readonly masks = new Scratch(BATCH_WIDTHS);
  private readonly out = new Scratch(BATCH_WIDTHS);
  private readonly grad = new Scratch();

  /**
   * @param rate - the probability of dropping each unit, in `[0, 1)` (`keep = 1 − rate`).
   * @param options - `seed`.
   * @throws RangeError when `rate` is outside `[0, 1)`, or `seed` is not an integer in `[0, 2^32 − 1]`.
   * @throws TypeError when `rate` is not a number, on an unknown option or a seed of the wrong kind.
   */
  constructor(rate: number, options: DropoutOptions = {}) {
    checkUnitInterval('Dropout', 'rate', rate);
    checkOptions('Dropout', options, ['seed']);
    const seed = options.seed ?? sharedRandom().nextUint32();
    this.random = checkSeed('Dropout', seed);
    this.seed = typeof seed === 'number' ? seed : undefined;
    // +0 for −0: JSON cannot carry −0 (and keep is 1 either way)
    this.rate = rate === 0 ? 0 : rate;
    this.keep = 1 - rate;
  }

  /** Whether the layer is in training mode (`true` when built). */
  get training(): boolean {
    return this.mode;
  }

  /**
   * Switches to training mode (`true`, the default) or evaluation mode (`false`, the identity).
   * @param mode - the mode.
   * @returns the layer.
   * @throws TypeError when `mode` is not a boolean.
   */
  train(mode = true): this {
    this.mode = checkBoolean('Dropout.train', 'mode', mode);
    return this;
  }

  /**
   * Training mode: `A = Z·D / keep` with a new mask `D = rand < keep`; evaluation mode: `Z` itself.
   * @param Z - the input, `(n, m)`.
   * @returns `A`, `(n, m)`: a buffer owned by the layer, or `Z` itself in evaluation mode.
   */
  forward(Z: Matrix): Matrix {
    if (!isWholeMatrix(Z)) checkMatrix('Dropout.forward', 'Z', Z);
    const rows = Z.rows,
      cols = Z.cols;
    this.shape = [rows, cols];
    if (!this.mode) {
      this.D = null;
      return Z;
    }
    const keep = this.keep;
    let D = this.D;
    if (!this.frozen || D === null || D.rows !== rows || D.cols !== cols) {
      D = this.masks.get(rows, cols);
      const d = D.data,
        random = this.random;
      for (let i = 0; i < d.length; i++) d[i] = random.next() < keep ? 1 : 0;
    }
    this.D = D;
    const A = this.out.get(rows, cols);
    const a = A.data,
      z = Z.data,
      d = D.data;
    for (let i = 0; i < a.length; i++) a[i] = (z[i] * d[i]) / keep;
    return A;
  }

  /**
   * `dZ = dA·D / keep` with the last forward's mask (`dA` itself after an evaluation-mode forward).
   * @param dA - `∂J/∂A`, shaped like the last output.
   * @returns `dZ`: a buffer owned by the layer, or `dA` itself after an evaluation-mode forward.
   * @throws Error when called before `forward`.
   * @throws {@link ShapeError} when `dA` is not shaped like the last output.
   */
  backward(dA: Matrix): Matrix {
    const shape = this.shape;
    if (shape === null) throw new Error('Dropout.backward: expected a forward() first, got none');
    if (!isWholeMatrix(dA)) checkMatrix('Dropout.backward', 'dA', dA);
    const [rows, cols] = shape;
    if (dA.rows !== rows || dA.cols !== cols) {
      throw new ShapeError(`Dropout.backward: expected dA ${fmtShape(rows, cols)}, got dA ${fmtShape(dA)}`);
    }
    const D = this.D;
    if (D === null) return dA;
    const dZ = this.grad.get(rows, cols);
    const g = dZ.data,
      da = dA.data,
      d = D.data,
      keep = this.keep;
    for (let i = 0; i < g.length; i++) g[i] = (da[i] * d[i]) / keep;
    return dZ;
  }

  /** Dropout has no parameters. @returns `[]`. */
  parameters(): Parameter[] {
    return [];
  }

  /** Dropout keeps the number of features. @returns `inputSize`. */
  computeOutputSize(inputSize: number): number {
    return inputSize;
  }

  /** `Dropout(rate=0.5)`. */
  toString(): string {
    return `Dropout(rate=${this.rate})`;
  }

  /** `{ type: 'Dropout', config: { rate, seed } }` (`seed` absent when the seed was a generator). */
  toJSON(): LayerJSON {
    return {
      type: 'Dropout',
      config: this.seed === undefined ? { rate: this.rate } : { rate: this.rate, seed: this.seed },
    };
  }
}
