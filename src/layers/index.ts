export { Dense } from './dense.js';
export type { DenseOptions } from './dense.js';
export type { Initializer } from './init.js';
export type { Layer, LayerJSON } from './layer.js';
