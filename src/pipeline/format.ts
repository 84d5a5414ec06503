/**
 * The JSON format of a saved pipeline, `{ format, version, scaler?, model, labels? }`, and its
 * validating reader — without the `Matrix` class, shared by `loadPipeline` and `bottomup/predict`.
 *
 * @module
 */
import { type Label, readLabelClasses } from '../data/labels.js';
import type { LabelEncoderJSON } from '../data/label-encoder.js';
import type { MinMaxScalerJSON } from '../data/min-max-scaler.js';
import type { StandardizerJSON } from '../data/standardizer.js';
import { type ScalerSpec, readScalerJSON } from '../data/scaling.js';
import { ShapeError } from '../errors.js';
import { type Envelope, readEnvelope } from '../io/envelope.js';
import type { SequentialJSON } from '../io/format.js';

/** The `format` tag of a saved pipeline. */
export const PIPELINE_FORMAT = 'bottomup.pipeline';
/** The newest pipeline format version this build reads and writes. */
export const PIPELINE_VERSION = 1;

/** The JSON form of a {@link Pipeline}, from {@link Pipeline.toJSON}: one file for an app to ship. */
export interface PipelineJSON {
  /** Always `"bottomup.pipeline"`. */
  readonly format: typeof PIPELINE_FORMAT;
  /** The format version, `1`. */
  readonly version: number;
  /** The fitted scaler applied to raw inputs first, when the pipeline has one. */
  readonly scaler?: StandardizerJSON | MinMaxScalerJSON;
  /** The model, as `model.toJSON()` writes it. */
  readonly model: SequentialJSON;
  /** The class labels predictions decode to, when the pipeline has them. */
  readonly labels?: LabelEncoderJSON;
}

const ENVELOPE: Envelope = {
  format: PIPELINE_FORMAT,
  version: PIPELINE_VERSION,
  noun: 'pipeline',
  keys: ['format', 'version', 'scaler', 'model', 'labels'],
};

/** A pipeline read and checked, but for its model (which the caller reads with its own model reader). @internal */
export interface PipelineRead {
  readonly scaler: ScalerSpec | null;
  /** The model's JSON, unchecked. */
  readonly model: unknown;
  readonly classes: Label[] | null;
}

/**
 * Reads a pipeline's JSON: the envelope, then the scaler (`scaler.…` in messages) and the labels
 * (`labels.…`) when present. The model is returned unchecked, for the caller's model reader.
 * @throws TypeError for a malformed object, RangeError for a newer version or a bad value. @internal
 */
export function readPipeline(op: string, json: unknown): PipelineRead {
  const o = readEnvelope(op, json, '', ENVELOPE);
  return {
    scaler: o.scaler === undefined ? null : readScalerJSON(op, o.scaler, 'scaler'),
    model: o.model,
    classes: o.labels === undefined ? null : readLabelClasses(op, o.labels, 'labels'),
  };
}

/**
 * Checks that a pipeline's parts fit together: a scaler of `features` features in front of a model
 * taking `inputSize` inputs, and `classes` labels for a model with `outputSize` outputs (two for a
 * single thresholded output). `undefined` sizes are not checked.
 * @throws {@link ShapeError} when they do not fit. @internal
 */
export function checkPipelineFit(
  op: string,
  features: number | undefined,
  classes: number | undefined,
  inputSize: number | undefined,
  outputSize: number | undefined,
): void {
  if (features !== undefined && inputSize !== undefined && features !== inputSize) {
    throw new ShapeError(
      `${op}: expected a scaler of ${inputSize} features for the model's ${inputSize} inputs, got a scaler of ` +
        `${features} features`,
    );
  }
  if (classes !== undefined && outputSize !== undefined) {
    const wanted = outputSize === 1 ? 2 : outputSize;
    if (classes !== wanted) {
      throw new ShapeError(
        `${op}: expected ${wanted} classes for the model's ` +
          `${outputSize === 1 ? 'single output (thresholded: 2 classes)' : `${outputSize} outputs`}, got labels of ` +
          `${classes} class${classes === 1 ? '' : 'es'}`,
      );
    }
  }
}
