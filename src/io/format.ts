/**
 * The JSON format of a saved model: `{ format, version, layers }`.
 *
 * @module
 */
export type { SequentialJSON } from '../layers/layer.js';

/** The `format` tag of a serialised model. */
export const MODEL_FORMAT = 'bottomup.sequential';
/** The newest format version this build reads and writes. */
export const MODEL_VERSION = 1;

/**
 * The deepest nesting of layer lists a model may have (a model inside a model inside … ): the top
 * level's layers are level 1. Deeper models are refused when built and when read, so that hostile
 * JSON cannot exhaust the stack. @internal
 */
export const MAX_NESTING = 32;
