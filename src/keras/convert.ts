/**
 * A Keras `Sequential` model's configuration and saved weights as bottomup's model JSON.
 *
 * @internal
 * @module
 */
import { type LayerJSON, MODEL_FORMAT, MODEL_VERSION, type SequentialJSON, ShapeError } from 'bottomup';
import { fail, quote } from './fail.js';
import type { Variable, WeightSource } from './weights.js';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keras activation names → bottomup layers (`null`: linear, no layer). */
const ACTIVATIONS: Record<string, LayerJSON | null> = {
  linear: null,
  relu: { type: 'ReLU' },
  sigmoid: { type: 'Sigmoid' },
  tanh: { type: 'Tanh' },
  softmax: { type: 'Softmax' },
  elu: { type: 'ELU' },
  selu: { type: 'SELU' },
  softplus: { type: 'Softplus' },
  swish: { type: 'SiLU' },
  silu: { type: 'SiLU' },
  // keras.activations.leaky_relu's default negative_slope
  leaky_relu: { type: 'LeakyReLU', config: { alpha: 0.2 } },
};

/** Layers that compute nothing at inference. */
const SKIPPED = ['InputLayer', 'Dropout', 'GaussianDropout', 'GaussianNoise', 'AlphaDropout', 'ActivityRegularization'];
const CONVERTED = ['Dense', 'Activation', 'ReLU', 'LeakyReLU', 'ELU', 'Softmax', 'Flatten', ...SKIPPED];

/** The configuration as an object: parsed when a string (`model.to_json()`). @internal */
export function parseConfig(config: unknown, where: string): Json {
  let parsed = config;
  if (typeof config === 'string') {
    try {
      parsed = JSON.parse(config);
    } catch (error) {
      fail(`expected ${where} to be JSON, got text that does not parse (${(error as Error).message})`);
    }
  }
  if (!isRecord(parsed)) fail(`expected ${where} to be a Keras model config object, got ${kind(parsed)}`);
  return parsed;
}

const kind = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? quote(v) : typeof v;

/**
 * Converts a Keras `Sequential` config (`{ class_name: 'Sequential', config: { layers } }`) with its
 * Dense layers' saved weights into bottomup's model JSON, every shape checked.
 * @internal
 */
export function toModelJSON(model: Json, weights: WeightSource): SequentialJSON {
  const cls = model.class_name;
  if (cls !== 'Sequential') {
    const got = typeof cls === 'string' ? `a ${cls} model` : 'no class_name';
    fail(`expected a Sequential model, got ${got} (only Keras Sequential models convert)`);
  }
  const body = model.config;
  // Keras 1 and early Keras 2 wrote the layer list as the config itself.
  const list = Array.isArray(body) ? body : isRecord(body) ? body.layers : undefined;
  if (!Array.isArray(list) || list.length === 0) fail('expected the Sequential config to list its layers, got none');

  const out: LayerJSON[] = [];
  let features: number | undefined; // the width of the current activations, once known
  let rank = 2; // of the input, with the batch axis: a Flatten brings it back to 2
  let dense = 0;
  const activation = (name: unknown, what: string): void => {
    const layer = toActivation(name, what);
    if (layer !== null) out.push(layer);
  };

  list.forEach((raw: unknown, i) => {
    if (!isRecord(raw) || typeof raw.class_name !== 'string')
      fail(`expected layer ${i} of the Sequential config to be { class_name, config }, got ${kind(raw)}`);
    const cls = raw.class_name;
    const config = isRecord(raw.config) ? raw.config : {};
    const what = `layer ${i} (${typeof config.name === 'string' ? quote(config.name) : 'unnamed'})`;
    const shape = config.batch_shape ?? config.batch_input_shape;
    if (Array.isArray(shape) && (cls === 'InputLayer' || out.length === 0)) {
      rank = shape.length;
      const dims = shape.slice(1);
      if (dims.every((d) => Number.isSafeInteger(d) && (d as number) > 0))
        features = (dims as number[]).reduce((a, b) => a * b, 1);
    }
    if (SKIPPED.includes(cls)) return;
    switch (cls) {
      case 'Dense': {
        if (rank > 2)
          fail(
            `${what} is a Dense layer on ${rank - 1}-D inputs: not supported (bottomup takes one feature vector per ` +
              'example; add a Flatten before it)',
          );
        const units = config.units;
        if (!Number.isSafeInteger(units) || (units as number) <= 0)
          fail(`expected ${what}'s units to be a positive integer, got ${kind(units)}`);
        const useBias = config.use_bias ?? true;
        if (typeof useBias !== 'boolean') fail(`expected ${what}'s use_bias to be a boolean, got ${kind(useBias)}`);
        out.push(denseLayer(weights.dense(dense++, what), units as number, useBias, features, what));
        features = units as number;
        activation(config.activation ?? 'linear', what);
        return;
      }
      case 'Activation':
        activation(config.activation, what);
        return;
      case 'ReLU': {
        const { max_value = null, threshold = 0, negative_slope = 0 } = config;
        if (max_value !== null || threshold !== 0)
          fail(`${what} is a ReLU with max_value or threshold: not supported (only max_value None, threshold 0)`);
        out.push(negative_slope === 0 ? { type: 'ReLU' } : leaky(negative_slope, what));
        return;
      }
      case 'LeakyReLU':
        // Keras 3 names the slope negative_slope, Keras 2 alpha; both default to 0.3.
        out.push(leaky(config.negative_slope ?? config.alpha ?? 0.3, what));
        return;
      case 'ELU': {
        const alpha = config.alpha ?? 1;
        if (typeof alpha !== 'number' || !Number.isFinite(alpha))
          fail(`expected ${what}'s alpha to be a finite number, got ${kind(alpha)}`);
        out.push({ type: 'ELU', config: { alpha } });
        return;
      }
      case 'Softmax': {
        const axis = config.axis ?? -1;
        if (axis !== -1 && !(Array.isArray(axis) && axis.length === 1 && axis[0] === -1) && axis !== rank - 1)
          fail(`${what} is a Softmax over axis ${JSON.stringify(axis)}: not supported (only the last axis, -1)`);
        out.push({ type: 'Softmax' });
        return;
      }
      case 'Flatten':
        // Keras flattens row-major (C order): the features go in in that order.
        rank = 2;
        return;
      default:
        fail(
          `expected ${what} to be a layer bottomup converts (${CONVERTED.join(', ')}), got ${quote(cls)}` +
            (cls === 'Sequential' ? ': a nested Sequential model' : ''),
        );
    }
  });

  if (weights.count !== undefined && weights.count !== dense)
    fail(`expected the weights of ${dense} Dense layers, got the weights of ${weights.count} layers in the file`);
  if (out.length === 0) out.push({ type: 'Identity' });
  return { format: MODEL_FORMAT, version: MODEL_VERSION, layers: out };
}

function leaky(alpha: unknown, what: string): LayerJSON {
  if (typeof alpha !== 'number' || !Number.isFinite(alpha))
    fail(`expected ${what}'s negative slope to be a finite number, got ${kind(alpha)}`);
  return { type: 'LeakyReLU', config: { alpha } };
}

function toActivation(value: unknown, what: string): LayerJSON | null {
  // Keras 3 may serialise a built-in activation as { module, class_name: 'function', config: name }.
  const name = isRecord(value) && typeof value.config === 'string' ? value.config : value;
  if (typeof name !== 'string') fail(`expected ${what}'s activation to be the name of one, got ${kind(name)}`);
  if (name === 'gelu')
    fail(
      `${what} uses activation "gelu", which Keras computes exactly (with erf): not supported (bottomup's GELU ` +
        "is the tanh approximation, Keras's gelu(x, approximate=True))",
    );
  if (!Object.hasOwn(ACTIVATIONS, name))
    fail(`expected ${what}'s activation to be one of ${Object.keys(ACTIVATIONS).join(', ')}, got ${quote(name)}`);
  return ACTIVATIONS[name];
}

const fmt = (shape: readonly number[]): string => `(${shape.join(', ')})`;

/**
 * A Dense layer's JSON from its saved kernel `(inputs, units)` and bias `(units)`: Keras puts one
 * row per example (`y = x·kernel + bias`), bottomup one column, so `W` is the kernel transposed.
 */
function denseLayer(
  vars: Variable[],
  units: number,
  useBias: boolean,
  features: number | undefined,
  what: string,
): LayerJSON {
  const expected = useBias ? 2 : 1;
  if (vars.length !== expected)
    fail(
      `expected ${what} to have ${expected} saved variables (kernel${useBias ? ', bias' : ''}), got ` +
        `${vars.length}${vars.length > expected ? ' (a quantized layer?)' : ''}`,
    );
  const [kernel, bias] = vars;
  const inputs = kernel.shape.length === 2 ? kernel.shape[0] : -1;
  if (inputs <= 0 || kernel.shape[1] !== units || (features !== undefined && inputs !== features)) {
    const want = `(${features ?? 'inputs'}, ${units})`;
    throw new ShapeError(
      `fromKeras: expected the kernel of ${what} at ${kernel.path} to have shape ${want}, got ${fmt(kernel.shape)}`,
    );
  }
  finite(kernel, 'kernel', what);
  const W = new Array<number>(inputs * units);
  for (let o = 0; o < units; o++) for (let i = 0; i < inputs; i++) W[o * inputs + i] = kernel.values[i * units + o];
  const weights: Record<string, number[]> = { W };
  if (useBias) {
    if (bias.shape.length !== 1 || bias.shape[0] !== units)
      throw new ShapeError(
        `fromKeras: expected the bias of ${what} at ${bias.path} to have shape (${units}), got ${fmt(bias.shape)}`,
      );
    finite(bias, 'bias', what);
    weights.b = Array.from(bias.values);
  }
  return { type: 'Dense', config: { inputSize: inputs, outputSize: units, useBias }, weights };
}

/** Refuses a NaN or infinite weight, naming where it is (`(row, col)` in the saved kernel). */
function finite(v: Variable, name: string, what: string): void {
  const k = v.values.findIndex((x) => !Number.isFinite(x));
  if (k < 0) return;
  const cols = v.shape.length === 2 ? v.shape[1] : 0;
  const at = cols > 0 ? `(${Math.floor(k / cols)}, ${k % cols})` : `(${k})`;
  fail(`expected the ${name} of ${what} at ${v.path} to hold finite numbers, got ${v.values[k]} at ${at}`);
}
