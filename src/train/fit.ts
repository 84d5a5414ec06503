/**
 * `fit`: the explicit training loop, written for you.
 *
 * @module
 */
import { gatherColumnsUnchecked } from '../data/batch.js';
import type { Loss } from '../losses/loss.js';
import type { Matrix } from '../matrix/matrix.js';
import { copyInto } from '../matrix/ops.js';
import { Scratch } from '../matrix/scratch.js';
import type { Metric } from '../metrics/metric.js';
import { type EpochLogs, type History, HistoryRecorder } from './history.js';
import { type Model, setTraining, withPenalty } from './model.js';
import { type FitOptions, type FitPlan, planFit } from './plan.js';

/**
 * Trains a model: `epochs` passes over the data in mini-batches of `batchSize`, each batch one
 * forward, loss, `zeroGrad`, backward and `step` — the explicit loop, written for you.
 *
 * @remarks
 * Everything is validated before the first step, so a call that throws leaves the weights and the
 * optimizer exactly as they were. Mini-batches gather columns (shuffled with the seeded generator
 * when `shuffle`) into reused buffers; a single unshuffled batch uses `X` itself. With the same
 * seeds, `fit` is bit-identical to the equivalent explicit loop.
 *
 * **Shape:** `X` `(n_x, m)`, `Y` `(n_y, m)`.
 *
 * @param model - the model to train ({@link Sequential}, or any {@link Model}).
 * @param X - training inputs.
 * @param Y - training targets.
 * @param options - `loss`, `optimizer` (required); `epochs`, `batchSize`, `shuffle`, `seed`,
 *   `validationData` / `validationSplit`, `metrics`, `onEpochEnd`, `onBatchEnd`, `earlyStopping`,
 *   `signal`, `progress`.
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
 * history.metrics.accuracy.at(-1)! > 0.85; //=> true
 * ```
 */
export function fit(model: Model, X: Matrix, Y: Matrix, options: FitOptions): History {
  const plan = planFit('fit', model, X, Y, options);
  const { loss, optimizer, metrics, validation, earlyStopping, progress } = plan;
  const recorder = new HistoryRecorder(
    metrics.map(([name]) => name),
    validation !== null,
  );
  const history = recorder.history;
  const batches = new MiniBatches(plan);
  let nonFinite = false;
  const m = plan.X.cols;
  const sums = new Float64Array(metrics.length);
  // The user's own metrics see copies, taken before backward and measured after the step.
  const copies = plan.customMetrics ? ([new Scratch(), new Scratch()] as const) : null;

  // Train in training mode (Dropout, BatchNorm), and leave the model in the mode it was in.
  const mode = setTraining(model, true);
  // Close the progress line however training ends, even when a callback or a metric throws; and
  // then, with restoreBestWeights, put the best weights back before the error goes on.
  try {
    training: for (let epoch = 0; epoch < plan.epochs; epoch++) {
      if (plan.signal?.aborted) {
        history.stopReason = 'aborted';
        break;
      }
      batches.shuffle();
      let costSum = 0;
      sums.fill(0);
      for (let b = 0; b < batches.count; b++) {
        if (plan.signal?.aborted) {
          history.stopReason = 'aborted';
          break training;
        }
        const [Xb, Yb] = batches.get(b);
        const Yhat = model.forward(Xb);
        const cost = withPenalty(model, loss.forward(Yhat, Yb), Xb.cols);
        costSum += cost * Xb.cols;
        if (cost - cost !== 0 && plan.stopOnNonFinite) {
          // diverged: stop before this step spreads NaN into the weights, and report the epoch so far
          history.stopReason = 'nonFinite';
          nonFinite = true;
          break;
        }
        if (copies === null) {
          for (let k = 0; k < metrics.length; k++) sums[k] += metrics[k][1](Yhat, Yb) * Xb.cols;
        }
        const P = copies === null ? null : copyInto(copies[0].get(Yhat.rows, Yhat.cols), Yhat);
        const T = copies === null ? null : copyInto(copies[1].get(Yb.rows, Yb.cols), Yb);
        optimizer.zeroGrad();
        model.backward(loss.backward(), false);
        optimizer.step();
        if (P !== null && T !== null) {
          for (let k = 0; k < metrics.length; k++) sums[k] += metrics[k][1](P, T) * Xb.cols;
        }
        plan.onBatchEnd?.({ epoch, batch: b, size: Xb.cols, loss: cost });
      }
      const logs: EpochLogs = { epoch, loss: costSum / m, metrics: {} };
      // an epoch cut short by a non-finite loss has no meaningful metrics
      metrics.forEach(([name], k) => (logs.metrics[name] = nonFinite ? Number.NaN : sums[k] / m));
      if (validation !== null && !nonFinite) {
        const v = measure(model, loss, metrics, validation[0], validation[1], copies);
        logs.valLoss = v.loss;
        logs.valMetrics = v.metrics;
      }
      recorder.record(logs);
      progress?.epoch(logs);

      if (nonFinite) break;
      const stop = earlyStopping?.update(logs) ?? false;
      if (stop) history.stopReason = 'earlyStopping';
      if (plan.onEpochEnd?.(logs) === false && !stop) {
        history.stopReason = 'callback';
        break;
      }
      if (stop) break;
    }
  } catch (error) {
    progress?.end();
    setTraining(model, mode);
    earlyStopping?.restore();
    throw error;
  }
  progress?.end();
  setTraining(model, mode);
  if (earlyStopping !== null) {
    if (earlyStopping.bestEpoch !== undefined) history.bestEpoch = earlyStopping.bestEpoch;
    earlyStopping.restore();
  }
  return history;
}

/** The mini-batches of one epoch: columns gathered in the (shuffled) order into reused buffers. */
class MiniBatches {
  /** Batches per epoch. */
  readonly count: number;
  private readonly plan: FitPlan;
  private readonly order: Int32Array;
  private readonly X = new Scratch();
  private readonly Y = new Scratch();
  /** The whole set, in order: batches are `X` and `Y` themselves, no copy at all. */
  private readonly direct: boolean;
  private readonly pair: [Matrix, Matrix];

  constructor(plan: FitPlan) {
    const m = plan.X.cols;
    this.plan = plan;
    this.count = Math.ceil(m / plan.batchSize);
    this.order = new Int32Array(m);
    for (let j = 0; j < m; j++) this.order[j] = j;
    this.direct = !plan.shuffle && this.count === 1;
    this.pair = [plan.X, plan.Y];
  }

  /** Reorders the examples for the next epoch, when shuffling. */
  shuffle(): void {
    if (this.plan.shuffle) this.plan.random.shuffle(this.order);
  }

  /** Batch `b`'s `[X, Y]`: buffers overwritten by the next call. */
  get(b: number): [Matrix, Matrix] {
    if (this.direct) return this.pair;
    const { X, Y, batchSize } = this.plan;
    const start = b * batchSize;
    const size = Math.min(batchSize, X.cols - start);
    this.pair[0] = gatherColumnsUnchecked(this.X.get(X.rows, size), X, this.order, start);
    this.pair[1] = gatherColumnsUnchecked(this.Y.get(Y.rows, size), Y, this.order, start);
    return this.pair;
  }
}

/**
 * Computes loss (with the model's penalty) and metrics over `X`, `Y` with one forward pass, in
 * evaluation mode (the model's mode is put back afterwards). @internal
 */
export function measure(
  model: Model,
  loss: Loss,
  metrics: [string, Metric][],
  X: Matrix,
  Y: Matrix,
  copies: readonly [Scratch, Scratch] | null = null,
): { loss: number; metrics: Record<string, number> } {
  const mode = setTraining(model, false);
  try {
    const Yhat = model.forward(X);
    const J = withPenalty(model, loss.forward(Yhat, Y), X.cols);
    const values: Record<string, number> = {};
    // The user's own metrics get copies, so they cannot write into the data or the model's buffers.
    const P = copies === null ? Yhat : copyInto(copies[0].get(Yhat.rows, Yhat.cols), Yhat);
    const T = copies === null ? Y : copyInto(copies[1].get(Y.rows, Y.cols), Y);
    for (const [name, fn] of metrics) values[name] = fn(P, T);
    return { loss: J, metrics: values };
  } finally {
    setTraining(model, mode);
  }
}
