/**
 * The `fit` and `evaluate` loops behind {@link Sequential.fit} and {@link Sequential.evaluate}.
 *
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import { Matrix } from '../matrix/matrix.js';
import { gatherColumnsUnchecked } from '../data/batch.js';
import { Loss } from '../losses/loss.js';
import { Optimizer } from '../optimizers/optimizer.js';
import { checkInteger, checkOptions, checkPositive } from '../validate/values.js';
import { Random, toRandom } from '../random.js';
import { Scratch } from '../matrix/scratch.js';
import { type Metric, type MetricName, metricsByName } from '../metrics/index.js';
import { checkAllFinite } from '../validate/values.js';
import type { Sequential } from './sequential.js';
import { type ProgressOptions, progressReporter } from './progress.js';

/** Metrics to report: names of built-in metrics, or your own functions by name. */
export type MetricsOption = readonly MetricName[] | Readonly<Record<string, Metric>>;

/** When to stop training early (Keras's `EarlyStopping`). */
export interface EarlyStoppingOptions {
  /** The figure to watch: `'loss'`, `'valLoss'`, a metric name, or `'val_'`-less `valMetrics` name prefixed `val:` (e.g. `'val:accuracy'`). Default `'valLoss'` with validation data, else `'loss'`. */
  monitor?: string;
  /**
   * How many epochs without improvement are tolerated; training stops at the next one. Default `0`:
   * stop at the first epoch that does not improve. (Keras stops one epoch earlier for `patience ≥ 1`.)
   */
  patience?: number;
  /** The smallest change that counts as an improvement; default `0`. */
  minDelta?: number;
  /** Whether lower (`'min'`) or higher (`'max'`) is better; default `'min'` for losses and errors, `'max'` otherwise. */
  mode?: 'min' | 'max';
  /** Put back the weights of the best epoch when stopping (or finishing); default `false`. */
  restoreBestWeights?: boolean;
}

/** The figures of one epoch, as passed to `onEpochEnd` and kept in the {@link History}. */
export interface EpochLogs {
  /** The epoch number, from 0. */
  epoch: number;
  /** Training loss: the mean of the epoch's batch losses, weighted by batch size. */
  loss: number;
  /** Training metrics, averaged over the epoch's batches like `loss`. */
  metrics: Record<string, number>;
  /** Loss on the validation data after the epoch, if any. */
  valLoss?: number;
  /** Metrics on the validation data after the epoch, if any. */
  valMetrics?: Record<string, number>;
}

/** The figures of one mini-batch, as passed to `onBatchEnd`. */
export interface BatchLogs {
  /** The epoch number, from 0. */
  epoch: number;
  /** The batch number within the epoch, from 0. */
  batch: number;
  /** Number of examples in the batch. */
  size: number;
  /** The batch's cost `J`. */
  loss: number;
}

/** Options of {@link Sequential.fit}. */
export interface FitOptions {
  /** The loss to minimise. */
  loss: Loss;
  /** The optimizer, built over `model.parameters()`. */
  optimizer: Optimizer;
  /** Passes over the training data; default `1`. */
  epochs?: number;
  /** Examples per gradient step; default: all of them (full-batch gradient descent, as in the seed). */
  batchSize?: number;
  /** Reshuffle the examples before each epoch (seeded); default `true` when there are several batches. */
  shuffle?: boolean;
  /** A seed or a generator for the shuffling; default seed `0`. */
  seed?: number | Random;
  /** Data to evaluate after each epoch, `[X, Y]`. */
  validationData?: readonly [Matrix, Matrix];
  /** Or: the fraction of the examples (the last ones, before shuffling) held out for validation. */
  validationSplit?: number;
  /** Metrics to report besides the loss. */
  metrics?: MetricsOption;
  /** Called after each epoch; return `false` to stop training. */
  onEpochEnd?: (logs: EpochLogs) => void | boolean;
  /** Called after each mini-batch. */
  onBatchEnd?: (logs: BatchLogs) => void;
  /** Stop when a monitored figure stops improving. */
  earlyStopping?: EarlyStoppingOptions;
  /** Stop (between batches) when this signal is aborted; `fit` then returns the history so far. */
  signal?: AbortSignal;
  /** Print a progress line per epoch: `true` for the default (a live bar on a TTY, plain lines otherwise). */
  progress?: boolean | ProgressOptions;
}

/** Why training ended. */
export type StopReason = 'completed' | 'earlyStopping' | 'aborted' | 'callback';

/** What {@link Sequential.fit} returns: per-epoch figures. */
export interface History {
  /** Every epoch's logs, in order. */
  epochs: EpochLogs[];
  /** Training loss per epoch. */
  loss: number[];
  /** Training metrics per epoch, by name. */
  metrics: Record<string, number[]>;
  /** Validation loss per epoch (empty without validation data). */
  valLoss: number[];
  /** Validation metrics per epoch, by name (empty without validation data). */
  valMetrics: Record<string, number[]>;
  /** Why training ended. */
  stopReason: StopReason;
  /** With early stopping: the epoch with the best monitored figure. */
  bestEpoch?: number;
}

/** Options of {@link Sequential.evaluate}. */
export interface EvaluateOptions {
  /** The loss to compute. */
  loss: Loss;
  /** Metrics to compute besides the loss. */
  metrics?: MetricsOption;
}

/** What {@link Sequential.evaluate} returns. */
export interface Evaluation {
  /** The cost `J` on the data. */
  loss: number;
  /** The metrics, by name. */
  metrics: Record<string, number>;
}

const FIT_OPTIONS = [
  'loss', 'optimizer', 'epochs', 'batchSize', 'shuffle', 'seed', 'validationData', 'validationSplit',
  'metrics', 'onEpochEnd', 'onBatchEnd', 'earlyStopping', 'signal', 'progress',
];
const EARLY_STOPPING_OPTIONS = ['monitor', 'patience', 'minDelta', 'mode', 'restoreBestWeights'];

function resolveMetrics(op: string, metrics: MetricsOption | undefined): [string, Metric][] {
  if (metrics === undefined) return [];
  if (Array.isArray(metrics)) {
    return metrics.map((name: unknown) => {
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(metricsByName, name)) {
        throw new TypeError(`${op}: expected metric names among ${Object.keys(metricsByName).join(', ')}, got ${fmtValue(name)}`);
      }
      return [name, metricsByName[name as MetricName]];
    });
  }
  if (metrics === null || typeof metrics !== 'object') {
    throw new TypeError(`${op}: expected metrics to be an array of names or an object of functions, got ${fmtValue(metrics)}`);
  }
  return Object.entries(metrics).map(([name, fn]) => {
    if (typeof fn !== 'function') throw new TypeError(`${op}: expected metrics.${name} to be a function, got ${fmtValue(fn)}`);
    return [name, fn];
  });
}

/** Checks `X` and `Y` against the model and each other, and for non-finite values. */
function checkData(op: string, model: Sequential, X: unknown, Y: unknown, names = ['X', 'Y']): asserts X is Matrix {
  const [xName, yName] = names;
  if (!(X instanceof Matrix)) throw new TypeError(`${op}: expected ${xName} to be a Matrix, got ${fmtValue(X)}`);
  if (!(Y instanceof Matrix)) throw new TypeError(`${op}: expected ${yName} to be a Matrix, got ${fmtValue(Y)}`);
  if (model.inputSize !== undefined && X.rows !== model.inputSize) {
    throw new ShapeError(`${op}: expected ${xName} (${model.inputSize}, m) for ${model.layers[0].toString()}, got ${xName} ${fmtShape(X.rows, X.cols)}`);
  }
  if (X.cols === 0) throw new ShapeError(`${op}: expected ${xName} with at least one example (column), got ${xName} ${fmtShape(X.rows, X.cols)}`);
  if (Y.cols !== X.cols) {
    throw new ShapeError(
      `${op}: expected ${yName} (n_y, ${X.cols}) with one column per example of ${xName}, got ${xName} ${fmtShape(X.rows, X.cols)} and ${yName} ${fmtShape(Y.rows, Y.cols)}`,
    );
  }
  if (model.outputSize !== undefined && Y.rows !== model.outputSize) {
    throw new ShapeError(`${op}: expected ${yName} (${model.outputSize}, m) for the model's ${model.outputSize} outputs, got ${yName} ${fmtShape(Y.rows, Y.cols)}`);
  }
  checkAllFinite(op, xName, X);
  checkAllFinite(op, yName, Y);
}

function sliceColumns(a: Matrix, start: number, end: number): Matrix {
  const out = new Matrix(a.rows, end - start);
  for (let i = 0; i < a.rows; i++) out.data.set(a.data.subarray(i * a.cols + start, i * a.cols + end), i * out.cols);
  return out;
}

/**
 * Runs the built-in metrics once on the targets (as their own predictions), so targets they cannot
 * take (a soft label for `accuracy`) or batches too small for them (`r2` needs two examples) throw
 * before anything changes rather than in the middle of training. User-defined metrics are not called.
 */
function checkMetricTargets(metrics: [string, Metric][], Y: Matrix, smallestBatch = Y.cols): void {
  const builtIn = Object.values(metricsByName) as Metric[];
  for (const [, fn] of metrics) {
    if (!builtIn.includes(fn)) continue;
    fn(Y, Y);
    if (smallestBatch < Y.cols) {
      const T = sliceColumns(Y, 0, smallestBatch);
      fn(T, T);
    }
  }
}

/** Computes loss and metrics over `X`, `Y` with one forward pass. */
function measure(model: Sequential, loss: Loss, metrics: [string, Metric][], X: Matrix, Y: Matrix): Evaluation {
  const P = model.forward(X);
  const J = loss.forward(P, Y);
  const values: Record<string, number> = {};
  for (const [name, fn] of metrics) values[name] = fn(P, Y);
  return { loss: J, metrics: values };
}

/** @internal The implementation of {@link Sequential.evaluate}. */
export function evaluateModel(model: Sequential, X: Matrix, Y: Matrix, options: EvaluateOptions): Evaluation {
  const op = 'Sequential.evaluate';
  checkOptions(op, options, ['loss', 'metrics']);
  if (!(options?.loss instanceof Loss)) throw new TypeError(`${op}: expected options.loss to be a Loss, got ${fmtValue(options?.loss)}`);
  checkData(op, model, X, Y);
  const metrics = resolveMetrics(op, options.metrics);
  options.loss.checkTarget(Y);
  checkMetricTargets(metrics, Y);
  return measure(model, options.loss, metrics, X, Y);
}

/** @internal The implementation of {@link Sequential.fit}. */
export function fitModel(model: Sequential, X: Matrix, Y: Matrix, options: FitOptions): History {
  const op = 'Sequential.fit';
  // ---- Validate everything before touching the model, so a throwing call changes nothing.
  checkOptions(op, options, FIT_OPTIONS);
  if (options === undefined) throw new TypeError(`${op}: expected options with a loss and an optimizer, got none`);
  const { loss, optimizer } = options;
  if (!(loss instanceof Loss)) throw new TypeError(`${op}: expected options.loss to be a Loss, got ${fmtValue(loss)}`);
  if (!(optimizer instanceof Optimizer)) throw new TypeError(`${op}: expected options.optimizer to be an Optimizer, got ${fmtValue(optimizer)}`);
  const own = new Set(model.parameters());
  if (!optimizer.parameters.every((p) => own.has(p))) {
    throw new RangeError(`${op}: expected an optimizer over model.parameters(), got one over other parameters`);
  }
  checkData(op, model, X, Y);
  const epochs = checkInteger(op, 'epochs', options.epochs ?? 1, 1);
  const metrics = resolveMetrics(op, options.metrics);
  const seed = options.seed;
  if (seed !== undefined && !(seed instanceof Random) && (typeof seed !== 'number' || !Number.isFinite(seed))) {
    throw new TypeError(`${op}: expected seed to be a finite number or a Random, got ${fmtValue(seed)}`);
  }
  for (const name of ['onEpochEnd', 'onBatchEnd'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TypeError(`${op}: expected ${name} to be a function, got ${fmtValue(options[name])}`);
    }
  }

  let XTrain = X, YTrain = Y;
  let validation: [Matrix, Matrix] | null = null;
  if (options.validationData !== undefined && options.validationSplit !== undefined) {
    throw new TypeError(`${op}: expected validationData or validationSplit, got both`);
  }
  if (options.validationData !== undefined) {
    const v = options.validationData;
    if (!Array.isArray(v) || v.length !== 2) throw new TypeError(`${op}: expected validationData to be [X, Y], got ${fmtValue(v)}`);
    checkData(op, model, v[0], v[1], ['validationData X', 'validationData Y']);
    loss.checkTarget(v[1]);
    validation = [v[0], v[1]];
  } else if (options.validationSplit !== undefined) {
    const split = options.validationSplit;
    const held = typeof split === 'number' ? Math.floor(X.cols * split) : NaN;
    if (typeof split !== 'number' || !(split > 0 && split < 1) || held < 1 || held >= X.cols) {
      throw new RangeError(`${op}: expected validationSplit in (0, 1) leaving at least one example on each side of ${X.cols}, got ${fmtValue(split)}`);
    }
    const cut = X.cols - held;
    XTrain = sliceColumns(X, 0, cut);
    YTrain = sliceColumns(Y, 0, cut);
    validation = [sliceColumns(X, cut, X.cols), sliceColumns(Y, cut, Y.cols)];
  }
  loss.checkTarget(YTrain);
  const m = XTrain.cols;
  const batchSize = Math.min(checkInteger(op, 'batchSize', options.batchSize ?? m, 1), m);
  const batches = Math.ceil(m / batchSize);
  const shuffle = options.shuffle ?? batches > 1;
  if (typeof shuffle !== 'boolean') throw new TypeError(`${op}: expected shuffle to be a boolean, got ${fmtValue(shuffle)}`);
  checkMetricTargets(metrics, YTrain, m - (batches - 1) * batchSize);
  if (validation !== null) checkMetricTargets(metrics, validation[1]);

  const early = options.earlyStopping;
  checkOptions(`${op}: earlyStopping`, early, EARLY_STOPPING_OPTIONS);
  const monitor = early?.monitor ?? (validation !== null ? 'valLoss' : 'loss');
  if (early !== undefined) {
    const known = ['loss', ...metrics.map(([n]) => n), ...(validation !== null ? ['valLoss', ...metrics.map(([n]) => `val:${n}`)] : [])];
    if (!known.includes(monitor)) {
      throw new RangeError(`${op}: expected earlyStopping.monitor among ${known.join(', ')}, got ${fmtValue(monitor)}`);
    }
    if (early.patience !== undefined && (!Number.isSafeInteger(early.patience) || early.patience < 0)) {
      throw new RangeError(`${op}: expected earlyStopping.patience to be a non-negative integer, got ${fmtValue(early.patience)}`);
    }
    if (early.minDelta !== undefined) checkPositive(op, 'earlyStopping.minDelta', early.minDelta, true);
    if (early.mode !== undefined && early.mode !== 'min' && early.mode !== 'max') {
      throw new RangeError(`${op}: expected earlyStopping.mode 'min' or 'max', got ${fmtValue(early.mode)}`);
    }
  }
  const minimize = (early?.mode ?? (/loss|error/i.test(monitor) ? 'min' : 'max')) === 'min';
  const patience = early?.patience ?? 0;
  const minDelta = early?.minDelta ?? 0;
  const restore = early?.restoreBestWeights ?? false;
  const signal = options.signal;
  const report = progressReporter(options.progress, epochs);

  // ---- Training.
  const random = toRandom(seed);
  const order = new Int32Array(m);
  for (let j = 0; j < m; j++) order[j] = j;
  const xBatch = new Scratch(), yBatch = new Scratch();
  const direct = !shuffle && batches === 1; // the whole set, in order: no copy at all
  const params = model.parameters();
  const best = restore ? params.map((p) => p.value.data.slice()) : null;
  let bestValue = minimize ? Infinity : -Infinity;
  let bestEpoch: number | undefined;
  let wait = 0;

  const history: History = {
    epochs: [], loss: [], metrics: Object.fromEntries(metrics.map(([n]) => [n, []])), valLoss: [],
    valMetrics: validation !== null ? Object.fromEntries(metrics.map(([n]) => [n, []])) : {}, stopReason: 'completed',
  };
  const sums = new Float64Array(metrics.length);

  // Close the progress line however training ends, even when a callback or a metric throws.
  try {
    training: for (let epoch = 0; epoch < epochs; epoch++) {
      if (signal?.aborted) {
        history.stopReason = 'aborted';
        break;
      }
      if (shuffle) random.shuffle(order);
      let lossSum = 0;
      sums.fill(0);
      for (let b = 0; b < batches; b++) {
        if (signal?.aborted) {
          history.stopReason = 'aborted';
          break training;
        }
        const start = b * batchSize;
        const size = Math.min(batchSize, m - start);
        let Xb = XTrain, Yb = YTrain;
        if (!direct) {
          Xb = gatherColumnsUnchecked(xBatch.get(XTrain.rows, size), XTrain, order, start);
          Yb = gatherColumnsUnchecked(yBatch.get(YTrain.rows, size), YTrain, order, start);
        }
        const P = model.forward(Xb);
        const J = loss.forward(P, Yb);
        for (let k = 0; k < metrics.length; k++) sums[k] += metrics[k][1](P, Yb) * size;
        optimizer.zeroGrad();
        model.backward(loss.backward(), false);
        optimizer.step();
        lossSum += J * size;
        options.onBatchEnd?.({ epoch, batch: b, size, loss: J });
      }
      const logs: EpochLogs = { epoch, loss: lossSum / m, metrics: {} };
      metrics.forEach(([name], k) => (logs.metrics[name] = sums[k] / m));
      if (validation !== null) {
        const v = measure(model, loss, metrics, validation[0], validation[1]);
        logs.valLoss = v.loss;
        logs.valMetrics = v.metrics;
      }
      history.epochs.push(logs);
      history.loss.push(logs.loss);
      for (const [name] of metrics) history.metrics[name].push(logs.metrics[name]);
      if (validation !== null) {
        history.valLoss.push(logs.valLoss as number);
        for (const [name] of metrics) history.valMetrics[name].push((logs.valMetrics as Record<string, number>)[name]);
      }
      report?.epoch(logs);

      let stop = false;
      if (early !== undefined) {
        const value =
          monitor === 'loss' ? logs.loss
          : monitor === 'valLoss' ? (logs.valLoss as number)
          : monitor.startsWith('val:') ? (logs.valMetrics as Record<string, number>)[monitor.slice(4)]
          : logs.metrics[monitor];
        const improved = minimize ? value < bestValue - minDelta : value > bestValue + minDelta;
        if (improved) {
          bestValue = value;
          bestEpoch = epoch;
          wait = 0;
          if (best !== null) params.forEach((p, i) => best[i].set(p.value.data));
        } else if (++wait > patience) {
          history.stopReason = 'earlyStopping';
          stop = true;
        }
      }
      if (options.onEpochEnd?.(logs) === false && !stop) {
        history.stopReason = 'callback';
        stop = true;
      }
      if (stop) break;
    }
  } finally {
    report?.end();
  }
  if (bestEpoch !== undefined) {
    history.bestEpoch = bestEpoch;
    if (best !== null) params.forEach((p, i) => p.value.data.set(best[i]));
  }
  return history;
}
