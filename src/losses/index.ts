export { Loss } from './loss.js';
export { BinaryCrossEntropy } from './binary-cross-entropy.js';
export type { BinaryCrossEntropyOptions } from './binary-cross-entropy.js';
export { CategoricalCrossEntropy } from './categorical-cross-entropy.js';
export type { CategoricalCrossEntropyOptions } from './categorical-cross-entropy.js';
export { MeanSquaredError } from './mean-squared-error.js';
export { MeanAbsoluteError } from './mean-absolute-error.js';
export { Huber } from './huber.js';
export type { HuberOptions } from './huber.js';
