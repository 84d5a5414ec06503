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
 * Other names of the built-in metrics, Keras's among them, and the canonical {@link MetricName} each
 * stands for: `fit` and `evaluate` record a metric under its canonical name (`'mse'` as
 * `meanSquaredError`, `'acc'` as `accuracy`).
 *
 * @example
 * ```ts
 * import { metricAliases } from 'bottomup';
 * metricAliases.mse; //=> 'meanSquaredError'
 * ```
 */
export const metricAliases = {
  /** `accuracy` (Keras 2's short name). */
  acc: 'accuracy',
  /** `meanSquaredError`. */
  mse: 'meanSquaredError',
  /** `meanAbsoluteError`. */
  mae: 'meanAbsoluteError',
  /** `meanSquaredError` (Keras's name). */
  mean_squared_error: 'meanSquaredError',
  /** `meanAbsoluteError` (Keras's name). */
  mean_absolute_error: 'meanAbsoluteError',
  /** `f1` (Keras's name). */
  f1_score: 'f1',
  /** `r2` (Keras's name). */
  r2_score: 'r2',
} as const satisfies Readonly<Record<string, MetricName>>;

/** An alias of a built-in metric's name, see {@link metricAliases}. */
export type MetricAlias = keyof typeof metricAliases;

/**
 * The canonical name of a built-in metric given by its name or an alias, or `undefined`. @internal
 */
export function canonicalMetricName(name: unknown): MetricName | undefined {
  if (typeof name !== 'string') return undefined;
  if (Object.hasOwn(metricsByName, name)) return name as MetricName;
  return Object.hasOwn(metricAliases, name) ? metricAliases[name as MetricAlias] : undefined;
}

/** The accepted metric names, for error messages. @internal */
export function metricNamesText(): string {
  return `${Object.keys(metricsByName).join(', ')} (or an alias: ${Object.keys(metricAliases).join(', ')})`;
}

/**
 * Resolves a metric given by name (see {@link metricsByName} and {@link metricAliases}) or as a function.
 *
 * @param metric - a {@link MetricName}, a {@link MetricAlias} or a {@link Metric} function (returned as is).
 * @returns the metric function.
 * @throws TypeError when `metric` is neither a known name nor a function.
 *
 * @example
 * ```ts
 * import { Matrix, getMetric } from 'bottomup';
 * getMetric('r2')(Matrix.from([[1, 2]]), Matrix.from([[1, 2]])); //=> 1
 * ```
 */
export function getMetric(metric: MetricName | MetricAlias | Metric): Metric {
  if (typeof metric === 'function') return metric;
  const name = canonicalMetricName(metric);
  if (name !== undefined) return metricsByName[name];
  throw new TypeError(`getMetric: expected a metric function or one of ${metricNamesText()}, got ${describe(metric)}`);
}
