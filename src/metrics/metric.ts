/**
 * The metric contract, and the built-in metrics by name (for `fit({ metrics: ['accuracy'] })`).
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';
import { describe } from '../validate/values.js';
import { accuracy } from './accuracy.js';
import { f1, precision, recall } from './precision-recall.js';
import { meanAbsoluteError, meanSquaredError, r2 } from './regression.js';

/**
 * A metric: a number computed from a prediction and its target, e.g. {@link accuracy}.
 *
 * @remarks **Shape:** `prediction` and `target` both `(n_y, m)`, one column per example.
 */
export type Metric = (prediction: Matrix, target: Matrix) => number;

/** The names of the built-in metrics in {@link metricsByName}. */
export type MetricName = 'accuracy' | 'precision' | 'recall' | 'f1' | 'meanSquaredError' | 'meanAbsoluteError' | 'r2';

/**
 * The built-in metrics by name, with their default options (threshold `0.5`).
 *
 * @remarks
 * A plain read-only object, built without side effects. Use {@link getMetric} to resolve a name with
 * a clear error for unknown ones.
 *
 * @example
 * ```ts
 * import { Matrix, metricsByName } from 'bottomup';
 * Object.keys(metricsByName).length; //=> 7
 * metricsByName.accuracy(Matrix.from([[0.8, 0.3]]), Matrix.from([[1, 1]])); //=> 0.5
 * ```
 */
export const metricsByName: Readonly<Record<MetricName, Metric>> = {
  accuracy,
  precision,
  recall,
  f1,
  meanSquaredError,
  meanAbsoluteError,
  r2,
};

/**
 * Resolves a metric given by name (see {@link metricsByName}) or as a function.
 *
 * @param metric - a {@link MetricName} or a {@link Metric} function (returned as is).
 * @returns the metric function.
 * @throws TypeError when `metric` is neither a known name nor a function.
 *
 * @example
 * ```ts
 * import { Matrix, getMetric } from 'bottomup';
 * getMetric('r2')(Matrix.from([[1, 2]]), Matrix.from([[1, 2]])); //=> 1
 * ```
 */
export function getMetric(metric: MetricName | Metric): Metric {
  if (typeof metric === 'function') return metric;
  if (typeof metric === 'string' && Object.hasOwn(metricsByName, metric)) {
    return metricsByName[metric];
  }
  throw new TypeError(
    `getMetric: expected a metric function or one of ${Object.keys(metricsByName).join(', ')}, got ${describe(metric)}`,
  );
}
