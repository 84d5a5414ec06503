/**
 * The training loop behind `fit` and `fitAsync`: one mini-batch per `step()`, so
 * `fit` drives it in a plain `while` and `fitAsync` yields to the event loop between steps — the same
 * steps in the same order, hence the same bits.
 *
 * @module
 */
import { gatherColumnsUnchecked } from '../data/batch.js';
import type { Loss, LossOptions } from '../losses/loss.js';
import type { Matrix } from '../matrix/matrix.js';
import { copyInto } from '../matrix/ops.js';
import { Scratch } from '../matrix/scratch.js';
import type { Metric } from '../metrics/metric.js';
import { checkPositive } from '../validate/values.js';
import { type EpochLogs, type History, HistoryRecorder } from './history.js';
import { type Model, setTraining, withPenalty } from './model.js';
import { type FitOptions, type FitPlan, planFit } from './plan.js';

/**
 * One `fit` run as a state machine: {@link TrainingLoop.step} runs the next mini-batch (and, after
 * an epoch's last, the epoch's end) and says whether training goes on. @internal
 */
export interface TrainingLoop {
  /** The history so far. */
  readonly history: History;
  /**
   * Runs the next mini-batch — one forward, loss, `zeroGrad`, backward and `step` — and after the
   * epoch's last batch the epoch's end (logs, validation, progress, early stopping, `onEpochEnd`).
   * @returns whether training goes on.
   */
  step(): boolean;
  /** Ends the run: closes the progress line, puts the best weights back (`restoreBestWeights`). */
  finish(): History;
  /**
   * Ends a run that threw (a callback or a metric): closes the progress line and, with
   * `restoreBestWeights`, puts the best weights back before the error goes on.
   */
  fail(): void;
}

/**
 * Plans a `fit` run (every option checked; nothing changes when this throws) and returns its loop.
 * @param extra - option names the caller takes on top of {@link FitOptions}.
 * @internal
 */
export function trainingLoop(
  op: string,
  model: Model,
  X: Matrix,
  Y: Matrix,
  options: FitOptions,
  extra?: readonly string[],
): TrainingLoop {
  const plan = planFit(op, model, X, Y, options, extra);
  const { loss, optimizer, metrics, validation, earlyStopping, progress } = plan;
  const { schedule, reduceLROnPlateau } = plan;
  // With a schedule or the plateau policy, each epoch's learning rate is recorded as `learning_rate`.
  const rates = schedule !== undefined || reduceLROnPlateau !== null;
  const recorder = new HistoryRecorder(rates ? [...plan.figures, 'learning_rate'] : plan.figures);
  const history = recorder.history;
  const batches = new MiniBatches(plan);
  const m = plan.X.cols;
  // The epoch's running sums: the cost at 0, then each metric, each times its batch's size.
  const sums = new Float64Array(1 + metrics.length);
  // The user's own metrics see copies, taken before backward and measured after the step.
  const copies = plan.customMetrics ? ([new Scratch(), new Scratch()] as const) : null;
  // With weights: the batch's sampleWeight, the weights gathered with its examples.
  const lossOptions: LossOptions | undefined = plan.weights === null ? undefined : {};
  let epoch = 0,
    batch = 0;
  // Train in training mode (Dropout, BatchNorm); finish() and fail() put back the mode it was in.
  const mode = setTraining(model, true);

  /** The epoch's end; `nonFinite`: a non-finite loss cut it short (its metrics are then `NaN`). */
  function endEpoch(nonFinite: boolean): boolean {
    const logs: EpochLogs = { epoch, loss: sums[0] / m };
    metrics.forEach(([name], k) => (logs[name] = nonFinite ? Number.NaN : sums[k + 1] / m));
    if (validation !== null && !nonFinite) {
      const v = measure(model, loss, metrics, validation[0], validation[1], copies, plan.validationWeights);
      logs.val_loss = v.loss;
      for (const [name] of metrics) logs[`val_${name}`] = v.metrics[name];
    }
    if (rates) logs.learning_rate = optimizer.learningRate;
    recorder.record(logs);
    progress?.epoch(logs);
    if (nonFinite) return false;
    reduceLROnPlateau?.update(logs);
    const stop = earlyStopping?.update(logs) ?? false;
    if (stop) history.stopReason = 'earlyStopping';
    if (plan.onEpochEnd?.(logs) === false && !stop) {
      history.stopReason = 'callback';
      return false;
    }
    return !stop;
  }

  return {
    history,
    step() {
      if (plan.signal?.aborted) {
        history.stopReason = 'aborted';
        return false;
      }
      const b = batch;
      if (b === 0) {
        if (schedule !== undefined)
          optimizer.learningRate = checkPositive(op, `learningRateSchedule(${epoch})`, schedule(epoch));
        batches.shuffle();
        sums.fill(0);
      }
      const [Xb, Yb] = batches.get(b);
      if (lossOptions !== undefined) lossOptions.sampleWeight = batches.weights(b);
      const Yhat = model.forward(Xb);
      const cost = withPenalty(model, loss.forward(Yhat, Yb, lossOptions), Xb.cols);
      sums[0] += cost * Xb.cols;
      if (cost - cost !== 0 && plan.stopOnNonFinite) {
        // diverged: stop before this step spreads NaN into the weights, and report the epoch so far
        history.stopReason = 'nonFinite';
        return endEpoch(true);
      }
      if (copies === null) {
        for (let k = 0; k < metrics.length; k++) sums[k + 1] += metrics[k][1](Yhat, Yb) * Xb.cols;
      }
      const P = copies === null ? null : copyInto(copies[0].get(Yhat.rows, Yhat.cols), Yhat);
      const T = copies === null ? null : copyInto(copies[1].get(Yb.rows, Yb.cols), Yb);
      optimizer.zeroGrad();
      model.backward(loss.backward(), false);
      optimizer.step();
      if (P !== null && T !== null) {
        for (let k = 0; k < metrics.length; k++) sums[k + 1] += metrics[k][1](P, T) * Xb.cols;
      }
      plan.onBatchEnd?.({ epoch, batch: b, size: Xb.cols, loss: cost });
      if (++batch < batches.count) return true;
      batch = 0;
      return endEpoch(false) && ++epoch < plan.epochs;
    },
    finish() {
      progress?.end();
      setTraining(model, mode);
      if (earlyStopping !== null) {
        if (earlyStopping.bestEpoch !== undefined) history.bestEpoch = earlyStopping.bestEpoch;
        earlyStopping.restore();
      }
      return history;
    },
    fail() {
      progress?.end();
      setTraining(model, mode);
      earlyStopping?.restore();
    },
  };
}

/** The mini-batches of one epoch: columns gathered in the (shuffled) order into reused buffers. */
class MiniBatches {
  /** Batches per epoch. */
  readonly count: number;
  private readonly plan: FitPlan;
  private readonly order: Int32Array;
  private readonly X = new Scratch();
  private readonly Y = new Scratch();
  /** With weights: a full batch's and the short last batch's, gathered like the examples. */
  private readonly w: [Float64Array, Float64Array] | null;
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
    const last = m - (this.count - 1) * plan.batchSize;
    this.w = plan.weights === null ? null : [new Float64Array(plan.batchSize), new Float64Array(last)];
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

  /** Batch `b`'s example weights (with weights): a buffer overwritten by the next call. */
  weights(b: number): Float64Array {
    const all = this.plan.weights as Float64Array;
    if (this.direct) return all;
    const w = (this.w as [Float64Array, Float64Array])[b === this.count - 1 ? 1 : 0];
    const start = b * this.plan.batchSize;
    for (let k = 0; k < w.length; k++) w[k] = all[this.order[start + k]];
    return w;
  }
}

/**
 * Computes loss (with the model's penalty, weighted by `weights`) and metrics over `X`, `Y` with one
 * forward pass, in evaluation mode (the model's mode is put back afterwards). @internal
 */
export function measure(
  model: Model,
  loss: Loss,
  metrics: [string, Metric][],
  X: Matrix,
  Y: Matrix,
  copies: readonly [Scratch, Scratch] | null = null,
  weights: Float64Array | null = null,
): { loss: number; metrics: Record<string, number> } {
  const mode = setTraining(model, false);
  try {
    const Yhat = model.forward(X);
    const J = withPenalty(
      model,
      loss.forward(Yhat, Y, weights === null ? undefined : { sampleWeight: weights }),
      X.cols,
    );
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
