/**
 * Keras files for the tests, built the way Keras builds them: a zip writer (stored and deflated
 * entries, node:zlib's deflate and CRC-32, independent of the reader's) and the two weight layouts
 * on top of the HDF5 writer, from a small description of a Sequential model with seeded float32
 * weights.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { Random } from '../../src/index.js';
import { type H5Attr, type H5Group, type H5Node, type H5WriteOptions, dataset, group, writeH5 } from './h5-writer.js';

export interface ZipFile {
  readonly name: string;
  readonly data: Uint8Array;
  readonly deflate?: boolean;
}

export function writeZip(files: readonly ZipFile[], options: { zip64?: boolean } = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const f of files) {
    const name = new TextEncoder().encode(f.name);
    const body = f.deflate ? new Uint8Array(deflateRawSync(f.data)) : f.data;
    const crc = crc32(f.data);
    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true);
    l.setUint16(8, f.deflate ? 8 : 0, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, body.length, true);
    l.setUint32(22, f.data.length, true);
    l.setUint16(26, name.length, true);
    local.set(name, 30);
    const entry = new Uint8Array(46 + name.length);
    const c = new DataView(entry.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(10, f.deflate ? 8 : 0, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, body.length, true);
    c.setUint32(24, f.data.length, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true);
    entry.set(name, 46);
    chunks.push(local, body);
    central.push(entry);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((a, b) => a + b.length, 0);
  const tail: Uint8Array[] = [];
  if (options.zip64) {
    const locator = new Uint8Array(20);
    new DataView(locator.buffer).setUint32(0, 0x07064b50, true);
    tail.push(locator);
  }
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, files.length, true);
  e.setUint16(10, files.length, true);
  e.setUint32(12, cdSize, true);
  e.setUint32(16, options.zip64 ? 0xffffffff : offset, true);
  tail.push(end);
  const all = [...chunks, ...central, ...tail];
  const out = new Uint8Array(all.reduce((a, b) => a + b.length, 0));
  let p = 0;
  for (const a of all) {
    out.set(a, p);
    p += a.length;
  }
  return out;
}

/** One layer of a test model, in Keras's terms. */
export type KerasLayer =
  | { readonly dense: number; readonly activation?: string; readonly useBias?: boolean }
  | { readonly keras: string; readonly config?: Record<string, unknown> };

export interface KerasModel {
  readonly inputs: number;
  readonly layers: readonly KerasLayer[];
  readonly seed?: number;
}

/** The Dense layers' float32 weights, kernel `(in, units)` row-major and bias, drawn from the seed. */
export function denseWeights(
  model: KerasModel,
): { kernel: number[]; bias: number[] | null; in: number; units: number }[] {
  const random = new Random(model.seed ?? 1);
  const out: { kernel: number[]; bias: number[] | null; in: number; units: number }[] = [];
  let width = model.inputs;
  for (const layer of model.layers) {
    if (!('dense' in layer)) continue;
    const units = layer.dense;
    const kernel = Array.from({ length: width * units }, () => Math.fround(random.normal()));
    const bias = layer.useBias === false ? null : Array.from({ length: units }, () => Math.fround(random.normal()));
    out.push({ kernel, bias, in: width, units });
    width = units;
  }
  return out;
}

const names = (model: KerasModel): string[] => {
  const used: Record<string, number> = {};
  return model.layers.map((layer) => {
    const base = 'dense' in layer ? 'dense' : layer.keras.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    const n = used[base] ?? 0;
    used[base] = n + 1;
    return n === 0 ? base : `${base}_${n}`;
  });
};

/** config.json of a Keras 3 `.keras` file for the model. */
export function kerasConfig(model: KerasModel): Record<string, unknown> {
  const layerNames = names(model);
  return {
    module: 'keras',
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      trainable: true,
      dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null },
      layers: [
        {
          module: 'keras.layers',
          class_name: 'InputLayer',
          config: { batch_shape: [null, model.inputs], dtype: 'float32', sparse: false, name: 'input_layer' },
          registered_name: null,
        },
        ...model.layers.map((layer, i) =>
          'dense' in layer
            ? {
                module: 'keras.layers',
                class_name: 'Dense',
                config: {
                  name: layerNames[i],
                  trainable: true,
                  units: layer.dense,
                  activation: layer.activation ?? 'linear',
                  use_bias: layer.useBias ?? true,
                  kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: {} },
                  bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {} },
                  kernel_regularizer: null,
                  bias_regularizer: null,
                  kernel_constraint: null,
                  bias_constraint: null,
                },
                registered_name: null,
                build_config: { input_shape: [null, 0] },
              }
            : { module: 'keras.layers', class_name: layer.keras, config: { name: layerNames[i], ...layer.config } },
        ),
      ],
      build_input_shape: [null, model.inputs],
    },
    registered_name: null,
    build_config: { input_shape: [null, model.inputs] },
  };
}

/** Keras 3's weights layout: `layers/<class>[_n]/vars/<i>` (empty `vars` for layers without weights). */
export function keras3Tree(model: KerasModel, override: Record<string, H5Node> = {}): H5Group {
  const weights = denseWeights(model);
  const layers: Record<string, H5Node> = {};
  let k = 0;
  names(model).forEach((name, i) => {
    const layer = model.layers[i];
    const vars: Record<string, H5Node> = {};
    if ('dense' in layer) {
      const w = weights[k++];
      vars['0'] = dataset([w.in, w.units], w.kernel);
      if (w.bias !== null) vars['1'] = dataset([w.units], w.bias);
    }
    layers[name] = group({ vars: group(vars) });
  });
  return group({ layers: group({ ...layers, ...override }), optimizer: group({ vars: group({}) }), vars: group({}) });
}

/**
 * A `.keras` file. Keras writes every entry stored (zipfile's default); the JSON entries here are
 * deflated, as a re-zipped file has them, and the weights stored unless `deflateWeights`, so both
 * methods are read in every test.
 */
export function kerasFile(
  model: KerasModel,
  options: { tree?: H5Group; h5?: H5WriteOptions; config?: unknown; deflateWeights?: boolean } = {},
): Uint8Array {
  const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  return writeZip([
    { name: 'metadata.json', data: json({ keras_version: '3.6.0', date_saved: '2026-12-03@06:00:00' }), deflate: true },
    { name: 'config.json', data: json(options.config ?? kerasConfig(model)), deflate: true },
    {
      name: 'model.weights.h5',
      data: writeH5(options.tree ?? keras3Tree(model), options.h5),
      deflate: options.deflateWeights,
    },
  ]);
}

const strings = (values: string[], scalar = false): H5Attr => ({ strings: values, scalar });

/** The legacy Keras 2 layout: `layer_names`, and per layer `weight_names` and the datasets at those paths. */
export function legacyTree(model: KerasModel): H5Group {
  const weights = denseWeights(model);
  const layerNames = names(model);
  const children: Record<string, H5Node> = {};
  let k = 0;
  layerNames.forEach((name, i) => {
    const layer = model.layers[i];
    if (!('dense' in layer)) {
      children[name] = group({}, { weight_names: { numbers: [], dtype: 'f64' } });
      return;
    }
    const w = weights[k++];
    const inner: Record<string, H5Node> = { 'kernel:0': dataset([w.in, w.units], w.kernel) };
    const weightNames = [`${name}/kernel:0`];
    if (w.bias !== null) {
      inner['bias:0'] = dataset([w.units], w.bias);
      weightNames.push(`${name}/bias:0`);
    }
    children[name] = group({ [name]: group(inner) }, { weight_names: strings(weightNames) });
  });
  return group(children, {
    layer_names: strings(layerNames),
    backend: strings(['tensorflow'], true),
    keras_version: strings(['2.15.0'], true),
  });
}

/** Keras 2's config (`model.to_json()`): no module keys, `batch_input_shape`. */
export function keras2Config(model: KerasModel): Record<string, unknown> {
  const layerNames = names(model);
  return {
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, model.inputs], name: 'dense_input' } },
        ...model.layers.map((layer, i) =>
          'dense' in layer
            ? {
                class_name: 'Dense',
                config: {
                  name: layerNames[i],
                  units: layer.dense,
                  activation: layer.activation ?? 'linear',
                  use_bias: layer.useBias ?? true,
                },
              }
            : { class_name: layer.keras, config: { name: layerNames[i], ...layer.config } },
        ),
      ],
    },
    keras_version: '2.15.0',
    backend: 'tensorflow',
  };
}

/** A legacy `model.save('model.h5')` file: model_config at the root, weights under /model_weights. */
export function legacyH5(model: KerasModel, config: unknown = keras2Config(model)): Uint8Array {
  return writeH5(
    group(
      { model_weights: legacyTree(model) },
      {
        model_config: strings([JSON.stringify(config)], true),
        keras_version: strings(['2.15.0'], true),
        backend: strings(['tensorflow'], true),
      },
    ),
  );
}
