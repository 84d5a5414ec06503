/**
 * The plan of a `fit` call: every option resolved and checked before anything changes, so a call
 * that throws leaves the model and the optimizer exactly as they were.
 *
 * @module
 */
import { ShapeError, fmtAt, fmtShape, fmtValue } from '../errors.js';
import { sliceColumns } from '../data/batch.js';
import { Loss, checkSampleWeight } from '../losses/loss.js';
import type { Matrix } from '../matrix/matrix.js';
import type { Metric } from '../metrics/metric.js';
import { Optimizer } from '../optimizers/optimizer.js';
import type { Random } from '../random.js';
import { checkMatrix } from '../validate/matrix.js';
import {
  checkAllFinite,
  checkBoolean,
  checkFunction,
  checkInteger,
  checkOptions,
  checkPositive,
  checkSeed,
  classIndexHint,
  describe,
  transposeHint,
} from '../validate/values.js';
import type { LearningRateSchedule } from '../optimizers/schedules.js';
import { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
import { type BatchLogs, type EpochLogs, figureNames } from './history.js';
import { type MetricsOption, checkMetricTargets, isBuiltInMetric, resolveMetrics } from './metrics.js';
import type { Model } from './model.js';
import { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr.js';
import { type ProgressOptions, type ProgressReporter, progressReporter } from './progress.js';

/** Options of {@link fit}. */
export interface FitOptions {
  /** The loss to minimise. */
  loss: Loss;
  /** The optimizer, built over `model.parameters()`. */
  optimizer: Optimizer;
  /** Passes over the training data; default `1`. */
  epochs?: number;
  /** Examples per gradient step; default: all of them (full-batch gradient descent, as in the course). */
  batchSize?: number;
  /** Reshuffle the examples before each epoch (seeded); default `true` when there are several batches. */
  shuffle?: boolean;
  /** A seed or a generator for the shuffling; default seed `0`. */
  seed?: number | Random;
  /**
   * Data to evaluate after each epoch, `[X, Y]`, or `[X, Y, sampleWeight]` for a weighted `val_loss`
   * (Keras's 3-tuple; validation metrics are never weighted).
   */
  validationData?: readonly [Matrix, Matrix] | readonly [Matrix, Matrix, Matrix | Float64Array];
  /**
   * Or: the fraction of the examples (the last ones, before shuffling) held out for validation; their
   * `sampleWeight` goes with them and weights `val_loss`, as in Keras.
   */
  validationSplit?: number;
  /**
   * A weight per training example (Keras's `sample_weight`), a `(1, m)` Matrix or a Float64Array of
   * `m`, finite and `>= 0`: each batch's loss is `(1/m_b) Σ_i w_i·L_i` (see {@link Loss.forward}),
   * the weights gathered with the batch's examples. Metrics are not weighted.
   */
  sampleWeight?: Matrix | Float64Array;
  /**
   * A weight per class (Keras's `class_weight`), `[w0, w1, …]` or `{ 0: w0, 1: w1 }`, finite and
   * `>= 0`: each training example's loss is multiplied by its class's weight (and by its
   * `sampleWeight`, if any). The class is the row of the 1 in a one-hot `Y`, or the 0/1 label of a
   * single output; other values in `Y` are refused. Classes left out weigh 1. Not applied to
   * `val_loss`, as in Keras.
   */
  classWeight?: readonly number[] | Readonly<Record<number, number>>;
  /** Metrics to report besides the loss. */
  metrics?: MetricsOption;
  /** Called after each epoch; return `false` to stop training. */
  onEpochEnd?: (logs: EpochLogs) => void | boolean;
  /** Called after each mini-batch. */
  onBatchEnd?: (logs: BatchLogs) => void;
  /** Stop when a monitored figure stops improving. */
  earlyStopping?: EarlyStoppingOptions;
  /**
   * The learning rate of each epoch (Keras's `LearningRateScheduler(schedule)` callback): called with
   * the epoch number (from 0) at the epoch's start, before its first batch; what it returns, a finite
   * number `> 0`, becomes `optimizer.learningRate` and is recorded as the epoch's `learning_rate`.
   * The optimizer keeps the last rate set after `fit`. Any {@link LearningRateSchedule} fits
   * (`cosineDecay(0.1, { decaySteps: 20 })`). Not with `reduceLROnPlateau`.
   */
  learningRateSchedule?: LearningRateSchedule;
  /**
   * Lower the learning rate when a monitored figure stops improving, checked after each epoch as
   * Keras's `ReduceLROnPlateau` callback does; each epoch's rate is recorded as `learning_rate`, and the
   * optimizer keeps the last rate after `fit`. Works with `earlyStopping`; not with
   * `learningRateSchedule`.
   */
  reduceLROnPlateau?: ReduceLROnPlateauOptions;
  /** Stop (between batches) when this signal is aborted; `fit` then returns the history so far. */
  signal?: AbortSignal;
  /** Print a progress line per epoch: `true` for the default (a live bar on a TTY, plain lines otherwise). */
  progress?: boolean | ProgressOptions;
  /**
   * Stop as soon as a batch's loss is `NaN` or infinite (the model diverged: a learning rate too
   * high, say), before that batch's step, with `stopReason: 'nonFinite'`, like Keras's
   * `TerminateOnNaN`. Default `true`; `false` trains on regardless.
   */
  stopOnNonFinite?: boolean;
}

const FIT_OPTIONS = [
  'loss',
  'optimizer',
  'epochs',
  'batchSize',
  'shuffle',
  'seed',
  'validationData',
  'validationSplit',
  'sampleWeight',
  'classWeight',
  'metrics',
  'onEpochEnd',
  'onBatchEnd',
  'earlyStopping',
  'learningRateSchedule',
  'reduceLROnPlateau',
  'signal',
  'progress',
  'stopOnNonFinite',
];

/** Everything a `fit` loop needs, resolved and checked. @internal */
export interface FitPlan {
  readonly loss: Loss;
  readonly optimizer: Optimizer;
  readonly epochs: number;
  /** The training examples (all of `X`, or what `validationSplit` leaves). */
  readonly X: Matrix;
  readonly Y: Matrix;
  readonly validation: readonly [Matrix, Matrix] | null;
  /** Each training example's weight (`sampleWeight` × `classWeight`), or `null` without weights. */
  readonly weights: Float64Array | null;
  /** The validation examples' `sampleWeight`, or `null`. */
  readonly validationWeights: Float64Array | null;
  /** The figures of each epoch's logs: `loss`, the metrics, `val_loss`, `val_<metric>`. */
  readonly figures: readonly string[];
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly random: Random;
  readonly metrics: [string, Metric][];
  readonly earlyStopping: EarlyStopping | null;
  readonly schedule: LearningRateSchedule | undefined;
  readonly reduceLROnPlateau: ReduceLROnPlateau | null;
  readonly progress: ProgressReporter | null;
  readonly signal: AbortSignal | undefined;
  readonly onEpochEnd: FitOptions['onEpochEnd'];
  readonly onBatchEnd: FitOptions['onBatchEnd'];
  readonly stopOnNonFinite: boolean;
  /**
   * Whether a metric is the user's own: it then gets copies of the batch's prediction and target,
   * after the step, so it can neither write into training buffers nor disturb backward's caches.
   */
  readonly customMetrics: boolean;
}

/**
 * Checks `X` and `Y` against the model and each other, and for non-finite values.
 * @internal
 */
export function checkData(
  op: string,
  model: Model,
  X: unknown,
  Y: unknown,
  xName = 'X',
  yName = 'Y',
  loss?: Loss,
): asserts X is Matrix {
  checkMatrix(op, xName, X);
  checkMatrix(op, yName, Y);
  if (model.inputSize !== undefined && X.rows !== model.inputSize) {
    throw new ShapeError(
      `${op}: expected ${xName} (${model.inputSize}, m) for the model's ${model.inputSize} inputs, got ` +
        `${xName} ${fmtShape(X)}${transposeHint(xName, X.rows, X.cols, model.inputSize)}`,
    );
  }
  if (X.cols === 0)
    throw new ShapeError(`${op}: expected ${xName} with at least one example (column), got ${xName} ${fmtShape(X)}`);
  if (Y.cols !== X.cols) {
    throw new ShapeError(
      `${op}: expected ${yName} (n_y, ${X.cols}) with one column per example of ${xName}, got ${xName} ` +
        `${fmtShape(X)} and ${yName} ${fmtShape(Y)}`,
    );
  }
  const n = model.outputSize;
  const rows = n === undefined ? undefined : (loss?.targetRows(n) ?? n);
  if (n !== undefined && Y.rows !== rows) {
    throw new ShapeError(
      rows === n
        ? `${op}: expected ${yName} (${n}, m) for the model's ${n} outputs, got ${yName} ${fmtShape(Y)}` +
            classIndexHint(yName, Y, n)
        : `${op}: expected ${yName} (${rows}, m) of class indices for ${loss?.type}, got ${yName} ${fmtShape(Y)}`,
    );
  }
  checkAllFinite(op, xName, X);
  checkAllFinite(op, yName, Y);
}

/** Checks that `loss` is a {@link Loss}. @internal */
export function checkLoss(op: string, loss: unknown): asserts loss is Loss {
  if (!(loss instanceof Loss)) throw new TypeError(`${op}: expected options.loss to be a Loss, got ${fmtValue(loss)}`);
}

/**
 * Each example's class weight for `classWeight`: the class is the row of the 1 in a one-hot column of
 * `Y`, or a single output's 0/1 label; classes left out weigh 1. Multiplied into `weights` when given.
 */
function classWeights(
  op: string,
  option: unknown,
  Y: Matrix,
  weights: Float64Array | null,
  sparse: number | undefined,
): Float64Array {
  const classes = sparse ?? (Y.rows === 1 ? 2 : Y.rows);
  if (option === null || typeof option !== 'object') {
    throw new TypeError(
      `${op}: expected classWeight to be an array or a record of weights by class, got ${describe(option)}`,
    );
  }
  const table = new Float64Array(classes).fill(1);
  for (const [key, value] of Object.entries(option)) {
    const k = Number(key);
    if (!(Number.isInteger(k) && String(k) === key && k >= 0 && k < classes)) {
      throw new RangeError(
        `${op}: expected classWeight keys among the classes 0 to ${classes - 1} of Y ${fmtShape(Y)}, got ` +
          fmtValue(key),
      );
    }
    table[k] = checkPositive(op, `classWeight[${k}]`, value, true);
  }
  const { rows, cols: m, data } = Y;
  const w = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    if (sparse !== undefined) {
      // class indices: the label is the class
      const y = data[j];
      if (!(Number.isInteger(y) && y >= 0 && y < classes))
        throw new RangeError(
          `${op}: expected Y class indices in [0, ${classes}) with classWeight, got ${fmtAt(y, j, m)}`,
        );
      w[j] = (weights === null ? 1 : weights[j]) * table[y];
      continue;
    }
    let cls = -1,
      ones = 0;
    for (let r = 0, i = j; r < rows; r++, i += m) {
      const y = data[i];
      if (y !== 0 && y !== 1)
        throw new RangeError(`${op}: expected Y values 0 or 1 with classWeight, got ${fmtAt(y, i, m)}`);
      if (y === 1) {
        cls = r;
        ones++;
      }
    }
    if (rows === 1) cls = ones;
    else if (ones !== 1) {
      throw new RangeError(
        `${op}: expected one-hot columns of Y with classWeight (a single 1), got ${ones} in column ${j}`,
      );
    }
    w[j] = (weights === null ? 1 : weights[j]) * table[cls];
  }
  return w;
}

/**
 * Resolves and checks every option of a `fit` call; nothing changes until the plan is made.
 * @param extra - option names the caller takes on top of {@link FitOptions} (`fitAsync`'s).
 * @internal
 */
export function planFit(
  op: string,
  model: Model,
  X: Matrix,
  Y: Matrix,
  options: FitOptions,
  extra: readonly string[] = [],
): FitPlan {
  checkOptions(op, options, [...FIT_OPTIONS, ...extra]);
  if (options === undefined) throw new TypeError(`${op}: expected options with a loss and an optimizer, got none`);
  const { loss, optimizer } = options;
  checkLoss(op, loss);
  if (!(optimizer instanceof Optimizer))
    throw new TypeError(`${op}: expected options.optimizer to be an Optimizer, got ${fmtValue(optimizer)}`);
  const params = model.parameters();
  const own = new Set(params);
  if (!optimizer.parameters.every((p) => own.has(p))) {
    throw new RangeError(`${op}: expected an optimizer over model.parameters(), got one over other parameters`);
  }
  checkData(op, model, X, Y, 'X', 'Y', loss);
  const epochs = checkInteger(op, 'epochs', options.epochs ?? 1, 1);
  const metrics = resolveMetrics(op, options.metrics);
  const random = checkSeed(op, options.seed);
  checkFunction(op, 'onEpochEnd', options.onEpochEnd);
  checkFunction(op, 'onBatchEnd', options.onBatchEnd);
  checkFunction(op, 'learningRateSchedule', options.learningRateSchedule);
  if (options.learningRateSchedule !== undefined && options.reduceLROnPlateau !== undefined) {
    throw new TypeError(`${op}: expected learningRateSchedule or reduceLROnPlateau, got both`);
  }
  const signal: unknown = options.signal;
  if (
    signal !== undefined &&
    (signal === null || typeof signal !== 'object' || typeof (signal as AbortSignal).aborted !== 'boolean')
  ) {
    throw new TypeError(`${op}: expected signal to be an AbortSignal, got ${describe(signal)}`);
  }
  const stopOnNonFinite = checkBoolean(op, 'stopOnNonFinite', options.stopOnNonFinite ?? true);
  const progress = progressReporter(op, options.progress, epochs);

  let weights: Float64Array | null =
    options.sampleWeight === undefined
      ? null
      : checkSampleWeight(op, 'sampleWeight', options.sampleWeight, X.cols).slice();
  let validationWeights: Float64Array | null = null;
  let XTrain = X,
    YTrain = Y;
  let validation: [Matrix, Matrix] | null = null;
  if (options.validationData !== undefined && options.validationSplit !== undefined) {
    throw new TypeError(`${op}: expected validationData or validationSplit, got both`);
  }
  if (options.validationData !== undefined) {
    const v = options.validationData;
    if (!Array.isArray(v) || v.length < 2 || v.length > 3)
      throw new TypeError(`${op}: expected validationData to be [X, Y] or [X, Y, sampleWeight], got ${fmtValue(v)}`);
    checkData(op, model, v[0], v[1], 'validationData X', 'validationData Y', loss);
    loss.checkTarget(v[1], model.outputSize);
    validation = [v[0], v[1]];
    if (v.length === 3)
      validationWeights = checkSampleWeight(op, 'validationData sampleWeight', v[2], v[0].cols).slice();
  } else if (options.validationSplit !== undefined) {
    const split = options.validationSplit;
    const held = typeof split === 'number' ? Math.floor(X.cols * split) : NaN;
    if (typeof split !== 'number' || !(split > 0 && split < 1) || held < 1 || held >= X.cols) {
      throw new RangeError(
        `${op}: expected validationSplit in (0, 1) leaving at least one example on each side of ${X.cols}, got ` +
          `${fmtValue(split)}`,
      );
    }
    const cut = X.cols - held;
    XTrain = sliceColumns(X, 0, cut);
    YTrain = sliceColumns(Y, 0, cut);
    validation = [sliceColumns(X, cut, X.cols), sliceColumns(Y, cut, Y.cols)];
    validationWeights = weights === null ? null : weights.slice(cut);
    weights = weights === null ? null : weights.slice(0, cut);
  }
  const n = model.outputSize;
  // the model's outputs when the targets are class indices (SparseCategoricalCrossEntropy)
  const sparse = n !== undefined && loss.targetRows(n) !== n ? n : undefined;
  if (options.classWeight !== undefined) weights = classWeights(op, options.classWeight, YTrain, weights, sparse);
  loss.checkTarget(YTrain, model.outputSize);
  const m = XTrain.cols;
  const batchSize = Math.min(checkInteger(op, 'batchSize', options.batchSize ?? m, 1), m);
  const batches = Math.ceil(m / batchSize);
  const shuffle = checkBoolean(op, 'shuffle', options.shuffle ?? batches > 1);
  checkMetricTargets(metrics, YTrain, m - (batches - 1) * batchSize, sparse);
  if (validation !== null) checkMetricTargets(metrics, validation[1], validation[1].cols, sparse);

  const figures = figureNames(
    metrics.map(([n]) => n),
    validation !== null,
  );
  let earlyStopping: EarlyStopping | null = null;
  if (options.earlyStopping !== undefined) {
    earlyStopping = new EarlyStopping(op, options.earlyStopping, figures, validation !== null, params);
  }
  const plateau = options.reduceLROnPlateau;
  const reduceLROnPlateau = plateau === undefined ? null : new ReduceLROnPlateau(op, plateau, figures, optimizer);
  return {
    loss,
    optimizer,
    epochs,
    X: XTrain,
    Y: YTrain,
    validation,
    weights,
    validationWeights,
    figures,
    batchSize,
    shuffle,
    random,
    metrics,
    earlyStopping,
    schedule: options.learningRateSchedule,
    reduceLROnPlateau,
    progress,
    signal: options.signal,
    onEpochEnd: options.onEpochEnd,
    onBatchEnd: options.onBatchEnd,
    stopOnNonFinite,
    customMetrics: metrics.some(([, fn]) => !isBuiltInMetric(fn)),
  };
}
