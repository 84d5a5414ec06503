export { BatchNorm } from './batch-norm.js';
export type { BatchNormOptions } from './batch-norm.js';
export { Dense } from './dense.js';
export type { DenseOptions, Regularizer } from './dense.js';
export { Dropout } from './dropout.js';
export type { DropoutOptions } from './dropout.js';
export type { Initializer } from './init.js';
export type { Layer, LayerJSON } from './layer.js';
