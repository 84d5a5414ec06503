/**
 * The JSON format of a {@link Sequential} model, and its validating loader.
 *
 * @module
 */
import { fmtValue } from '../errors.js';
import type { Layer, LayerJSON } from '../layers/layer.js';
import { Dense } from '../layers/dense.js';
import { INITIALIZERS, type Initializer } from '../layers/init.js';
import { ELU } from '../activations/elu.js';
import { GELU } from '../activations/gelu.js';
import { Identity } from '../activations/identity.js';
import { LeakyReLU } from '../activations/leaky-relu.js';
import { ReLU } from '../activations/relu.js';
import { SELU } from '../activations/selu.js';
import { Sigmoid } from '../activations/sigmoid.js';
import { SiLU } from '../activations/silu.js';
import { Softmax } from '../activations/softmax.js';
import { Softplus } from '../activations/softplus.js';
import { Tanh } from '../activations/tanh.js';

/** The `format` tag of a serialised model. */
export const MODEL_FORMAT = 'bottomup.sequential';
/** The newest format version this build reads and writes. */
export const MODEL_VERSION = 1;

/**
 * A serialised {@link Sequential} model, as returned by `toJSON()`: plain data, safe to
 * `JSON.stringify`. Numbers round-trip exactly (JavaScript prints the shortest exact decimal).
 *
 * @remarks
 * ```json
 * { "format": "bottomup.sequential", "version": 1,
 *   "layers": [ { "type": "Dense", "config": { "inputSize": 2, "outputSize": 4, "useBias": true, "init": "small" },
 *                 "weights": { "W": [8 numbers, row-major (4, 2)], "b": [4 numbers] } },
 *               { "type": "Tanh" }, … ] }
 * ```
 */
export interface SequentialJSON {
  /** Always `"bottomup.sequential"`. */
  format: string;
  /** The format version (currently 1); newer versions are refused by older builds. */
  version: number;
  /** The layers, first to last. */
  layers: LayerJSON[];
}

/** Builds a user-defined layer from its JSON, for {@link Sequential.fromJSON}'s `layers` option. */
export type LayerFactory = (json: LayerJSON) => Layer;

const ACTIVATIONS: Record<string, () => Layer> = {
  Sigmoid: () => new Sigmoid(),
  Tanh: () => new Tanh(),
  ReLU: () => new ReLU(),
  Softmax: () => new Softmax(),
  Identity: () => new Identity(),
  SELU: () => new SELU(),
  GELU: () => new GELU(),
  Softplus: () => new Softplus(),
  SiLU: () => new SiLU(),
};

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function fail(where: string, what: string, got: unknown): never {
  throw new TypeError(`Sequential.fromJSON: expected ${where} ${what}, got ${typeof got === 'string' && got.startsWith('#') ? got.slice(1) : fmtValue(got)}`);
}

function checkKeys(where: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) fail(where, `keys among ${allowed.join(', ')}`, `#unknown key ${JSON.stringify(key)}`);
}

function numberArray(where: string, value: unknown, length: number): number[] {
  if (!Array.isArray(value)) fail(where, `to be an array of ${length} numbers`, value);
  if (value.length !== length) fail(where, `to have length ${length}`, `#length ${value.length}`);
  for (let i = 0; i < length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where}[${i}]`, 'to be a finite number', v);
  }
  return value as number[];
}

function positiveInteger(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) fail(where, 'to be a positive integer', value);
  return value;
}

function finiteNumber(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, 'to be a finite number', value);
  return value;
}

function denseFromJSON(where: string, json: Record<string, unknown>): Dense {
  checkKeys(where, json, ['type', 'config', 'weights']);
  const config = json.config;
  if (!isRecord(config)) fail(`${where}.config`, 'to be an object', config);
  checkKeys(`${where}.config`, config, ['inputSize', 'outputSize', 'useBias', 'init']);
  const inputSize = positiveInteger(`${where}.config.inputSize`, config.inputSize);
  const outputSize = positiveInteger(`${where}.config.outputSize`, config.outputSize);
  const useBias = config.useBias ?? true;
  if (typeof useBias !== 'boolean') fail(`${where}.config.useBias`, 'to be a boolean', useBias);
  const init = config.init ?? 'xavier';
  if (typeof init !== 'string' || !INITIALIZERS.includes(init as Initializer)) {
    fail(`${where}.config.init`, `to be one of ${INITIALIZERS.join(', ')}`, init);
  }
  const weights = json.weights;
  if (!isRecord(weights)) fail(`${where}.weights`, 'to be an object with W' + (useBias ? ' and b' : ''), weights);
  checkKeys(`${where}.weights`, weights, useBias ? ['W', 'b'] : ['W']);
  const W = numberArray(`${where}.weights.W`, weights.W, inputSize * outputSize);
  const b = useBias ? numberArray(`${where}.weights.b`, weights.b, outputSize) : null;
  // 'zeros' skips drawing random numbers that would be overwritten anyway.
  const layer = new Dense(inputSize, outputSize, { init: 'zeros', useBias });
  (layer as { init: Initializer }).init = init as Initializer;
  layer.weight.value.data.set(W);
  if (b !== null && layer.bias !== null) layer.bias.value.data.set(b);
  return layer;
}

/** Rebuilds one layer from JSON, validating everything. @internal */
export function layerFromJSON(json: unknown, index: number, custom: Readonly<Record<string, LayerFactory>> = {}): Layer {
  const where = `layers[${index}]`;
  if (!isRecord(json)) fail(where, 'to be an object', json);
  const type = json.type;
  if (typeof type !== 'string') fail(`${where}.type`, 'to be a string', type);
  if (Object.prototype.hasOwnProperty.call(custom, type)) return custom[type](json as unknown as LayerJSON);
  if (type === 'Dense') return denseFromJSON(where, json);
  if (type === 'LeakyReLU' || type === 'ELU') {
    checkKeys(where, json, ['type', 'config']);
    const config = json.config ?? {};
    if (!isRecord(config)) fail(`${where}.config`, 'to be an object', config);
    checkKeys(`${where}.config`, config, ['alpha']);
    const alpha = config.alpha === undefined ? undefined : finiteNumber(`${where}.config.alpha`, config.alpha);
    return type === 'ELU' ? new ELU({ alpha }) : new LeakyReLU({ alpha });
  }
  if (Object.prototype.hasOwnProperty.call(ACTIVATIONS, type)) {
    checkKeys(where, json, ['type', 'config']);
    if (json.config !== undefined && (!isRecord(json.config) || Object.keys(json.config).length > 0)) {
      fail(`${where}.config`, 'to be absent or empty', json.config);
    }
    return ACTIVATIONS[type]();
  }
  const known = ['Dense', 'LeakyReLU', 'ELU', ...Object.keys(ACTIVATIONS), ...Object.keys(custom)];
  fail(`${where}.type`, `to be a known layer kind (${known.join(', ')})`, type);
}

/** Validates the envelope of a serialised model and returns its layer list. @internal */
export function checkEnvelope(json: unknown): unknown[] {
  if (typeof json === 'string') fail('a model object', '(JSON.parse the text first)', '#a string');
  if (!isRecord(json)) fail('a model object', '{ format, version, layers }', json);
  if (json.format !== MODEL_FORMAT) fail('format', JSON.stringify(MODEL_FORMAT), json.format);
  const version = json.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) fail('version', 'to be a positive integer', version);
  if (version > MODEL_VERSION) {
    throw new RangeError(`Sequential.fromJSON: expected format version <= ${MODEL_VERSION} (this build of bottomup), got ${version}: upgrade bottomup to read this model`);
  }
  checkKeys('the model', json, ['format', 'version', 'layers']);
  const layers = json.layers;
  if (!Array.isArray(layers) || layers.length === 0) fail('layers', 'to be a non-empty array', Array.isArray(layers) ? '#an empty array' : layers);
  return layers;
}
