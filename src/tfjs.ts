/**
 * `bottomup/tfjs`: models to and from TensorFlow.js's Layers format (`tf.loadLayersModel`,
 * `model.save`, and the `model.json` + `group1-shard1of1.bin` files Keras's `tensorflowjs_converter`
 * writes).
 *
 * @remarks
 * TF.js puts one row per example: a Dense layer's `kernel` is `(in, out)` and computes `x·kernel + bias`
 * for each row `x`. bottomup puts one column per example, `Z = W·A + b` with `W` `(out, in)`, so the
 * conversion transposes: `W = kernelᵀ`. Predictions agree whichever way the data is laid out; only
 * the inputs change shape (`X` `(n_x, m)` here is `xs` `[m, n_x]` there).
 *
 * TF.js stores weights as float32: {@link toTFJS} rounds each weight to the nearest float32
 * (`Math.fround`), and {@link fromTFJS} widens them to Float64 exactly.
 *
 * This entry point imports the rest of the library as the package `bottomup`: the model
 * {@link fromTFJS} returns is the `Sequential` class an app imports from `bottomup`.
 *
 * @packageDocumentation
 */
import {
  Dense,
  ELU,
  Identity,
  type Layer,
  type LayerJSON,
  LeakyReLU,
  ReLU,
  SELU,
  SiLU,
  Sequential,
  ShapeError,
  Sigmoid,
  Softmax,
  Softplus,
  Tanh,
} from 'bottomup';
import { cut, fmtValue } from './errors.js';

/** One weight of a TF.js model: a `weightSpecs` entry (the `weights` of a `weightsManifest` group). */
export interface TFJSWeightSpec {
  /** The weight's name, e.g. `dense_1/kernel` (TF.js) or `sequential/dense/kernel` (Keras 3). */
  name: string;
  /** Its shape: a Dense kernel is `[in, out]`, a bias `[out]`. */
  shape: number[];
  /** Its data type; bottomup reads `float32`. */
  dtype: string;
  /** Set on quantized weights (`--quantize_*` of the converter), which bottomup refuses. */
  quantization?: unknown;
}

/** A float32 weight, as {@link toTFJS} writes it (assignable to TF.js's `WeightsManifestEntry`). */
export interface TFJSFloat32WeightSpec extends TFJSWeightSpec {
  /** Always `'float32'`. */
  dtype: 'float32';
  /** Never set: the weights are not quantized. */
  quantization?: undefined;
}

/** One group of a `model.json`'s `weightsManifest`: the files (`paths`) that hold its `weights`, in order. */
export interface TFJSWeightsGroup {
  /** The shard files, e.g. `['group1-shard1of1.bin']`. */
  paths: string[];
  /** The weights stored in those files, one after the other. */
  weights: TFJSWeightSpec[];
}

/** The raw bytes of the weights: one buffer, or the shards in the order of the manifest. */
export type TFJSWeightData = ArrayBuffer | ArrayBufferView | readonly (ArrayBuffer | ArrayBufferView)[];

/**
 * A TF.js Layers model for {@link fromTFJS}: TF.js's in-memory `ModelArtifacts` (what
 * `tf.io.withSaveHandler` receives), or a parsed `model.json` with its weight files' bytes as
 * `weightData`.
 */
export interface TFJSModelInput {
  /** `'layers-model'` when present (a `graph-model` is refused). */
  format?: string;
  /**
   * The model: `{ class_name: 'Sequential', config: { name, layers } }` as TF.js writes it, or
   * `{ keras_version, backend, model_config: { class_name: 'Sequential', … } }` as the converter does.
   */
  modelTopology?: unknown;
  /** The weights' names, shapes and types, in the order of `weightData` (in-memory artifacts). */
  weightSpecs?: readonly TFJSWeightSpec[];
  /** The same as groups, as a `model.json` has it (used when `weightSpecs` is absent). */
  weightsManifest?: readonly TFJSWeightsGroup[];
  /** The weights' bytes (little-endian), the shards in manifest order. */
  weightData?: TFJSWeightData;
}

/** One layer of a TF.js model's topology, `{ class_name, config }`. */
export interface TFJSLayerConfig {
  /** The layer's class: `'Dense'`, `'Activation'`, `'LeakyReLU'` or `'ELU'` here. */
  class_name: string;
  /** Its configuration, in TF.js's snake_case keys (`units`, `activation`, `use_bias`, `alpha`, `name`, …). */
  config: Record<string, unknown>;
}

/** The topology {@link toTFJS} writes: TF.js's own layout of a `Sequential`. */
export interface TFJSTopology {
  /** Always `'Sequential'`. */
  class_name: 'Sequential';
  /** The model's name (`'sequential'`) and its layers, first to last. */
  config: {
    /** Always `'sequential'`. */
    name: string;
    /** The layers; the first carries `batch_input_shape: [null, n_x]`. */
    layers: TFJSLayerConfig[];
  };
}

/** What {@link toTFJS} returns: TF.js `ModelArtifacts` for `tf.loadLayersModel(tf.io.fromMemory(artifacts))`. */
export interface TFJSArtifacts {
  /** Always `'layers-model'`. */
  format: 'layers-model';
  /** Always `'bottomup'`. */
  generatedBy: string;
  /** Always `null`. */
  convertedBy: null;
  /** `{ class_name: 'Sequential', config: { name: 'sequential', layers } }`. */
  modelTopology: TFJSTopology;
  /** The weights, in `weightData` order: each Dense layer's `kernel` `[in, out]`, then its `bias` `[out]`. */
  weightSpecs: TFJSFloat32WeightSpec[];
  /** The weights as float32, little-endian, one after the other. */
  weightData: ArrayBuffer;
}

/** bottomup's activation kinds by their TF.js name (`linear` adds no layer). */
const IMPORTED: Readonly<Record<string, (() => Layer) | null>> = {
  linear: null,
  sigmoid: () => new Sigmoid(),
  tanh: () => new Tanh(),
  relu: () => new ReLU(),
  softmax: () => new Softmax(),
  elu: () => new ELU(),
  selu: () => new SELU(),
  softplus: () => new Softplus(),
  swish: () => new SiLU(),
  silu: () => new SiLU(),
};

/** TF.js's activation name of each bottomup kind that has one (ELU with `alpha` 1). */
const EXPORTED: Readonly<Record<string, string>> = {
  Identity: 'linear',
  Sigmoid: 'sigmoid',
  Tanh: 'tanh',
  ReLU: 'relu',
  Softmax: 'softmax',
  SELU: 'selu',
  Softplus: 'softplus',
  SiLU: 'swish',
};

/** Layers that compute nothing at inference (a Dropout is the identity there). */
const SKIPPED = ['Dropout', 'AlphaDropout', 'GaussianDropout', 'GaussianNoise', 'InputLayer', 'Flatten'];

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Converts a model to TF.js's Layers format, for `tf.loadLayersModel(tf.io.fromMemory(toTFJS(model)))`
 * or, written to `model.json` and `group1-shard1of1.bin`, for `tf.loadLayersModel(url)`.
 *
 * @remarks
 * Each `Dense` becomes a TF.js `Dense` with `kernel = Wᵀ` `(in, out)`; an activation right after it
 * becomes the Dense's `activation` where TF.js has the name — `Identity` → `linear`, `Sigmoid`,
 * `Tanh`, `ReLU`, `Softmax`, `SELU`, `Softplus`, `SiLU` → `swish`, `ELU` with `alpha` 1 → `elu` —
 * and otherwise an `Activation` layer; `LeakyReLU` becomes TF.js's `LeakyReLU` layer (with its `alpha`).
 * Nested models are written as the chain of their layers. Refused, naming the layer: `GELU`
 * (bottomup's is the tanh approximation: TF.js's `gelu_new` fails to load again, `Unknown activation:
 * geluNew` in TF.js 4, and its `gelu` is the exact erf form) and an `ELU` with `alpha` ≠ 1 (TF.js's
 * `ELU` layer throws `Non-default alpha value … is not supported`).
 *
 * Weights are rounded to float32 (TF.js's only float type), so TF.js predicts what the model
 * predicts within float32 accuracy (about 1e-6 relative), not bit for bit.
 *
 * @param model - the model; its first layer must fix the input size (a `Dense`, or activations
 *   before one).
 * @returns `{ format: 'layers-model', generatedBy, convertedBy, modelTopology, weightSpecs, weightData }`.
 * @throws TypeError for a layer TF.js has no equivalent for (GELU, a user-defined layer), naming it.
 * @throws RangeError when the input size is not fixed, or a weight does not fit a float32.
 *
 * @example
 * ```ts
 * import { Dense, ReLU, Sequential } from 'bottomup';
 * import { toTFJS } from 'bottomup/tfjs';
 * const artifacts = toTFJS(new Sequential([new Dense(2, 3, { seed: 1 }), new ReLU(), new Dense(3, 1)]));
 * artifacts.modelTopology.config.layers.map((l) => l.config.activation); //=> ['relu', 'linear']
 * artifacts.weightSpecs.map((s) => `${s.name} ${s.shape}`);
 * //=> ['dense_1/kernel 2,3', 'dense_1/bias 3', 'dense_2/kernel 3,1', 'dense_2/bias 1']
 * artifacts.weightData.byteLength; //=> 52
 * ```
 */
export function toTFJS(model: Sequential): TFJSArtifacts {
  const op = 'toTFJS';
  if (!(model instanceof Sequential)) {
    throw new TypeError(`${op}: expected model to be a Sequential (from 'bottomup'), got ${fmtValue(model)}`);
  }
  if (model.inputSize === undefined) {
    throw new RangeError(
      `${op}: expected a model whose input size is fixed (TF.js needs batch_input_shape: a Dense layer), ` +
        `got ${model.toString()}`,
    );
  }
  // Flatten nested models into the chain of their layers, with their paths for messages.
  const chain: { at: string; json: LayerJSON }[] = [];
  const walk = (layers: readonly LayerJSON[], where: string): void =>
    layers.forEach((json, i) => {
      if (json.type === 'Sequential' && Array.isArray(json.layers)) walk(json.layers, `${where}[${i}].layers`);
      else chain.push({ at: `${where}[${i}]`, json });
    });
  walk(model.toJSON().layers, 'layers');

  const layers: TFJSLayerConfig[] = [];
  const weightSpecs: TFJSFloat32WeightSpec[] = [];
  const values: number[] = [];
  const counts: Record<string, number> = {};
  const name = (base: string): string => `${base}_${(counts[base] = (counts[base] ?? 0) + 1)}`;
  /** The Dense layer config an activation may still merge into (its activation is `linear`). */
  const last: { open: Record<string, unknown> | null } = { open: null };
  const add = (class_name: string, config: Record<string, unknown>): void => {
    const full = { ...config, trainable: true, dtype: 'float32' };
    if (layers.length === 0) Object.assign(full, { batch_input_shape: [null, model.inputSize] });
    layers.push({ class_name, config: full });
    last.open = class_name === 'Dense' ? full : null;
  };
  for (const { at, json } of chain) {
    const type = json.type;
    const alpha = json.config?.alpha as number | undefined;
    const tfName = type === 'ELU' && (alpha ?? 1) === 1 ? 'elu' : Object.hasOwn(EXPORTED, type) ? EXPORTED[type] : '';
    if (type === 'Dense') {
      const config = json.config as { inputSize: number; outputSize: number; useBias: boolean };
      const { inputSize: k, outputSize: n } = config;
      const W = json.weights?.W ?? [];
      const b = json.weights?.b;
      const layerName = name('dense');
      add('Dense', { units: n, activation: 'linear', use_bias: b !== undefined, name: layerName });
      const kernel = new Array<number>(k * n);
      // kernel (in, out) = Wᵀ: kernel[i][o] = W[o][i]
      for (let o = 0; o < n; o++) for (let i = 0; i < k; i++) kernel[i * n + o] = W[o * k + i];
      const put = (weight: string, data: readonly number[], shape: number[]): void => {
        data.forEach((v, j) => {
          if (!Number.isFinite(Math.fround(v))) {
            throw new RangeError(
              `${op}: expected the weights of ${at} (Dense) to fit a float32 (|w| up to about 3.4e38), ` +
                `got ${weight}[${j}] = ${fmtValue(v)}`,
            );
          }
        });
        weightSpecs.push({ name: `${layerName}/${weight}`, shape, dtype: 'float32' });
        for (const v of data) values.push(v); // not push(...data): a large layer would overflow the stack
      };
      put('kernel', kernel, [k, n]);
      if (b !== undefined) put('bias', b, [n]);
    } else if (tfName !== '') {
      if (last.open !== null) {
        last.open.activation = tfName;
        last.open = null;
      } else add('Activation', { activation: tfName, name: name('activation') });
    } else if (type === 'LeakyReLU') add('LeakyReLU', { alpha, name: name('leaky_re_lu') });
    else {
      const why =
        type === 'GELU'
          ? ": bottomup's GELU is the tanh approximation, whose TF.js name ('gelu_new') does not load again " +
            "in tf.loadLayersModel, and TF.js's 'gelu' is the exact (erf) form"
          : type === 'ELU'
            ? ` with alpha ${fmtValue(alpha)}: TF.js's ELU layer takes alpha 1 only`
            : '';
      throw new TypeError(
        `${op}: expected ${at} to be Dense or an activation TF.js has (Identity, Sigmoid, Tanh, ReLU, ` +
          `LeakyReLU, Softmax, ELU with alpha 1, SELU, Softplus, SiLU), got ${fmtValue(type)}${why}`,
      );
    }
  }
  return {
    format: 'layers-model',
    generatedBy: 'bottomup',
    convertedBy: null,
    modelTopology: { class_name: 'Sequential', config: { name: 'sequential', layers } },
    weightSpecs,
    weightData: Float32Array.from(values).buffer,
  };
}

/**
 * Builds a model from a TF.js Layers model: a `Sequential` of dense layers, as TF.js's `model.save`
 * or Keras's `tensorflowjs_converter` writes it.
 *
 * @remarks
 * Pass TF.js's in-memory artifacts (`{ modelTopology, weightSpecs, weightData }`, what
 * `tf.io.withSaveHandler` receives) or a parsed `model.json` with its weight files' bytes:
 * `fromTFJS({ ...JSON.parse(readFileSync('model.json', 'utf8')), weightData: readFileSync('group1-shard1of1.bin') })`
 * (several shards: `weightData: [shard1, shard2, …]`, in the manifest's order). Both topology
 * layouts are read: TF.js's `{ class_name: 'Sequential', config }` and the converter's
 * `{ keras_version, backend, model_config: { class_name: 'Sequential', config } }`.
 *
 * Layers: `Dense` (`units`, `use_bias`, `activation`) becomes a `Dense` with `W = kernelᵀ`
 * followed by its activation; `Activation` layers and the activations `linear` (nothing), `sigmoid`,
 * `tanh`, `relu`, `softmax`, `elu`, `selu`, `softplus`, `swish`/`silu` (`SiLU`); `LeakyReLU` (`alpha`,
 * or Keras 3's `negative_slope`; default 0.3 as in Keras), `ELU` (`alpha`), `ReLU` without
 * `max_value`/`threshold`/slope, `Softmax` over the last axis. `InputLayer` (`batch_input_shape`, or
 * Keras 3's `batch_shape`), `Flatten` and `Dropout` (and the other noise layers, the identity at
 * inference) are skipped: a multi-dimensional input must be flattened before its first Dense.
 * A Dense layer's weights are found by name, `<layer>/kernel` and `<layer>/bias`, also with a scope
 * before it (`sequential/dense/kernel`) or a cell after it (`dense/cell/kernel`). Weights are read
 * as float32 (widened exactly to Float64); extra weights (an optimizer's) are ignored.
 *
 * @param artifacts - `{ modelTopology, weightSpecs or weightsManifest, weightData }`.
 * @returns the model, predicting what TF.js predicts within float32 accuracy.
 * @throws TypeError for anything else — a functional or nested model, an unknown layer class or
 *   activation (named with the layer), quantized or non-float32 weights, missing weights, weight
 *   bytes that do not match the specs, a non-finite weight.
 * @throws ShapeError (from `bottomup`) when a kernel does not fit the layer before it.
 *
 * @example
 * ```ts
 * import { Dense, Matrix, Sequential, Tanh } from 'bottomup';
 * import { fromTFJS, toTFJS } from 'bottomup/tfjs';
 * const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh()]);
 * const copy = fromTFJS(toTFJS(model));
 * copy.layers.map(String); //=> ['Dense(2 → 3)', 'Tanh()']
 * const W = model.parameters()[0].value.data;
 * copy.parameters()[0].value.data.every((w, i) => w === Math.fround(W[i])); //=> true
 * ```
 */
export function fromTFJS(artifacts: TFJSModelInput): Sequential {
  const op = 'fromTFJS';
  const fail: Fail = (where, what, got) => {
    throw new TypeError(`${op}: expected ${where} ${what}, got ${got}`);
  };
  if (!isRecord(artifacts)) fail('artifacts', 'to be { modelTopology, weightSpecs, weightData }', fmtValue(artifacts));
  if (artifacts.format !== undefined && artifacts.format !== 'layers-model') {
    fail('format', '"layers-model" (a graph model is not a Layers model)', fmtValue(artifacts.format));
  }
  let topology: unknown = artifacts.modelTopology;
  if (isRecord(topology) && topology.model_config !== undefined) topology = topology.model_config;
  if (!isRecord(topology)) fail('modelTopology', 'to be an object', fmtValue(topology));
  if (topology.class_name !== 'Sequential') {
    fail('modelTopology.class_name', '"Sequential" (bottomup reads Sequential models)', fmtValue(topology.class_name));
  }
  const config = topology.config;
  // Keras before 2.2.3 wrote a Sequential's config as the list of its layers.
  const list: unknown = Array.isArray(config) ? config : isRecord(config) ? config.layers : undefined;
  if (!Array.isArray(list)) fail('modelTopology.config.layers', 'to be an array', fmtValue(list));

  const weights = readWeights(op, artifacts, fail);
  const out: Layer[] = [];
  /** Features per example flowing between layers (undefined until a shape or a kernel fixes it). */
  let size: number | undefined;
  /** The rank of each example (1 for a vector), while an input shape says it is more. */
  let rank = 1;
  let from = 'the input shape';
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    const at = `modelTopology layers[${i}]`;
    if (!isRecord(entry) || typeof entry.class_name !== 'string') {
      fail(at, 'to be { class_name, config }', fmtValue(entry));
    }
    const cls = entry.class_name as string;
    const cfg = isRecord(entry.config) ? entry.config : {};
    const label = `layers[${i}] (${typeof cfg.name === 'string' ? `${fmtValue(cfg.name)}, ` : ''}${cls})`;
    const shape = cfg.batch_input_shape ?? cfg.batch_shape;
    if (shape !== undefined) {
      if (!Array.isArray(shape) || shape.length < 2 || !shape.slice(1).every((d) => Number.isSafeInteger(d) && d > 0)) {
        fail(`${label} input shape`, 'to be [null, n, …] with positive sizes', JSON.stringify(shape));
      }
      const dims = (shape as number[]).slice(1);
      size = dims.reduce((a, d) => a * d, 1);
      rank = dims.length;
    }
    const activation = (name: unknown, where: string): void => {
      const key = name ?? 'linear';
      if (typeof key !== 'string' || !Object.hasOwn(IMPORTED, key)) {
        fail(
          `${label}${where}`,
          `to be an activation bottomup has (${Object.keys(IMPORTED).join(', ')})`,
          typeof key === 'string' ? cut(JSON.stringify(key)) : fmtValue(key),
        );
      }
      const make = IMPORTED[key as string];
      if (make !== null) out.push(make());
    };
    const alphaOf = (value: unknown, fallback: number): number => {
      const alpha = value ?? fallback;
      if (typeof alpha !== 'number' || !Number.isFinite(alpha))
        fail(`${label} alpha`, 'to be a finite number', fmtValue(alpha));
      return alpha as number;
    };
    if (cls === 'Flatten') rank = 1;
    if (SKIPPED.includes(cls)) continue;
    if (rank > 1) {
      fail(label, `to come after a Flatten (its input is ${rank}-dimensional per example)`, 'none');
    }
    if (cls === 'Dense') {
      const units = cfg.units;
      if (!Number.isSafeInteger(units) || (units as number) <= 0)
        fail(`${label} units`, 'to be a positive integer', fmtValue(units));
      const useBias = cfg.use_bias ?? true;
      if (typeof useBias !== 'boolean') fail(`${label} use_bias`, 'to be a boolean', fmtValue(useBias));
      const layerName = typeof cfg.name === 'string' ? cfg.name : '';
      const kernel = findWeight(weights, layerName, 'kernel', label, fail);
      const n = units as number;
      const [k, kn] = kernel.shape;
      if (kernel.shape.length !== 2 || kn !== n) {
        fail(
          `the kernel ${fmtValue(kernel.name)} of ${label}`,
          `to have shape [in, ${n}]`,
          `[${kernel.shape.join(', ')}]`,
        );
      }
      if (size !== undefined && k !== size) {
        throw new ShapeError(
          `${op}: expected ${label} to take the ${size} outputs of ${from}, got a kernel of shape [${k}, ${n}]`,
        );
      }
      const bias = useBias ? findWeight(weights, layerName, 'bias', label, fail) : null;
      if (bias !== null && (bias.shape.length !== 1 || bias.shape[0] !== n)) {
        fail(`the bias ${fmtValue(bias.name)} of ${label}`, `to have shape [${n}]`, `[${bias.shape.join(', ')}]`);
      }
      const layer = new Dense(k, n, { init: 'zeros', useBias });
      const W = layer.weight.value.data;
      // W (out, in) = kernelᵀ: W[o][i] = kernel[i][o]
      for (let o = 0; o < n; o++) for (let j = 0; j < k; j++) W[o * k + j] = kernel.values[j * n + o];
      if (bias !== null && layer.bias !== null) layer.bias.value.data.set(bias.values);
      out.push(layer);
      activation(cfg.activation, ' activation');
      size = n;
    } else if (cls === 'Activation') activation(cfg.activation, ' activation');
    else if (cls === 'LeakyReLU') out.push(new LeakyReLU({ alpha: alphaOf(cfg.alpha ?? cfg.negative_slope, 0.3) }));
    else if (cls === 'ELU') out.push(new ELU({ alpha: alphaOf(cfg.alpha, 1) }));
    else if (cls === 'ReLU' && !cfg.max_value && !cfg.threshold && !cfg.negative_slope) out.push(new ReLU());
    // axis 1 of a (batch, features) input is its last: TF.js writes 1, Keras -1.
    else if (cls === 'Softmax' && [-1, 1].includes((cfg.axis ?? -1) as number)) out.push(new Softmax());
    else {
      const nested = ['Sequential', 'Functional', 'Model'].includes(cls) ? ' (nested models are not read)' : '';
      fail(
        label,
        'to be a layer bottomup reads (Dense, Activation, LeakyReLU, ELU, ReLU, Softmax; InputLayer, Flatten, ' +
          'Dropout skipped)',
        `class_name ${cut(JSON.stringify(cls))}${cls === 'ReLU' || cls === 'Softmax' ? ' with this config' : nested}`,
      );
    }
    from = label;
  }
  if (out.length === 0) out.push(new Identity());
  return new Sequential(out);
}

/** A weight read from the artifacts: its spec and its values, widened to Float64. */
interface ReadWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float64Array;
}

type Fail = (where: string, what: string, got: string) => never;

/** Reads every weight of `artifacts` by name: checks the specs, the byte length, and each value. */
function readWeights(op: string, artifacts: TFJSModelInput, fail: Fail): Map<string, ReadWeight> {
  const manifest = artifacts.weightsManifest;
  const specs: unknown =
    artifacts.weightSpecs ??
    (Array.isArray(manifest) ? manifest.flatMap((g: unknown) => (isRecord(g) ? g.weights : [])) : undefined);
  if (!Array.isArray(specs)) fail('weightSpecs (or weightsManifest)', 'to be an array', fmtValue(specs));
  const data = artifacts.weightData;
  const parts: unknown[] = Array.isArray(data) ? data : [data];
  const chunks = parts.map((part, k) => {
    if (part instanceof ArrayBuffer) return new Uint8Array(part);
    if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
    return fail(
      Array.isArray(data) ? `weightData[${k}]` : 'weightData',
      'to be an ArrayBuffer or a typed array (the bytes of the weight files)',
      fmtValue(part),
    );
  });
  const bytes = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  const view = new DataView(bytes.buffer);
  const weights = new Map<string, ReadWeight>();
  offset = 0;
  for (let i = 0; i < specs.length; i++) {
    const spec: unknown = specs[i];
    const at = `weightSpecs[${i}]`;
    if (!isRecord(spec) || typeof spec.name !== 'string' || !Array.isArray(spec.shape)) {
      fail(at, 'to be { name, shape, dtype }', fmtValue(spec));
    }
    const { name, shape, dtype } = spec as { name: string; shape: unknown[]; dtype: unknown };
    const label = `weight ${cut(JSON.stringify(name))} (${at})`;
    if (spec.quantization !== undefined) {
      fail(
        label,
        'not quantized (convert without --quantize_* to read it)',
        `quantization ${JSON.stringify(spec.quantization)}`,
      );
    }
    if (dtype !== 'float32') fail(label, 'to have dtype "float32"', fmtValue(dtype));
    if (!shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
      fail(`the shape of ${label}`, 'to be non-negative integers', JSON.stringify(shape));
    }
    if (weights.has(name)) fail(label, 'a name no other weight has', 'a second weight of that name');
    const count = (shape as number[]).reduce((a, d) => a * d, 1);
    const values = new Float64Array(count);
    if (offset + 4 * count <= bytes.length) {
      for (let j = 0; j < count; j++) {
        const v = view.getFloat32(offset + 4 * j, true);
        if (!Number.isFinite(v)) fail(`the values of ${label}`, 'to be finite numbers', `${fmtValue(v)} at [${j}]`);
        values[j] = v;
      }
    }
    offset += 4 * count;
    weights.set(name, { name, shape: shape as number[], values });
  }
  if (offset !== bytes.length) {
    throw new TypeError(
      `${op}: expected weightData to hold the ${offset} bytes the weight specs describe (float32), ` +
        `got ${bytes.length} bytes`,
    );
  }
  return weights;
}

/**
 * The weight `<layer>/<kind>` of a Dense layer: by its exact name, else with a scope before the layer
 * (`sequential/dense/kernel`, Keras 3), else with a cell after it (`dense/cell/kernel`, as TF.js reads it).
 */
function findWeight(
  weights: Map<string, ReadWeight>,
  layer: string,
  kind: 'kernel' | 'bias',
  label: string,
  fail: Fail,
): ReadWeight {
  const exact = weights.get(`${layer}/${kind}`);
  if (exact !== undefined) return exact;
  const all = [...weights.keys()];
  const match =
    all.find((n) => n.endsWith(`/${layer}/${kind}`)) ??
    all.find((n) => n.startsWith(`${layer}/`) && n.endsWith(`/${kind}`) && n.split('/').length === 3);
  if (match !== undefined) return weights.get(match) as ReadWeight;
  const names = all.length === 0 ? 'no weights' : `the weights ${cut(all.map((n) => JSON.stringify(n)).join(', '))}`;
  return fail(`a weight ${JSON.stringify(`${layer}/${kind}`)} for ${label}`, 'in weightSpecs', names);
}
