/**
 * The validating reader of the model format, shared by `loadModel` and `bottomup/predict`: it checks
 * everything — the envelope, each layer's kind, configuration, weight lengths, that every weight is
 * a finite number — names the first problem, and returns plain layer specs. It knows the layer
 * kinds from the activation table (`../activations/kernels.ts`) and `Dense`, never their classes,
 * so an inference runtime can use it without the training code.
 *
 * @internal
 * @module
 */
import { ACTIVATIONS, type ActivationType } from '../activations/kernels.js';
import { fmtValue } from '../errors.js';
import type { LayerJSON } from '../layers/layer.js';
import { INITIALIZERS, type Initializer } from '../layers/init.js';
import { MODEL_FORMAT, MODEL_VERSION } from './format.js';

/** A `Dense` layer, read and checked. @internal */
export interface DenseSpec {
  readonly type: 'Dense';
  readonly inputSize: number;
  readonly outputSize: number;
  readonly useBias: boolean;
  readonly init: Initializer;
  /** `W`, row-major `(outputSize, inputSize)`. */
  readonly W: readonly number[];
  /** `b`, or `null` without bias. */
  readonly b: readonly number[] | null;
}

/** An activation layer, read and checked. @internal */
export interface ActivationSpec {
  readonly type: ActivationType;
  /** The saved `alpha` of a kind that takes one (`undefined`: the kind's default). */
  readonly alpha: number | undefined;
}

/** A layer of a kind the caller supplies a factory for: passed through unchecked. @internal */
export interface CustomSpec {
  readonly type: string;
  readonly custom: LayerJSON;
}

/** One layer of a saved model. @internal */
export type LayerSpec = DenseSpec | ActivationSpec | CustomSpec;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: object, key: string): boolean => Object.hasOwn(o, key);

/** The reader of one call: `op` names the function the user called. */
class Reader {
  constructor(private readonly op: string) {}

  fail(where: string, what: string, got: unknown): never {
    throw new TypeError(
      `${this.op}: expected ${where} ${what}, got ` +
        `${typeof got === 'string' && got.startsWith('#') ? got.slice(1) : fmtValue(got)}`,
    );
  }

  record(where: string, value: unknown): Record<string, unknown> {
    if (!isRecord(value)) this.fail(where, 'to be an object', value);
    return value;
  }

  keys(where: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
    for (const key of Object.keys(obj))
      if (!allowed.includes(key))
        this.fail(where, `keys among ${allowed.join(', ')}`, `#unknown key ${JSON.stringify(key)}`);
  }

  numbers(where: string, value: unknown, length: number): number[] {
    if (!Array.isArray(value)) this.fail(where, `to be an array of ${length} numbers`, value);
    if (value.length !== length) this.fail(where, `to have length ${length}`, `#length ${value.length}`);
    for (let i = 0; i < length; i++) {
      const v: unknown = value[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(`${where}[${i}]`, 'to be a finite number', v);
    }
    return value as number[];
  }

  size(where: string, value: unknown): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
      this.fail(where, 'to be a positive integer', value);
    return value;
  }

  dense(where: string, json: Record<string, unknown>): DenseSpec {
    this.keys(where, json, ['type', 'config', 'weights']);
    const config = this.record(`${where}.config`, json.config);
    this.keys(`${where}.config`, config, ['inputSize', 'outputSize', 'useBias', 'init']);
    const inputSize = this.size(`${where}.config.inputSize`, config.inputSize);
    const outputSize = this.size(`${where}.config.outputSize`, config.outputSize);
    const useBias = config.useBias ?? true;
    if (typeof useBias !== 'boolean') this.fail(`${where}.config.useBias`, 'to be a boolean', useBias);
    const init = config.init ?? 'xavier';
    if (typeof init !== 'string' || !INITIALIZERS.includes(init as Initializer)) {
      this.fail(`${where}.config.init`, `to be one of ${INITIALIZERS.join(', ')}`, init);
    }
    const weights = json.weights;
    if (!isRecord(weights)) this.fail(`${where}.weights`, `to be an object with W${useBias ? ' and b' : ''}`, weights);
    this.keys(`${where}.weights`, weights, useBias ? ['W', 'b'] : ['W']);
    const W = this.numbers(`${where}.weights.W`, weights.W, inputSize * outputSize);
    const b = useBias ? this.numbers(`${where}.weights.b`, weights.b, outputSize) : null;
    return { type: 'Dense', inputSize, outputSize, useBias, init: init as Initializer, W, b };
  }

  activation(where: string, type: ActivationType, json: Record<string, unknown>): ActivationSpec {
    this.keys(where, json, ['type', 'config']);
    const config = json.config ?? {};
    if (!isRecord(config)) this.fail(`${where}.config`, 'to be an object', config);
    if (ACTIVATIONS[type].alpha === undefined) {
      if (Object.keys(config).length > 0) this.fail(`${where}.config`, 'to be absent or empty', json.config);
      return { type, alpha: undefined };
    }
    this.keys(`${where}.config`, config, ['alpha']);
    const alpha = config.alpha;
    if (alpha !== undefined && (typeof alpha !== 'number' || !Number.isFinite(alpha))) {
      this.fail(`${where}.config.alpha`, 'to be a finite number', alpha);
    }
    return { type, alpha };
  }
}

/**
 * Reads and checks a saved model: its envelope, then every layer, in order.
 * @param op - the function the user called, for messages (`loadModel`, `createPredictor`).
 * @param json - the parsed JSON.
 * @param custom - type names the caller has factories for (passed through as {@link CustomSpec}).
 * @returns one spec per layer.
 * @throws TypeError for a malformed object, RangeError for a newer format version.
 * @internal
 */
export function readModel(op: string, json: unknown, custom: readonly string[] = []): LayerSpec[] {
  const r: Reader = new Reader(op);
  if (typeof json === 'string') r.fail('a model object', '(JSON.parse the text first)', '#a string');
  if (!isRecord(json)) r.fail('a model object', '{ format, version, layers }', json);
  if (json.format !== MODEL_FORMAT) r.fail('format', JSON.stringify(MODEL_FORMAT), json.format);
  const version = json.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1)
    r.fail('version', 'to be a positive integer', version);
  if (version > MODEL_VERSION) {
    throw new RangeError(
      `${op}: expected format version <= ${MODEL_VERSION} (this build of bottomup), got ${version}: upgrade ` +
        `bottomup to read this model`,
    );
  }
  r.keys('the model', json, ['format', 'version', 'layers']);
  const layers = json.layers;
  if (!Array.isArray(layers) || layers.length === 0)
    r.fail('layers', 'to be a non-empty array', Array.isArray(layers) ? '#an empty array' : layers);
  return layers.map((layer: unknown, i: number): LayerSpec => {
    const where = `layers[${i}]`;
    const json = r.record(where, layer);
    const type = json.type;
    if (typeof type !== 'string') r.fail(`${where}.type`, 'to be a string', type);
    if (custom.includes(type)) return { type, custom: json as unknown as LayerJSON };
    if (type === 'Dense') return r.dense(where, json);
    if (has(ACTIVATIONS, type)) return r.activation(where, type as ActivationType, json);
    const known = ['Dense', ...Object.keys(ACTIVATIONS), ...custom];
    return r.fail(`${where}.type`, `to be a known layer kind (${known.join(', ')})`, type);
  });
}
