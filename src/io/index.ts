export { loadModel } from './load.js';
export type { LayerFactory, LoadModelOptions } from './load.js';
export { MODEL_FORMAT, MODEL_VERSION } from './format.js';
export type { SequentialJSON } from './format.js';
export { loadOptimizerState } from './optimizer-state.js';
