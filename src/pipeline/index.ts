/**
 * Predicting with a trained model: class decisions, one example at a time, and pipelines of
 * preprocessing, model and class labels saved as one JSON.
 *
 * @module
 */
export { predictClasses, predictOne } from './predict-classes.js';
export type { PredictingModel } from './predict-classes.js';
export { Pipeline, loadPipeline } from './pipeline.js';
export type { PipelineParts } from './pipeline.js';
export { PIPELINE_FORMAT, PIPELINE_VERSION } from './format.js';
export type { PipelineJSON } from './format.js';
