export { Sequential } from './sequential.js';
export type { SequentialOptions } from './sequential.js';
export { gradientCheck } from './gradient-check.js';
export type {
  CheckableModel,
  GradientCheckEntry,
  GradientCheckOptions,
  GradientCheckResult,
} from './gradient-check.js';
