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
  readonly W: Float64Array;
  /** `b`, or `null` without bias. */
  readonly b: Float64Array | null;
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
  readonly values: readonly Float64Array[];
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

/** A check of a number: what the message says it should be, and the test. */
type Check = readonly [what: string, ok: (v: number) => boolean];
const POSITIVE: Check = ['a positive integer', (v) => Number.isSafeInteger(v) && v > 0];
const NON_NEGATIVE: Check = ['a finite number >= 0', (v) => v >= 0 && v < 1 / 0];

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
  /** `value` when it is an object (else fails with `what`) with keys among `allowed` (when given). */
  const record = (
    where: string,
    value: unknown,
    allowed?: readonly string[],
    what = 'to be an object',
  ): Record<string, unknown> => {
    if (!isRecord(value)) fail(where, what, value);
    for (const key of allowed ? Object.keys(value) : [])
      if (!allowed?.includes(key))
        fail(where, `keys among ${allowed?.join(', ')}`, `#unknown key ${JSON.stringify(cut(key))}`);
    return value;
  };
  // Each element is read once, into a copy that is checked and then used: a getter or Proxy that
  // changes between reads cannot slip a value past the check.
  const numbers = (where: string, value: unknown, length: number): Float64Array => {
    if (!Array.isArray(value)) fail(where, `to be an array of ${length} numbers`, value);
    const n = value.length;
    if (n !== length) fail(where, `to have length ${length}`, `#length ${n}`);
    const copy = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      const v: unknown = value[i];
      if (!Number.isFinite(v)) fail(`${where}[${i}]`, 'to be a finite number', i in value ? v : HOLE);
      copy[i] = v as number;
    }
    return copy;
  };
  /** `value` when it is a number for which `check[1]` holds, else fails with `to be <check[0]>`. */
  const number = (where: string, value: unknown, [what, ok]: Check): number =>
    typeof value === 'number' && ok(value) ? value : fail(where, `to be ${what}`, value);
  /**
   * The reader of an object's fields at `where`: `get(key)` is the value of `key`; with a `check`,
   * the value checked by {@link number} (`undefined` passes when `optional`).
   */
  const reader =
    (where: string, obj: Record<string, unknown>) =>
    (key: string, check?: Check, optional?: boolean): number => {
      const v = obj[key];
      return check === undefined || (optional && v === undefined) ? (v as number) : number(`${where}.${key}`, v, check);
    };
  /**
   * The reader of `json.config` (at `<where>.config`), an object with keys among `allowed`, after
   * checking that `json` has keys among `type`, `config` and `more`.
   */
  const config = (where: string, json: Record<string, unknown>, allowed: readonly string[], more: string[] = []) =>
    reader(
      `${where}.config`,
      record(`${where}.config`, record(where, json, ['type', 'config', ...more]).config, allowed),
    );
  /** `json[name]`, an object with the arrays `sizes` names, of those lengths, in that order. */
  const arrays = (
    where: string,
    json: Record<string, unknown>,
    name: string,
    sizes: Record<string, number>,
    what?: string,
  ): Float64Array[] => {
    const at = `${where}.${name}`;
    const names = Object.keys(sizes);
    const obj = record(at, json[name], names, what);
    return names.map((key) => numbers(`${at}.${key}`, obj[key], sizes[key]));
  };

  const dense = (where: string, json: Record<string, unknown>): DenseSpec => {
    const at = `${where}.config`;
    const get = config(where, json, ['inputSize', 'outputSize', 'useBias', 'init', 'regularizer'], ['weights']);
    const inputSize = get('inputSize', POSITIVE);
    const outputSize = get('outputSize', POSITIVE);
    const useBias: unknown = get('useBias') ?? true;
    if (typeof useBias !== 'boolean') fail(`${at}.useBias`, 'to be a boolean', useBias);
    const init: unknown = get('init') ?? 'xavier';
    if (!INITIALIZERS.includes(init as Initializer))
      fail(`${at}.init`, `to be one of ${INITIALIZERS.join(', ')}`, init);
    const [W, b = null] = arrays(
      where,
      json,
      'weights',
      useBias ? { W: inputSize * outputSize, b: outputSize } : { W: inputSize * outputSize },
      `to be an object with W${useBias ? ' and b' : ''}`,
    );
    const r: unknown = get('regularizer');
    const rw = `${at}.regularizer`;
    let regularizer = null;
    if (r !== undefined) {
      const lambda = reader(rw, record(rw, r, ['l1', 'l2']));
      regularizer = { l1: lambda('l1', NON_NEGATIVE, true) ?? 0, l2: lambda('l2', NON_NEGATIVE, true) ?? 0 };
    }
    return { type: 'Dense', inputSize, outputSize, useBias, init: init as Initializer, W, b, regularizer };
  };

  const activation = (where: string, type: ActivationType, json: Record<string, unknown>): ActivationSpec => {
    record(where, json, ['type', 'config']);
    const at = `${where}.config`;
    const config = record(at, json.config ?? {});
    if (ALPHA[type] === undefined) {
      if (Object.keys(config).length > 0) fail(at, 'to be absent or empty', json.config);
      return { type, alpha: undefined };
    }
    record(at, config, ['alpha']);
    return { type, alpha: reader(at, config)('alpha', ['a finite number', Number.isFinite], true) };
  };

  /**
   * The kinds other than the activations (which are the keys of `FORWARD`), by `type`: the one place a
   * layer kind is added to the reader, and to the kinds an unknown `type` is told about.
   */
  const kinds: Record<string, (where: string, json: Record<string, unknown>, depth: number) => LayerSpec> = {
    Dense: dense,
    Dropout: (where, json) => {
      const get = config(where, json, ['rate', 'seed']);
      // v >>> 0 is v exactly for the integers in [0, 2^32) and for nothing else
      return {
        type: 'Dropout',
        rate: get('rate', ['a number in [0, 1)', (v) => v >= 0 && v < 1]),
        seed: get('seed', ['an integer in [0, 2^32 − 1]', (v) => v >>> 0 === v], true),
      };
    },
    BatchNorm: (where, json) => {
      const get = config(where, json, ['size', 'momentum', 'epsilon'], ['weights', 'state']);
      const size = get('size', POSITIVE);
      return {
        type: 'BatchNorm',
        inputSize: size,
        outputSize: size,
        momentum: get('momentum', ['a number in [0, 1]', (v) => v >= 0 && v <= 1]),
        epsilon: get('epsilon', ['a finite number > 0', (v) => v > 0 && v < 1 / 0]),
        values: [
          ...arrays(where, json, 'weights', { gamma: size, beta: size }),
          ...arrays(where, json, 'state', { runningMean: size, runningVar: size }),
        ],
      };
    },
    Sequential: (where, json, depth) => ({
      type: 'Sequential',
      layers: list(`${where}.layers`, record(where, json, ['type', 'layers']).layers, depth + 1),
    }),
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
  const version = number('version', json.version, POSITIVE);
  if (version > MODEL_VERSION) {
    throw new RangeError(
      `${op}: expected format version <= ${MODEL_VERSION} (this build of bottomup), got ${version}: upgrade ` +
        `bottomup to read this model`,
    );
  }
  return list('layers', record('the model', json, ['format', 'version', 'layers']).layers, 1);
}
