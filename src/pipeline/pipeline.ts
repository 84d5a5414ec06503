/**
 * `Pipeline`: preprocessing, model and class labels together, saved and loaded as one JSON.
 *
 * @module
 */
import { LabelEncoder } from '../data/label-encoder.js';
import type { Label } from '../data/labels.js';
import { MinMaxScaler } from '../data/min-max-scaler.js';
import { Standardizer } from '../data/standardizer.js';
import { fmtValue } from '../errors.js';
import { type LoadModelOptions, layerFromSpec } from '../io/load.js';
import { readModel } from '../io/schema.js';
import type { ThresholdOptions } from '../metrics/accuracy.js';
import { Matrix } from '../matrix/matrix.js';
import type { NumberArray } from '../matrix/view.js';
import { Sequential } from '../model/sequential.js';
import { checkMatrix } from '../validate/matrix.js';
import { checkOptions, describe } from '../validate/values.js';
import { checkInput, classIndices, readSample, readThreshold } from './decide.js';
import { PIPELINE_FORMAT, PIPELINE_VERSION, type PipelineJSON, checkPipelineFit, readPipeline } from './format.js';

/** The parts of a {@link Pipeline}. */
export interface PipelineParts<T extends Label> {
  /** A fitted scaler applied to the raw inputs before the model; none by default. */
  scaler?: Standardizer | MinMaxScaler;
  /** The model, trained on scaled inputs. */
  model: Sequential;
  /** A fitted encoder of the class labels, which {@link Pipeline.predictClasses} decodes to; none by default. */
  labels?: LabelEncoder<T>;
}

/**
 * A scaler, a model and a label encoder as one predictor over raw inputs, saved and loaded as one JSON
 * file — what an app ships.
 *
 * @remarks
 * `predict(X) = model.predict(scaler.transform(X))`, and `predictClasses(X)` decodes
 * {@link predictClasses}' indices through the label encoder (without one, the indices themselves, as
 * numbers). The pipeline holds the parts it was given (not copies). `toJSON()` writes one versioned
 * object with each part's own JSON; {@link loadPipeline} reads it back with every field checked, and
 * `createPipelinePredictor` of `bottomup/predict` runs it with bit-identical results.
 *
 * The parts must fit: the scaler's feature count is the model's `inputSize`, and the encoder has one
 * class per output (two for a single sigmoid output).
 *
 * **Shape:** `X (n_x, m)` raw, one column per example.
 *
 * @typeParam T - the kind of class label; `number` (class indices) without an encoder.
 *
 * @example
 * ```ts
 * import { Dense, LabelEncoder, Matrix, Pipeline, Sequential, Sigmoid, Standardizer, loadPipeline } from 'bottomup';
 * const X = Matrix.from([[150, 160, 180, 190]]); // heights in cm
 * const scaler = new Standardizer().fit(X);
 * const labels = new LabelEncoder<string>().fit(['short', 'tall']);
 * const model = new Sequential([new Dense(1, 1, { init: 'zeros' }), new Sigmoid()]);
 * model.parameters()[0].value.data[0] = 3;
 * const pipe = new Pipeline({ scaler, model, labels });
 * pipe.predictClasses(Matrix.from([[155, 185]])); //=> ['short', 'tall']
 * const copy = loadPipeline(JSON.parse(JSON.stringify(pipe)));
 * copy.predictClasses(Matrix.from([[155, 185]])); //=> ['short', 'tall']
 * ```
 */
export class Pipeline<T extends Label = number> {
  /** The scaler applied to raw inputs first, or `null`. */
  readonly scaler: Standardizer | MinMaxScaler | null;
  /** The model. */
  readonly model: Sequential;
  /** The label encoder predictions decode through, or `null`. */
  readonly labels: LabelEncoder<T> | null;

  /**
   * @param parts - `model`, and optionally a fitted `scaler` and a fitted `labels` encoder.
   * @throws TypeError when `parts` is not an object with a Sequential `model`, or `scaler`/`labels` are of
   *   the wrong kind.
   * @throws Error when the scaler or the encoder was never fitted.
   * @throws {@link ShapeError} when the parts do not fit together.
   */
  constructor(parts: PipelineParts<T>) {
    const op = 'new Pipeline';
    if (parts === null || typeof parts !== 'object') {
      throw new TypeError(`${op}: expected { scaler?, model, labels? }, got ${describe(parts)}`);
    }
    checkOptions(op, parts, ['scaler', 'model', 'labels']);
    const { scaler, model, labels } = parts;
    if (!(model instanceof Sequential))
      throw new TypeError(`${op}: expected model to be a Sequential, got ${describe(model)}`);
    if (scaler !== undefined && !(scaler instanceof Standardizer || scaler instanceof MinMaxScaler)) {
      throw new TypeError(`${op}: expected scaler to be a Standardizer or a MinMaxScaler, got ${describe(scaler)}`);
    }
    if (labels !== undefined && !(labels instanceof LabelEncoder)) {
      throw new TypeError(`${op}: expected labels to be a LabelEncoder, got ${describe(labels)}`);
    }
    if (scaler?.fitted === false) throw new Error(`${op}: expected a fitted scaler, got one that was never fitted`);
    if (labels?.fitted === false)
      throw new Error(`${op}: expected a fitted labels encoder, got one that was never fitted`);
    checkPipelineFit(op, scaler?.features, labels?.classes.length, model.inputSize, model.outputSize);
    this.scaler = scaler ?? null;
    this.model = model;
    this.labels = labels ?? null;
  }

  /** Number of raw input features `n_x`: the scaler's, else the model's (`undefined`: any number). */
  get inputSize(): number | undefined {
    return this.scaler?.features ?? this.model.inputSize;
  }

  /** Number of outputs `n_y` of the model. */
  get outputSize(): number | undefined {
    return this.model.outputSize;
  }

  /**
   * The model's output for raw inputs: `model.predict(scaler.transform(X))`.
   * @param X - raw inputs `(n_x, m)`, one column per example.
   * @returns `ŷ` `(n_y, m)`, a new matrix.
   * @throws TypeError when `X` is not a Matrix.
   * @throws {@link ShapeError} when `X` does not have `n_x` rows (with a hint when it is transposed) or has
   *   no columns.
   * @throws RangeError when `X` holds `NaN` or `±Infinity`.
   */
  predict(X: Matrix): Matrix {
    const op = 'Pipeline.predict';
    checkMatrix(op, 'X', X);
    checkInput(op, X, this.inputSize);
    return this.model.predict(this.scaler === null ? X : this.scaler.transform(X));
  }

  /**
   * The predicted class label of each example: {@link predictClasses} on the scaled inputs, decoded
   * through the label encoder (without one: the class indices, as numbers).
   * @param X - raw inputs `(n_x, m)`.
   * @param options - `threshold` for a single output (default `0.5`).
   * @returns a new array of `m` labels.
   * @throws as {@link Pipeline.predict}; TypeError or RangeError for a bad option; RangeError when the
   *   prediction holds `NaN`.
   */
  predictClasses(X: Matrix, options: ThresholdOptions = {}): T[] {
    const op = 'Pipeline.predictClasses';
    const threshold = readThreshold(op, options);
    const indices = classIndices(op, this.predict(X), threshold);
    return this.labels === null ? (Array.from(indices) as T[]) : this.labels.inverseTransform(indices);
  }

  /**
   * The output for one raw example given as a plain array of its features.
   * @param sample - the example's `n_x` raw features.
   * @returns a new `Float64Array` of the `n_y` outputs — the bits of that example's column in
   *   {@link Pipeline.predict}.
   * @throws TypeError when `sample` is not an array of numbers; {@link ShapeError} for the wrong length;
   *   RangeError for `NaN` or `±Infinity`.
   */
  predictOne(sample: NumberArray): Float64Array {
    const x = readSample('Pipeline.predictOne', sample, this.inputSize);
    return this.predict(new Matrix(x.length, 1, x)).data;
  }

  /**
   * The whole pipeline as one versioned JSON object, for `JSON.stringify`:
   * `{ format: 'bottomup.pipeline', version: 1, scaler?, model, labels? }`, each part as its own
   * `toJSON()` writes it.
   * @returns the JSON object.
   * @throws TypeError as `model.toJSON()` for a layer that cannot be saved.
   */
  toJSON(): PipelineJSON {
    return {
      format: PIPELINE_FORMAT,
      version: PIPELINE_VERSION,
      ...(this.scaler === null ? {} : { scaler: this.scaler.toJSON() }),
      model: this.model.toJSON(),
      ...(this.labels === null ? {} : { labels: this.labels.toJSON() }),
    };
  }
}

/**
 * Rebuilds a pipeline saved with `pipeline.toJSON()` (or `JSON.stringify(pipeline)`), validating
 * everything first: the format and version and no unknown keys, the scaler (`scaler.…` in messages, as
 * `Standardizer.fromJSON` or `MinMaxScaler.fromJSON` check it), the model (as `loadModel` checks it,
 * with the same messages under this function's name) and the labels (as `LabelEncoder.fromJSON`), and
 * that they fit together.
 *
 * @param json - the parsed JSON object (not the text: `JSON.parse` it first).
 * @param options - `layers`: factories for user-defined layer kinds in the model, as for `loadModel`.
 * @returns the pipeline: its predictions are bit-identical to the saved one's.
 * @throws TypeError for a malformed object.
 * @throws RangeError for a newer format version or a bad value.
 * @throws {@link ShapeError} when the parts (or the model's layers) do not fit together.
 *
 * @example
 * ```ts
 * import { Dense, Matrix, MinMaxScaler, Pipeline, Sequential, loadPipeline } from 'bottomup';
 * const scaler = new MinMaxScaler().fit(Matrix.from([[0, 10], [5, 5]]));
 * const pipe = new Pipeline({ scaler, model: new Sequential([new Dense(2, 1, { seed: 3 })]) });
 * const copy = loadPipeline(JSON.parse(JSON.stringify(pipe)));
 * const X = Matrix.from([[2, 8], [5, 5]]);
 * copy.predict(X).equals(pipe.predict(X)); //=> true
 * ```
 */
export function loadPipeline(json: PipelineJSON, options: LoadModelOptions = {}): Pipeline<Label> {
  const op = 'loadPipeline';
  checkOptions(op, options, ['layers']);
  const custom = options.layers ?? {};
  const parts = readPipeline(op, json);
  const specs = readModel(
    op,
    parts.model,
    Object.keys(custom),
    (type) =>
      ': for a layer kind of your own, pass a factory: ' +
      `loadPipeline(json, { layers: { ${fmtValue(type)}: (json) => layer } })`,
  );
  const model = new Sequential(specs.map((spec) => layerFromSpec(spec, custom)));
  const o = json as { scaler?: unknown; labels?: unknown };
  const scaler =
    parts.scaler === null
      ? undefined
      : parts.scaler.type === 'Standardizer'
        ? Standardizer.fromJSON(o.scaler)
        : MinMaxScaler.fromJSON(o.scaler);
  const labels = parts.classes === null ? undefined : LabelEncoder.fromJSON(o.labels);
  checkPipelineFit(op, scaler?.features, parts.classes?.length, model.inputSize, model.outputSize);
  return new Pipeline<Label>({ scaler, model, labels });
}
