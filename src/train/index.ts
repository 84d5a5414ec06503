export { fit } from './fit.js';
export { evaluate } from './evaluate.js';
export type { EvaluateOptions, Evaluation } from './evaluate.js';
export type { FitOptions } from './plan.js';
export type { Model } from './model.js';
export type { BatchLogs, EpochLogs, History, StopReason } from './history.js';
export type { EarlyStoppingOptions } from './early-stopping.js';
export type { MetricsOption } from './metrics.js';
export type { ProgressOptions } from './progress.js';
