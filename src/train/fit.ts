/**
 * `fit`: the explicit training loop, written for you.
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';
import type { History } from './history.js';
import { trainingLoop } from './loop.js';
import type { Model } from './model.js';
import type { FitOptions } from './plan.js';

/**
 * Trains a model: `epochs` passes over the data in mini-batches of `batchSize`, each batch one
 * forward, loss, `zeroGrad`, backward and `step` — the explicit loop, written for you.
 *
 * @remarks
 * Everything is validated before the first step, so a call that throws leaves the weights and the
 * optimizer exactly as they were. Mini-batches gather columns (shuffled with the seeded generator
 * when `shuffle`) into reused buffers; a single unshuffled batch uses `X` itself. With the same
 * seeds, `fit` is bit-identical to the equivalent explicit loop. The epoch logs and the history name
 * each figure as Keras does: `loss`, `accuracy`, `val_loss`, `val_accuracy`. {@link fitAsync} runs
 * the same loop without blocking the event loop.
 *
 * **Shape:** `X` `(n_x, m)`, `Y` `(n_y, m)`.
 *
 * @param model - the model to train ({@link Sequential}, or any {@link Model}).
 * @param X - training inputs.
 * @param Y - training targets.
 * @param options - `loss`, `optimizer` (required); `epochs`, `batchSize`, `shuffle`, `seed`,
 *   `validationData` / `validationSplit`, `sampleWeight`, `classWeight`, `metrics`, `onEpochEnd`,
 *   `onBatchEnd`, `earlyStopping`, `signal`, `progress`, `stopOnNonFinite`.
 * @returns the per-epoch history.
 * @throws {@link ShapeError} when `X`, `Y` and the model do not fit together (the message names both shapes).
 * @throws RangeError for non-finite data (naming the matrix and position), invalid labels for the loss,
 *   or a bad size (epochs, batch size, split).
 * @throws TypeError for an unknown option or a value of the wrong kind.
 *
 * @example
 * ```ts
 * import { BinaryCrossEntropy, Dense, SGD, Sequential, Sigmoid, Tanh, fit, planar } from 'bottomup';
 * const { X, Y } = planar({ seed: 1 });
 * const model = new Sequential([
 *   new Dense(2, 4, { init: 'small', seed: 2 }), new Tanh(),
 *   new Dense(4, 1, { init: 'small', seed: 3 }), new Sigmoid(),
 * ]);
 * const history = fit(model, X, Y, {
 *   loss: new BinaryCrossEntropy(),
 *   optimizer: new SGD(model.parameters(), { learningRate: 1.2 }),
 *   epochs: 1000,
 *   metrics: ['accuracy'],
 * });
 * history.history.accuracy.at(-1)! > 0.85; //=> true
 * ```
 */
export function fit(model: Model, X: Matrix, Y: Matrix, options: FitOptions): History {
  const loop = trainingLoop('fit', model, X, Y, options);
  try {
    while (loop.step());
  } catch (error) {
    loop.fail();
    throw error;
  }
  return loop.finish();
}
