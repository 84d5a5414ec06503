/**
 * Metrics: numbers that say how good a prediction is, for reporting (the loss is what is optimised).
 * Every metric takes `prediction` and `target` shaped `(n_y, m)`, one column per example.
 *
 * @module
 */
export { accuracy } from './accuracy.js';
export type { ThresholdOptions } from './accuracy.js';
export { precision, recall, f1 } from './precision-recall.js';
export { confusionMatrix } from './confusion-matrix.js';
export type { ConfusionMatrixOptions } from './confusion-matrix.js';
export { meanSquaredError, meanAbsoluteError, r2 } from './regression.js';
export { metricsByName, metricAliases, getMetric } from './metric.js';
export type { Metric, MetricAlias, MetricName } from './metric.js';
