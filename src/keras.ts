/**
 * `bottomup/keras`: Keras `Sequential` models of Dense layers as bottomup models.
 *
 * @remarks
 * Reads Keras 3 `.keras` files (`model.save('model.keras')`: a zip of `config.json`, `metadata.json`
 * and `model.weights.h5`), legacy `.h5` models (`model.save('model.h5')`), and weights-only `.h5`
 * files (`save_weights`) together with the model's config. It has its own small zip and HDF5 readers
 * (no dependency): HDF5 as h5py writes it by default — superblock 0, version 1 object headers,
 * old-style groups, uncompressed contiguous datasets — and anything else is refused by name.
 *
 * Keras puts one row per example, bottomup one column: a Dense kernel saved `(inputs, units)` becomes
 * `W` `(units, inputs)`, its transpose, so `model.predict(X)` takes `X` `(n_x, m)`, the transpose of
 * the array Keras's `model.predict` takes, and returns the transpose of its result. The float32
 * weights are read exactly and the model computes in float64, so predictions agree with Keras's to
 * float32 rounding, not bit for bit.
 *
 * @packageDocumentation
 */
import { loadModel, type Sequential } from 'bottomup';
import { parseConfig, toModelJSON } from './keras/convert.js';
import { fail } from './keras/fail.js';
import { findSuperblock, H5File } from './keras/hdf5.js';
import { keras3Weights, legacyWeights, type WeightSource } from './keras/weights.js';
import { isZip, readZip, unzipEntry } from './keras/zip.js';

/** Options of {@link fromKeras}. */
export interface FromKerasOptions {
  /**
   * The model's Keras config, for a weights-only `.h5` file (which has none): the JSON text of
   * `model.to_json()`, or the parsed object. With a legacy `.h5` model it replaces the saved one; a
   * `.keras` file takes none.
   */
  config?: string | Record<string, unknown>;
}

/**
 * Converts a saved Keras `Sequential` model to a bottomup {@link Sequential}.
 *
 * @remarks
 * Layers: `Dense` (with its `activation`), `Activation`, `ReLU`, `LeakyReLU`, `ELU` and `Softmax`;
 * `InputLayer`, `Dropout` and the other inference no-ops are skipped, and so is `Flatten` (give the
 * features flattened row-major, as Keras does). Activations: `linear` (no layer), `relu`, `sigmoid`,
 * `tanh`, `softmax`, `elu`, `selu`, `softplus`, `swish`/`silu` (→ `SiLU`) and `leaky_relu`. Keras's
 * `gelu` is the exact (erf) GELU, and bottomup's is the tanh approximation, so it is refused.
 * Weights are matched as Keras matches them: by the layer's place in a `.keras` file
 * (`layers/dense_1/vars/0`), by order among the layers with weights in a legacy `.h5`.
 *
 * **Shape:** a Dense kernel `(inputs, units)` becomes `W` `(units, inputs)`; the bias `(units)` becomes
 * `b` `(units, 1)`.
 *
 * @param bytes - the file's contents (`readFileSync('model.keras')`, or `await file.arrayBuffer()`).
 * @param options - `config`: the model's config, for a weights-only `.h5`.
 * @returns a promise of the model (async because zip entries are inflated with `DecompressionStream`).
 * @throws TypeError (as a rejected promise) for a file that is neither, a model or layer kind or HDF5
 *   feature that is not supported (each named), or missing weights.
 * @throws `ShapeError` (of `bottomup`) when a saved weight's shape does not fit its layer.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { Matrix } from 'bottomup';
 * import { fromKeras } from 'bottomup/keras';
 * const model = await fromKeras(readFileSync('test/fixtures/keras/mlp.keras'));
 * model.toJSON().layers.map((layer) => layer.type); //=> ['Dense', 'Tanh', 'Dense', 'Sigmoid']
 * model.predict(Matrix.from([[0.5], [-1]])).toArray(); //=> [[0.7415921491298787]]
 * ```
 */
export async function fromKeras(bytes: Uint8Array | ArrayBuffer, options: FromKerasOptions = {}): Promise<Sequential> {
  const data =
    bytes instanceof Uint8Array
      ? bytes
      : bytes instanceof ArrayBuffer
        ? new Uint8Array(bytes)
        : fail(`expected the file's bytes (a Uint8Array or an ArrayBuffer), got ${describe(bytes)}`);
  if (options === null || typeof options !== 'object')
    fail(`expected options to be an object, got ${describe(options)}`);
  for (const key of Object.keys(options))
    if (key !== 'config') fail(`expected options keys among config, got unknown key ${JSON.stringify(key)}`);
  return loadModel(isZip(data) ? await fromArchive(data, options) : fromH5(data, options));
}

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

/** A Keras 3 `.keras` file. */
async function fromArchive(data: Uint8Array, options: FromKerasOptions) {
  if (options.config !== undefined)
    fail('a .keras file has its own config.json: pass options.config only with a weights-only .h5 file');
  const entries = readZip(data);
  const entry = (name: string) => {
    const found = entries.get(name);
    if (found !== undefined) return found;
    const listed = [...entries.keys()].map((n) => JSON.stringify(n)).join(', ') || 'none';
    if (name === 'model.weights.h5' && entries.has('model.weights.npz'))
      fail('the .keras file saved its weights as model.weights.npz: not supported (only model.weights.h5)');
    return fail(`expected ${name} in the .keras file, got entries ${listed}`);
  };
  const config = parseConfig(new TextDecoder().decode(await unzipEntry(data, entry('config.json'))), 'config.json');
  const weights = new H5File(await unzipEntry(data, entry('model.weights.h5')));
  return toModelJSON(config, keras3Weights(weights));
}

/** A legacy `.h5` model, or a weights-only `.h5` with `options.config`. */
function fromH5(data: Uint8Array, options: FromKerasOptions) {
  if (findSuperblock(data) < 0)
    fail(`expected a Keras .keras file (a zip) or .h5 file (HDF5), got bytes that are neither (${head(data)})`);
  const file = new H5File(data);
  const saved = file.attribute('/', 'model_config');
  let config: Record<string, unknown>;
  if (options.config !== undefined) config = parseConfig(options.config, 'options.config');
  else if (saved?.kind === 'strings' && saved.values.length === 1)
    config = parseConfig(saved.values[0], 'model_config');
  else
    return fail(
      "the .h5 file holds weights only (no model_config attribute): pass the model's config too, " +
        'fromKeras(bytes, { config: model.to_json() })',
    );
  let weights: WeightSource;
  if (file.isGroup('/model_weights')) weights = legacyWeights(file, '/model_weights');
  else if (file.attribute('/', 'layer_names') ?? file.attribute('/', 'layer_names0')) weights = legacyWeights(file, '');
  else if (file.isGroup('/layers') || file.isGroup('/_layer_checkpoint_dependencies')) weights = keras3Weights(file);
  else fail('expected Keras weights in the .h5 file (a model_weights or layers group, or layer_names), got none');
  return toModelJSON(config, weights);
}

const head = (data: Uint8Array): string =>
  data.length === 0
    ? 'an empty file'
    : `starting ${Array.from(data.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ')}`;
