export { Sequential } from './sequential.js';
export type { SequentialOptions } from './sequential.js';
export { gradientCheck } from './gradient-check.js';
export type { CheckableModel, GradientCheckEntry, GradientCheckOptions, GradientCheckResult } from './gradient-check.js';
export type {
  BatchLogs,
  EarlyStoppingOptions,
  EpochLogs,
  Evaluation,
  EvaluateOptions,
  FitOptions,
  History,
  MetricsOption,
  StopReason,
} from './fit.js';
export type { ProgressOptions } from './progress.js';
export { MODEL_FORMAT, MODEL_VERSION } from './serialize.js';
export type { LayerFactory, SequentialJSON } from './serialize.js';
