/**
 * Data utilities: toy data sets, label encoding, feature scaling, shuffling, splitting and
 * mini-batch gathering. Every example is a column, as everywhere in bottomup.
 *
 * @module
 */
export { planar, circles, moons, blobs } from './datasets.js';
export type { Dataset, PlanarOptions, CirclesOptions, MoonsOptions, BlobsOptions } from './datasets.js';
export { xor, spiral } from './xor-spiral.js';
export type { XorOptions, SpiralOptions } from './xor-spiral.js';
export { oneHot, fromOneHot } from './one-hot.js';
export { LabelEncoder } from './label-encoder.js';
export type { LabelArray, LabelEncoderJSON } from './label-encoder.js';
export { LABEL_ENCODER_FORMAT, LABEL_ENCODER_VERSION } from './labels.js';
export type { Label } from './labels.js';
export { Standardizer } from './standardizer.js';
export type { StandardizerJSON } from './standardizer.js';
export { MinMaxScaler } from './min-max-scaler.js';
export type { MinMaxScalerOptions, MinMaxScalerJSON } from './min-max-scaler.js';
export { trainTestSplit } from './train-test-split.js';
export type { TrainTestSplit, TrainTestSplitOptions } from './train-test-split.js';
export { shuffleColumns } from './shuffle.js';
export type { Shuffled, ShuffledInputs } from './shuffle.js';
export { gatherColumns, gatherColumnsInto } from './batch.js';
export type { ColumnIndices } from './batch.js';
