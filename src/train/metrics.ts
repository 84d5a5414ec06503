/**
 * The `metrics` option of `fit` and `evaluate`: resolving names, and checking the targets up front.
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';
import {
  type Metric,
  type MetricAlias,
  type MetricName,
  canonicalMetricName,
  metricNamesText,
  metricsByName,
} from '../metrics/metric.js';
import { fmtValue } from '../errors.js';
import { sliceColumns } from '../data/batch.js';
import { oneHot } from '../data/one-hot.js';

/**
 * Metrics to report: names of built-in metrics (or their aliases, Keras's `'acc'`, `'mse'`, `'mae'`,
 * … — recorded under the canonical name), or your own functions by name.
 */
export type MetricsOption = readonly (MetricName | MetricAlias)[] | Readonly<Record<string, Metric>>;

/**
 * The metrics of a `metrics` option, as `[name, function]` pairs in order, built-in ones under their
 * canonical names. @internal
 */
export function resolveMetrics(op: string, metrics: MetricsOption | undefined): [string, Metric][] {
  if (metrics === undefined) return [];
  let pairs: [string, Metric][];
  if (Array.isArray(metrics)) {
    pairs = metrics.map((given: unknown) => {
      const name = canonicalMetricName(given);
      if (name === undefined) {
        throw new TypeError(`${op}: expected metric names among ${metricNamesText()}, got ${fmtValue(given)}`);
      }
      return [name, metricsByName[name]];
    });
  } else if (metrics === null || typeof metrics !== 'object') {
    throw new TypeError(
      `${op}: expected metrics to be an array of names or an object of functions, got ${fmtValue(metrics)}`,
    );
  } else {
    pairs = Object.entries(metrics).map(([name, fn]) => {
      if (typeof fn !== 'function')
        throw new TypeError(`${op}: expected metrics.${name} to be a function, got ${fmtValue(fn)}`);
      // the figure names of the logs: a metric must not pose as the loss, the epoch or a validation figure
      if (name === 'loss' || name === 'epoch' || name.startsWith('val_')) {
        throw new RangeError(
          `${op}: expected metric names other than loss and epoch, not starting with val_, got ${fmtValue(name)}`,
        );
      }
      return [name, fn];
    });
  }
  pairs.forEach(([name], i) => {
    if (pairs.findIndex(([n]) => n === name) !== i)
      throw new RangeError(`${op}: expected each metric once, got ${name} twice`);
  });
  return pairs;
}

/** Whether `fn` is one of the library's own metrics (pure: they read their arguments, nothing else). @internal */
export function isBuiltInMetric(fn: Metric): boolean {
  return (Object.values(metricsByName) as Metric[]).includes(fn);
}

/**
 * Runs the built-in metrics once on the targets (as their own predictions), so targets they cannot
 * take (a soft label for `accuracy`) or batches too small for them (`r2` needs two examples) throw
 * before anything changes rather than in the middle of training. User-defined metrics are not called.
 * `classes`: the targets are class indices of that many classes (SparseCategoricalCrossEntropy).
 * @internal
 */
export function checkMetricTargets(
  metrics: [string, Metric][],
  Y: Matrix,
  smallestBatch = Y.cols,
  classes?: number,
): void {
  // With class indices as targets, the predictions have `classes` rows: a one-hot of each label.
  const asPrediction = (T: Matrix): Matrix => (classes === undefined ? T : oneHot(T, classes));
  for (const [, fn] of metrics) {
    if (!isBuiltInMetric(fn)) continue;
    fn(asPrediction(Y), Y);
    if (smallestBatch < Y.cols) {
      const T = sliceColumns(Y, 0, smallestBatch);
      fn(asPrediction(T), T);
    }
  }
}
