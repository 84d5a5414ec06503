export { Optimizer } from './optimizer.js';
export type { OptimizerJSON } from './optimizer.js';
export { SGD } from './sgd.js';
export type { SGDOptions } from './sgd.js';
export { Adam, AdamW } from './adam.js';
export type { AdamOptions } from './adam.js';
export { RMSprop } from './rmsprop.js';
export type { RMSpropOptions } from './rmsprop.js';
export { Adagrad } from './adagrad.js';
export type { AdagradOptions } from './adagrad.js';
export { clipGradNorm, clipGradValue } from './clip.js';
export type { ClipGradNormOptions } from './clip.js';
export {
  constantLr,
  cosineDecay,
  exponentialDecay,
  inverseTimeDecay,
  linearWarmup,
  scheduleLrDecay,
  stepDecay,
} from './schedules.js';
export type {
  CosineDecayOptions,
  InverseTimeDecayOptions,
  LearningRateSchedule,
  LinearWarmupOptions,
  StepDecayOptions,
} from './schedules.js';
