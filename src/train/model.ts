/**
 * `Model`: what `fit` and `evaluate` need of a model.
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';
import type { Parameter } from '../parameter.js';

/**
 * What {@link fit} and {@link evaluate} need of a model: {@link Sequential}, or anything shaped like it.
 *
 * @remarks
 * **Shape:** `forward` takes `X` `(n_x, m)` and returns `ŷ` `(n_y, m)`, one column per example.
 */
export interface Model {
  /** Number of input features `n_x`, or `undefined` if the model takes any number. */
  readonly inputSize: number | undefined;
  /** Number of outputs `n_y`, or `undefined` if the model does not fix it. */
  readonly outputSize: number | undefined;
  /** Forward propagation: `ŷ` for `X` (a buffer the model may overwrite on the next call). */
  forward(X: Matrix): Matrix;
  /** Back-propagates `∂J/∂ŷ` of the last forward into the parameters' gradients, skipping `dX`. */
  backward(dYhat: Matrix, inputGradient: false): unknown;
  /** The trainable parameters, the list an optimizer walks. */
  parameters(): Parameter[];
  /** Whether the model is in training mode, for a model with modes (see {@link Sequential.train}). */
  readonly training?: boolean;
  /** Switches a model with modes to training (`true`) or evaluation (`false`) mode. */
  train?(mode: boolean): unknown;
  /** The regularization term of the cost for a batch of `m` examples (see {@link Sequential.penalty}). */
  penalty?(m: number): number;
}

/**
 * Puts a model that has modes in training mode `mode` (nothing when it is already in it, or when
 * `mode` is `undefined`), and returns the mode it was in, to put back later. @internal
 */
export function setTraining(model: Model, mode: boolean | undefined): boolean | undefined {
  const before = model.training;
  if (mode !== undefined && before !== undefined && before !== mode) model.train?.(mode);
  return before;
}

/** `cost` plus the model's penalty for `m` examples (the same bits when there is none). @internal */
export function withPenalty(model: Model, cost: number, m: number): number {
  const penalty = model.penalty?.(m) ?? 0;
  return penalty === 0 ? cost : cost + penalty;
}
