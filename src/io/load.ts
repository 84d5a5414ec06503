/**
 * `loadModel`: a saved model back as a {@link Sequential}.
 *
 * @module
 */
import { ELU } from '../activations/elu.js';
import { GELU } from '../activations/gelu.js';
import { Identity } from '../activations/identity.js';
import type { ActivationType } from '../activations/kernels.js';
import { LeakyReLU } from '../activations/leaky-relu.js';
import { ReLU } from '../activations/relu.js';
import { SELU } from '../activations/selu.js';
import { Sigmoid } from '../activations/sigmoid.js';
import { SiLU } from '../activations/silu.js';
import { Softmax } from '../activations/softmax.js';
import { Softplus } from '../activations/softplus.js';
import { Tanh } from '../activations/tanh.js';
import { BatchNorm } from '../layers/batch-norm.js';
import { Dense } from '../layers/dense.js';
import { Dropout } from '../layers/dropout.js';
import type { Initializer } from '../layers/init.js';
import type { Layer, LayerJSON } from '../layers/layer.js';
import { Sequential } from '../model/sequential.js';
import { fmtValue } from '../errors.js';
import { checkOptions } from '../validate/values.js';
import type { SequentialJSON } from './format.js';
import { type BatchNormSpec, type DenseSpec, type LayerSpec, readModel } from './schema.js';

/**
 * Builds a user-defined layer from its JSON, for {@link loadModel}'s `layers` option. It receives
 * the layer's JSON as saved (unchecked: checking it is the factory's job). A composite layer that
 * saved inner layers can rebuild them with
 * `loadModel({ format: MODEL_FORMAT, version: MODEL_VERSION, layers: json.layers }, options)`.
 */
export type LayerFactory = (json: LayerJSON) => Layer;

/** Options of {@link loadModel}. */
export interface LoadModelOptions {
  /** Factories for user-defined layer kinds, by the `type` their `toJSON()` writes. */
  layers?: Readonly<Record<string, LayerFactory>>;
}

/**
 * The classes of the built-in activation kinds — the one place a new kind is registered for
 * loading. (Its math, which `bottomup/predict` runs, is its entry in `../activations/kernels.ts`;
 * a test checks that the two list the same kinds.)
 */
export const ACTIVATION_CLASSES: Readonly<Record<ActivationType, new (options: { alpha?: number }) => Layer>> = {
  Sigmoid,
  Tanh,
  ReLU,
  LeakyReLU,
  Softmax,
  Identity,
  ELU,
  SELU,
  GELU,
  Softplus,
  SiLU,
};

function denseFromSpec(spec: DenseSpec): Dense {
  // 'zeros' skips drawing random numbers that would be overwritten anyway.
  const { regularizer } = spec;
  const layer = new Dense(spec.inputSize, spec.outputSize, {
    init: 'zeros',
    useBias: spec.useBias,
    ...(regularizer && { regularizer }),
  });
  (layer as { init: Initializer }).init = spec.init;
  layer.weight.value.data.set(spec.W);
  if (spec.b !== null && layer.bias !== null) layer.bias.value.data.set(spec.b);
  return layer;
}

function batchNormFromSpec(spec: BatchNormSpec): BatchNorm {
  const layer = new BatchNorm(spec.inputSize, { momentum: spec.momentum, epsilon: spec.epsilon });
  const [gamma, beta, mean, variance] = spec.values;
  layer.gamma.value.data.set(gamma);
  layer.beta.value.data.set(beta);
  layer.runningMean.data.set(mean);
  layer.runningVar.data.set(variance);
  return layer;
}

/** The layer a checked spec describes (`custom`: the user's factories). Used by `loadPipeline` too. @internal */
export function layerFromSpec(spec: LayerSpec, custom: Readonly<Record<string, LayerFactory>>): Layer {
  if ('custom' in spec) return custom[spec.type](spec.custom);
  if ('W' in spec) return denseFromSpec(spec);
  if ('layers' in spec) return new Sequential(spec.layers.map((inner) => layerFromSpec(inner, custom)));
  if ('values' in spec) return batchNormFromSpec(spec);
  if ('rate' in spec) return new Dropout(spec.rate, spec.seed === undefined ? {} : { seed: spec.seed });
  return new ACTIVATION_CLASSES[spec.type](spec.alpha === undefined ? {} : { alpha: spec.alpha });
}

/**
 * Rebuilds a model saved with `model.toJSON()` (or `JSON.stringify(model)`), validating everything
 * first: the format and version, each layer's kind, configuration, weight lengths and that every
 * weight is a finite number, in nested models too (`{ type: 'Sequential', layers }`, at most 32
 * levels deep). The first problem found is named in the error, with its path
 * (`layers[2].layers[0].weights.W[3]`); an unknown kind's error says how to pass a factory.
 *
 * @param json - the parsed JSON object (not the text: `JSON.parse` it first).
 * @param options - `layers`: factories for user-defined layer kinds, by `type`.
 * @returns the model, with the saved weights: its predictions are bit-identical to the saved model's.
 * @throws TypeError for a malformed object (wrong types, unknown layer kinds, missing or wrong-length weights).
 * @throws RangeError for a newer format version than this build reads.
 * @throws {@link ShapeError} when the layers do not fit together.
 *
 * @example
 * ```ts
 * import { Dense, Matrix, Sequential, Tanh, loadModel } from 'bottomup';
 * const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh()]);
 * const copy = loadModel(JSON.parse(JSON.stringify(model)));
 * const X = Matrix.from([[0.5], [-1]]);
 * copy.predict(X).equals(model.predict(X)); //=> true
 * ```
 */
export function loadModel(json: SequentialJSON, options: LoadModelOptions = {}): Sequential {
  checkOptions('loadModel', options, ['layers']);
  const custom = options.layers ?? {};
  const specs = readModel(
    'loadModel',
    json,
    Object.keys(custom),
    (type) =>
      ': for a layer kind of your own, pass a factory: ' +
      `loadModel(json, { layers: { ${fmtValue(type)}: (json) => layer } })`,
  );
  return new Sequential(specs.map((spec) => layerFromSpec(spec, custom)));
}
