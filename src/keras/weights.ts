/**
 * Where the weights of a Keras model's Dense layers are in an HDF5 file, in the two layouts Keras
 * writes: Keras 3's (`model.weights.h5` inside a `.keras` file, and `.weights.h5`), and the legacy
 * Keras 2 `.h5` (whole models and `save_weights` files).
 *
 * @internal
 * @module
 */
import { fail } from './fail.js';
import type { H5File } from './hdf5.js';

/** One saved variable: its path in the file, its shape and its values. @internal */
export interface Variable {
  readonly path: string;
  readonly shape: readonly number[];
  readonly values: Float64Array;
}

/**
 * The variables of the Dense layers, in the order Keras saves them (kernel, then bias).
 * @internal
 */
export interface WeightSource {
  /**
   * The variables of the model's `index`-th Dense layer (0-based, counting Dense layers only).
   * @param index - which Dense layer.
   * @param what - the layer, as messages name it (`layer 2 ("dense_1")`).
   */
  dense(index: number, what: string): Variable[];
  /** How many Dense layers the file holds weights for, when the layout says (the legacy one does). */
  readonly count: number | undefined;
}

/**
 * Keras 3's layout: each layer's variables in `layers/<snake_case class name>[_<n>]/vars/<i>`, the
 * n-th layer of a class numbered `_n` from the second on — not the layer's own name. Keras 2.13–2.15
 * wrote the same under `_layer_checkpoint_dependencies/`.
 * @internal
 */
export function keras3Weights(file: H5File): WeightSource {
  const root = ['layers', '_layer_checkpoint_dependencies'].find((r) => file.isGroup(r)) ?? 'layers';
  return {
    count: undefined,
    dense(index, what) {
      const group = `/${root}/dense${index === 0 ? '' : `_${index}`}/vars`;
      if (!file.isGroup(group)) fail(`expected the weights of ${what} at ${group}, got none`);
      const names = file.children(group).sort((a, b) => Number(a) - Number(b));
      return names.map((name) => variable(file, `${group}/${name}`));
    },
  };
}

/**
 * The legacy layout (`model.save('model.h5')` under `/model_weights`, `save_weights('w.h5')` at the
 * root): the group's `layer_names` attribute lists the layers in order, each layer's group lists its
 * variables in `weight_names` (`dense/kernel:0`), and the datasets are at those paths inside it.
 * Like Keras, the layers with weights are matched to the saved ones with weights by order.
 * @internal
 */
export function legacyWeights(file: H5File, group: string): WeightSource {
  const withWeights = strings(file, group, 'layer_names')
    .map((layer) => ({ layer, names: strings(file, `${group}/${layer}`, 'weight_names') }))
    .filter(({ names }) => names.length > 0);
  return {
    count: withWeights.length,
    dense(index, what) {
      const saved = withWeights[index];
      if (saved === undefined)
        fail(`expected the weights of ${what}, got none (the file has ${withWeights.length} layers with weights)`);
      return saved.names.map((name) => variable(file, `${group}/${saved.layer}/${name}`.replace(/\/+/g, '/')));
    },
  };
}

/**
 * A list-of-strings attribute, which Keras splits into `name0`, `name1`, … when it would not fit in
 * an object header (64 KiB). An empty list is saved as an empty array of numbers.
 */
function strings(file: H5File, path: string, name: string): string[] {
  const read = (n: string): string[] | undefined => {
    const value = file.attribute(path, n);
    if (value === undefined) return undefined;
    if (value.kind === 'strings') return [...value.values];
    if (value.values.length > 0) fail(`expected HDF5 attribute ${n} of ${show(path)} to hold strings, got numbers`);
    return [];
  };
  const whole = read(name);
  if (whole !== undefined) return whole;
  const out: string[] = [];
  for (let k = 0, part = read(`${name}0`); part !== undefined; part = read(`${name}${++k}`)) out.push(...part);
  if (out.length === 0 && read(`${name}0`) === undefined)
    fail(`expected HDF5 attribute ${name} on ${show(path || '/')} (where Keras lists the saved layers), got none`);
  return out;
}

function variable(file: H5File, path: string): Variable {
  const { shape, values } = file.dataset(path);
  return { path, shape, values };
}

const show = (text: string): string => JSON.stringify(text);
