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
import { ALPHA, type ActivationType, FORWARD } from '../activations/kernels.js';
import { cut, fmtValue } from '../errors.js';
import type { LayerJSON } from '../layers/layer.js';
import { INITIALIZERS, type Initializer } from '../layers/init.js';
import { MAX_NESTING, MODEL_FORMAT, MODEL_VERSION } from './format.js';

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
  /** The saved penalties (each a finite number `>= 0`), or `null` without a regularizer. */
  readonly regularizer: { readonly l1: number; readonly l2: number } | null;
}

/** An activation layer, read and checked. @internal */
export interface ActivationSpec {
  readonly type: ActivationType;
  /** The saved `alpha` of a kind that takes one (`undefined`: the kind's default). */
  readonly alpha: number | undefined;
}

/** A `Dropout` layer, read and checked: the identity when predicting. @internal */
export interface DropoutSpec {
  readonly type: 'Dropout';
  /** The drop probability, in `[0, 1)`. */
  readonly rate: number;
  /** The saved seed, or `undefined`. */
  readonly seed: number | undefined;
}

/** A `BatchNorm` layer, read and checked. @internal */
export interface BatchNormSpec {
  readonly type: 'BatchNorm';
  /** The number of features (in and out). */
  readonly inputSize: number;
  readonly outputSize: number;
  readonly momentum: number;
  readonly epsilon: number;
  /** `gamma`, `beta`, `runningMean`, `runningVar`, in this order. */
  readonly values: readonly (readonly number[])[];
}

/** A nested model (`type: 'Sequential'`), read and checked with all its layers. @internal */
export interface SequentialSpec {
  readonly type: 'Sequential';
  readonly layers: readonly LayerSpec[];
}

/** A layer of a kind the caller supplies a factory for: passed through unchecked. @internal */
export interface CustomSpec {
  readonly type: string;
  readonly custom: LayerJSON;
}

/** One layer of a saved model. @internal */
export type LayerSpec = DenseSpec | SequentialSpec | DropoutSpec | BatchNormSpec | ActivationSpec | CustomSpec;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** How a message shows an empty slot of a sparse array (`#`: written as is). */
const HOLE = '#a hole (an empty slot of a sparse array)';

/**
 * Reads and checks a saved model: its envelope, then every layer, in order.
 * @param op - the function the user called, for messages (`loadModel`, `createPredictor`).
 * @param json - the parsed JSON.
 * @param custom - type names the caller has factories for (passed through as {@link CustomSpec}).
 * @param hint - what to append to the message for an unknown layer kind (how to load a kind of one's own).
 * @returns one spec per layer.
 * @throws TypeError for a malformed object, RangeError for a newer format version.
 * @internal
 */
export function readModel(
  op: string,
  json: unknown,
  custom: readonly string[] = [],
  hint?: (type: string) => string,
): LayerSpec[] {
  // The checks are closures over `op` rather than methods, so a minifier can shorten their names.
  /** Throws `<op>: expected <where> <what>, got <got>`; a string `got` starting with `#` is written as is. */
  function fail(where: string, what: string, got: unknown): never {
    const shown = typeof got === 'string' && got[0] === '#' ? got.slice(1) : fmtValue(got);
    throw new TypeError(`${op}: expected ${where} ${what}, got ${shown}`);
  }
  const record = (where: string, value: unknown): Record<string, unknown> =>
    isRecord(value) ? value : fail(where, 'to be an object', value);
  const keys = (where: string, obj: Record<string, unknown>, allowed: readonly string[]): void => {
    for (const key of Object.keys(obj))
      if (!allowed.includes(key))
        fail(where, `keys among ${allowed.join(', ')}`, `#unknown key ${JSON.stringify(cut(key))}`);
  };
  // Each element is read once, into a copy that is checked and then used: a getter or Proxy that
  // changes between reads cannot slip a value past the check.
  const numbers = (where: string, value: unknown, length: number): number[] => {
    if (!Array.isArray(value)) fail(where, `to be an array of ${length} numbers`, value);
    const n = value.length;
    if (n !== length) fail(where, `to have length ${length}`, `#length ${n}`);
    const copy = new Array<number>(length);
    for (let i = 0; i < length; i++) {
      const v: unknown = value[i];
      if (!finite(v)) fail(`${where}[${i}]`, 'to be a finite number', i in value ? v : HOLE);
      copy[i] = v;
    }
    return copy;
  };
  /** `json.config`, an object with keys among `allowed` (and `json` with keys `type` and `config`). */
  const config = (
    where: string,
    json: Record<string, unknown>,
    allowed: readonly string[],
  ): Record<string, unknown> => {
    keys(where, json, ['type', 'config']);
    const at = `${where}.config`;
    const config = record(at, json.config);
    keys(at, config, allowed);
    return config;
  };
  /** `value` when it is a number for which `ok` holds, else fails with `to be <what>`. */
  const number = (where: string, value: unknown, what: string, ok: (v: number) => boolean): number =>
    typeof value === 'number' && ok(value) ? value : fail(where, `to be ${what}`, value);
  const positive = (where: string, value: unknown): number =>
    typeof value === 'number' && Number.isSafeInteger(value) && value > 0
      ? value
      : fail(where, 'to be a positive integer', value);

  const dense = (where: string, json: Record<string, unknown>): DenseSpec => {
    keys(where, json, ['type', 'config', 'weights']);
    const at = `${where}.config`;
    const config = record(at, json.config);
    keys(at, config, ['inputSize', 'outputSize', 'useBias', 'init', 'regularizer']);
    const inputSize = positive(`${at}.inputSize`, config.inputSize);
    const outputSize = positive(`${at}.outputSize`, config.outputSize);
    const useBias = config.useBias ?? true;
    if (typeof useBias !== 'boolean') fail(`${at}.useBias`, 'to be a boolean', useBias);
    const init = config.init ?? 'xavier';
    if (!INITIALIZERS.includes(init as Initializer))
      fail(`${at}.init`, `to be one of ${INITIALIZERS.join(', ')}`, init);
    const weights = json.weights;
    const w = `${where}.weights`;
    if (!isRecord(weights)) fail(w, `to be an object with W${useBias ? ' and b' : ''}`, weights);
    keys(w, weights, useBias ? ['W', 'b'] : ['W']);
    const W = numbers(`${w}.W`, weights.W, inputSize * outputSize);
    const b = useBias ? numbers(`${w}.b`, weights.b, outputSize) : null;
    const r = config.regularizer;
    const rw = `${at}.regularizer`;
    const lambda = (key: 'l1' | 'l2', v = (r as Record<string, unknown>)[key]): number =>
      v === undefined ? 0 : number(`${rw}.${key}`, v, 'a finite number >= 0', (v) => v >= 0 && v < 1 / 0);
    if (r !== undefined) keys(rw, record(rw, r), ['l1', 'l2']);
    const regularizer = r === undefined ? null : { l1: lambda('l1'), l2: lambda('l2') };
    return { type: 'Dense', inputSize, outputSize, useBias, init: init as Initializer, W, b, regularizer };
  };

  const activation = (where: string, type: ActivationType, json: Record<string, unknown>): ActivationSpec => {
    keys(where, json, ['type', 'config']);
    const at = `${where}.config`;
    const config = json.config ?? {};
    if (!isRecord(config)) fail(at, 'to be an object', config);
    if (ALPHA[type] === undefined) {
      if (Object.keys(config).length > 0) fail(at, 'to be absent or empty', json.config);
      return { type, alpha: undefined };
    }
    keys(at, config, ['alpha']);
    const alpha = config.alpha;
    if (alpha !== undefined && !finite(alpha)) fail(`${at}.alpha`, 'to be a finite number', alpha);
    return { type, alpha };
  };

  /**
   * The kinds other than the activations (which are the keys of `FORWARD`), by `type`: the one place a
   * layer kind is added to the reader, and to the kinds an unknown `type` is told about.
   */
  const kinds: Record<string, (where: string, json: Record<string, unknown>, depth: number) => LayerSpec> = {
    Dense: dense,
    Dropout: (where, json) => {
      const at = `${where}.config`;
      const { rate, seed } = config(where, json, ['rate', 'seed']);
      // v >>> 0 is v exactly for the integers in [0, 2^32) and for nothing else
      return {
        type: 'Dropout',
        rate: number(`${at}.rate`, rate, 'a number in [0, 1)', (v) => v >= 0 && v < 1),
        seed:
          seed === undefined ? seed : number(`${at}.seed`, seed, 'an integer in [0, 2^32 − 1]', (v) => v >>> 0 === v),
      };
    },
    BatchNorm: (where, json) => {
      keys(where, json, ['type', 'config', 'weights', 'state']);
      const at = `${where}.config`;
      const c = record(at, json.config);
      keys(at, c, ['size', 'momentum', 'epsilon']);
      const size = positive(`${at}.size`, c.size);
      const part = (name: string, names: [string, string]): number[][] => {
        const w = `${where}.${name}`;
        const r = record(w, json[name]);
        keys(w, r, names);
        return names.map((key) => numbers(`${w}.${key}`, r[key], size));
      };
      return {
        type: 'BatchNorm',
        inputSize: size,
        outputSize: size,
        momentum: number(`${at}.momentum`, c.momentum, 'a number in [0, 1]', (v) => v >= 0 && v <= 1),
        epsilon: number(`${at}.epsilon`, c.epsilon, 'a finite number > 0', (v) => v > 0 && v < 1 / 0),
        values: [...part('weights', ['gamma', 'beta']), ...part('state', ['runningMean', 'runningVar'])],
      };
    },
    Sequential: (where, json, depth) => {
      keys(where, json, ['type', 'layers']);
      return { type: 'Sequential', layers: list(`${where}.layers`, json.layers, depth + 1) };
    },
  };
  /** A list of layers at nesting level `depth` (the model's own layers are level 1). */
  const list = (where: string, layers: unknown, depth: number): LayerSpec[] => {
    if (depth > MAX_NESTING) fail(where, `to nest layers at most ${MAX_NESTING} levels deep`, `#level ${depth}`);
    const count = Array.isArray(layers) ? layers.length : 0;
    if (count === 0) fail(where, 'to be a non-empty array', Array.isArray(layers) ? '#an empty array' : layers);
    // Array.from, not map: map skips the holes of a sparse array
    return Array.from({ length: count }, (_, i): LayerSpec => {
      const at = `${where}[${i}]`;
      const layer: unknown = (layers as unknown[])[i];
      const json = record(at, i in (layers as unknown[]) ? layer : HOLE);
      const type = json.type;
      if (typeof type !== 'string') fail(`${at}.type`, 'to be a string', type);
      if (custom.includes(type)) return { type, custom: json as unknown as LayerJSON };
      if (Object.hasOwn(kinds, type)) return kinds[type](at, json, depth);
      if (Object.hasOwn(FORWARD, type)) return activation(at, type as ActivationType, json);
      const known = [...Object.keys(kinds), ...Object.keys(FORWARD), ...custom];
      return fail(
        `${at}.type`,
        `to be a known layer kind (${known.join(', ')})`,
        `#${fmtValue(type)}${hint === undefined ? '' : hint(type)}`,
      );
    });
  };

  if (typeof json === 'string') fail('a model object', '(JSON.parse the text first)', '#a string');
  if (!isRecord(json)) fail('a model object', '{ format, version, layers }', json);
  if (json.format !== MODEL_FORMAT) fail('format', JSON.stringify(MODEL_FORMAT), json.format);
  const version = positive('version', json.version);
  if (version > MODEL_VERSION) {
    throw new RangeError(
      `${op}: expected format version <= ${MODEL_VERSION} (this build of bottomup), got ${version}: upgrade ` +
        `bottomup to read this model`,
    );
  }
  keys('the model', json, ['format', 'version', 'layers']);
  return list('layers', json.layers, 1);
}
