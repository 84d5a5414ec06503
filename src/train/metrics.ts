/**
 * The `metrics` option of `fit` and `evaluate`: resolving names, and checking the targets up front.
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';
import { type Metric, type MetricName, metricsByName } from '../metrics/metric.js';
import { fmtValue } from '../errors.js';
import { sliceColumns } from '../data/batch.js';

/** Metrics to report: names of built-in metrics, or your own functions by name. */
export type MetricsOption = readonly MetricName[] | Readonly<Record<string, Metric>>;

/** The metrics of a `metrics` option, as `[name, function]` pairs in order. @internal */
export function resolveMetrics(op: string, metrics: MetricsOption | undefined): [string, Metric][] {
  if (metrics === undefined) return [];
  if (Array.isArray(metrics)) {
    return metrics.map((name: unknown) => {
      if (typeof name !== 'string' || !Object.hasOwn(metricsByName, name)) {
        throw new TypeError(
          `${op}: expected metric names among ${Object.keys(metricsByName).join(', ')}, got ${fmtValue(name)}`,
        );
      }
      return [name, metricsByName[name as MetricName]];
    });
  }
  if (metrics === null || typeof metrics !== 'object') {
    throw new TypeError(
      `${op}: expected metrics to be an array of names or an object of functions, got ${fmtValue(metrics)}`,
    );
  }
  return Object.entries(metrics).map(([name, fn]) => {
    if (typeof fn !== 'function')
      throw new TypeError(`${op}: expected metrics.${name} to be a function, got ${fmtValue(fn)}`);
    return [name, fn];
  });
}

/**
 * Runs the built-in metrics once on the targets (as their own predictions), so targets they cannot
 * take (a soft label for `accuracy`) or batches too small for them (`r2` needs two examples) throw
 * before anything changes rather than in the middle of training. User-defined metrics are not called.
 * @internal
 */
/** Whether `fn` is one of the library's own metrics (pure: they read their arguments, nothing else). @internal */
export function isBuiltInMetric(fn: Metric): boolean {
  return (Object.values(metricsByName) as Metric[]).includes(fn);
}

export function checkMetricTargets(metrics: [string, Metric][], Y: Matrix, smallestBatch = Y.cols): void {
  for (const [, fn] of metrics) {
    if (!isBuiltInMetric(fn)) continue;
    fn(Y, Y);
    if (smallestBatch < Y.cols) {
      const T = sliceColumns(Y, 0, smallestBatch);
      fn(T, T);
    }
  }
}
