import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type LayerJSON,
  MODEL_FORMAT,
  MODEL_VERSION,
  Matrix,
  Random,
  Sequential,
  ShapeError,
  loadModel,
} from '../../src/index.js';
import { fromKeras } from '../../src/keras.js';
import { dataset, group, writeH5 } from './h5-writer.js';
import {
  type KerasModel,
  denseWeights,
  keras2Config,
  keras3Tree,
  kerasConfig,
  kerasFile,
  legacyH5,
  legacyTree,
  writeZip,
} from './keras-files.js';

/** Keras activation names → bottomup's, written out here independently of the converter. */
const EXPECTED: Record<string, LayerJSON | null> = {
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
  leaky_relu: { type: 'LeakyReLU', config: { alpha: 0.2 } },
};

/** The bottomup model JSON of a test model: each kernel `(in, units)` transposed into `W` `(units, in)`. */
function expectedJSON(model: KerasModel): { format: string; version: number; layers: LayerJSON[] } {
  const weights = denseWeights(model);
  const layers: LayerJSON[] = [];
  let k = 0;
  for (const layer of model.layers) {
    if (!('dense' in layer)) continue;
    const w = weights[k++];
    const W: number[] = [];
    for (let o = 0; o < w.units; o++) for (let i = 0; i < w.in; i++) W.push(w.kernel[i * w.units + o]);
    layers.push({
      type: 'Dense',
      config: { inputSize: w.in, outputSize: w.units, useBias: w.bias !== null },
      weights: w.bias === null ? { W } : { W, b: w.bias },
    });
    const act = EXPECTED[layer.activation ?? 'linear'];
    if (act !== null) layers.push(act);
  }
  return { format: MODEL_FORMAT, version: MODEL_VERSION, layers };
}

const bits = (m: Matrix): string[] =>
  Array.from(new BigUint64Array(Float64Array.from(m.data).buffer), (b) => b.toString(16));

function inputs(n: number, m: number, seed: number): Matrix {
  const r = new Random(seed);
  return new Matrix(
    n,
    m,
    Float64Array.from({ length: n * m }, () => r.normal() * 2),
  );
}

/** The model's output for row-per-example `x`, computed the Keras way (x·kernel + bias) in float64. */
function rowOracle(model: KerasModel, X: Matrix): number[][] {
  const weights = denseWeights(model);
  const out: number[][] = [];
  for (let j = 0; j < X.cols; j++) {
    let x = Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols + j]);
    let k = 0;
    for (const layer of model.layers) {
      if (!('dense' in layer)) continue;
      const w = weights[k++];
      const y = Array.from({ length: w.units }, (_, o) => {
        let s = w.bias?.[o] ?? 0;
        for (let i = 0; i < w.in; i++) s += x[i] * w.kernel[i * w.units + o];
        return s;
      });
      const a = layer.activation ?? 'linear';
      const max = Math.max(...y);
      const sum = y.reduce((t, v) => t + Math.exp(v - max), 0);
      x = y.map((z) => {
        if (a === 'linear') return z;
        if (a === 'relu') return Math.max(z, 0);
        if (a === 'sigmoid') return 1 / (1 + Math.exp(-z));
        if (a === 'tanh') return Math.tanh(z);
        if (a === 'softmax') return Math.exp(z - max) / sum;
        if (a === 'elu') return z > 0 ? z : Math.expm1(z);
        if (a === 'selu') return 1.0507009873554805 * (z > 0 ? z : 1.6732632423543772 * Math.expm1(z));
        if (a === 'softplus') return Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0);
        if (a === 'swish' || a === 'silu') return z / (1 + Math.exp(-z));
        if (a === 'leaky_relu') return z > 0 ? z : 0.2 * z;
        throw new Error(a);
      });
    }
    out.push(x);
  }
  return out;
}

const ACTIVATIONS = Object.keys(EXPECTED);

describe('fromKeras: every activation, every file layout, bit for bit', () => {
  ACTIVATIONS.forEach((activation, n) => {
    const model: KerasModel = {
      inputs: 3,
      layers: [
        { dense: 5, activation },
        { keras: 'Dropout', config: { rate: 0.5 } },
        { dense: 4, activation, useBias: n % 2 === 0 },
        { dense: 2, activation },
      ],
      seed: 100 + n,
    };
    const X = inputs(3, 7, n);
    const expected = loadModel(expectedJSON(model));
    const files: [string, () => Promise<Sequential>][] = [
      ['.keras (weights stored)', () => fromKeras(kerasFile(model))],
      ['.keras (weights deflated)', () => fromKeras(kerasFile(model, { deflateWeights: true }).buffer as ArrayBuffer)],
      ['legacy .h5 model', () => fromKeras(legacyH5(model))],
      [
        'Keras 3 .weights.h5 + config object',
        () => fromKeras(writeH5(keras3Tree(model)), { config: kerasConfig(model) }),
      ],
      [
        'Keras 2 save_weights .h5 + config JSON text',
        () => fromKeras(writeH5(legacyTree(model)), { config: JSON.stringify(keras2Config(model)) }),
      ],
    ];
    for (const [name, load] of files) {
      it(`${activation}: ${name}`, async () => {
        const converted = await load();
        expect(converted).toBeInstanceOf(Sequential);
        expect(converted.toJSON()).toEqual(expected.toJSON());
        expect(bits(converted.predict(X))).toEqual(bits(expected.predict(X)));
        const oracle = rowOracle(model, X);
        const Y = converted.predict(X);
        for (let j = 0; j < X.cols; j++)
          for (let i = 0; i < Y.rows; i++) expect(Y.data[i * Y.cols + j]).toBeCloseTo(oracle[j][i], 12);
      });
    }
  });
});

describe('fromKeras: layers', () => {
  const model: KerasModel = {
    inputs: 2,
    layers: [
      { dense: 3 },
      { keras: 'Activation', config: { activation: 'tanh' } },
      { keras: 'LeakyReLU', config: { negative_slope: 0.125 } },
      { dense: 3 },
      { keras: 'LeakyReLU', config: { alpha: 0.5 } },
      { keras: 'LeakyReLU' },
      { keras: 'ReLU', config: { max_value: null, negative_slope: 0, threshold: 0 } },
      { keras: 'ReLU', config: { negative_slope: 0.25 } },
      { keras: 'ELU', config: { alpha: 0.75 } },
      { keras: 'GaussianNoise', config: { stddev: 1 } },
      {
        keras: 'Activation',
        config: { activation: { module: 'keras.activations', class_name: 'function', config: 'sigmoid' } },
      },
      { keras: 'Softmax', config: { axis: -1 } },
      { keras: 'Activation', config: { activation: 'linear' } },
    ],
  };

  it('maps each to its bottomup layer, slopes and alphas kept, no-ops dropped', async () => {
    const converted = await fromKeras(kerasFile(model));
    expect(converted.toJSON().layers.map((l) => [l.type, l.config ?? {}])).toEqual([
      ['Dense', { inputSize: 2, outputSize: 3, useBias: true, init: 'xavier' }],
      ['Tanh', {}],
      ['LeakyReLU', { alpha: 0.125 }],
      ['Dense', { inputSize: 3, outputSize: 3, useBias: true, init: 'xavier' }],
      ['LeakyReLU', { alpha: 0.5 }],
      ['LeakyReLU', { alpha: 0.3 }],
      ['ReLU', {}],
      ['LeakyReLU', { alpha: 0.25 }],
      ['ELU', { alpha: 0.75 }],
      ['Sigmoid', {}],
      ['Softmax', {}],
    ]);
  });

  it('Flatten after a 2-D input: the row-major flattened features go in', async () => {
    const flat: KerasModel = { inputs: 6, layers: [{ keras: 'Flatten' }, { dense: 2, activation: 'relu' }] };
    const config = kerasConfig(flat) as { config: { layers: { config: Record<string, unknown> }[] } };
    config.config.layers[0].config.batch_shape = [null, 2, 3];
    const converted = await fromKeras(kerasFile(flat, { config }));
    expect(converted.inputSize).toBe(6);
    expect(converted.toJSON()).toEqual(loadModel(expectedJSON(flat)).toJSON());
  });

  it('Keras 1 / early Keras 2 configs: the layer list as the config', async () => {
    const model2: KerasModel = { inputs: 2, layers: [{ dense: 2, activation: 'tanh' }] };
    const config = { class_name: 'Sequential', config: (keras2Config(model2).config as { layers: unknown[] }).layers };
    const converted = await fromKeras(legacyH5(model2, config));
    expect(converted.toJSON()).toEqual(loadModel(expectedJSON(model2)).toJSON());
  });

  it('Keras 2.13 .keras files: weights under _layer_checkpoint_dependencies', async () => {
    const m: KerasModel = { inputs: 2, layers: [{ dense: 2 }, { dense: 1, activation: 'sigmoid' }] };
    const tree = keras3Tree(m);
    const renamed = group({ _layer_checkpoint_dependencies: tree.children.layers, vars: group({}) });
    const converted = await fromKeras(kerasFile(m, { tree: renamed }));
    expect(converted.toJSON()).toEqual(loadModel(expectedJSON(m)).toJSON());
  });
});

const rejects = async (promise: Promise<unknown>, type: ErrorConstructor | typeof ShapeError, message: string) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toEqual(message);
};

describe('fromKeras: refusals, each by name', () => {
  const m: KerasModel = { inputs: 3, layers: [{ dense: 4, activation: 'relu' }, { dense: 2 }] };
  const withLayer = (layer: Record<string, unknown>) => {
    const config = kerasConfig(m) as { config: { layers: unknown[] } };
    config.config.layers.splice(2, 0, layer);
    return kerasFile(m, { config });
  };

  it('a chunked dataset', async () => {
    const tree = keras3Tree(m, {
      dense: group({
        vars: group({
          '0': dataset([3, 4], new Array(12).fill(0), { layout: 'chunked' }),
          '1': dataset([4], [0, 0, 0, 0]),
        }),
      }),
    });
    await rejects(
      fromKeras(kerasFile(m, { tree })),
      TypeError,
      'fromKeras: HDF5 dataset "/layers/dense/vars/0" is chunked: not supported (only contiguous datasets, as h5py ' +
        'writes by default)',
    );
  });

  it('a compressed dataset', async () => {
    const tree = keras3Tree(m, {
      dense_1: group({
        vars: group({
          '0': dataset([4, 2], new Array(8).fill(0), { layout: 'chunked', filter: 1 }),
          '1': dataset([2], [0, 0]),
        }),
      }),
    });
    await rejects(
      fromKeras(kerasFile(m, { tree })),
      TypeError,
      'fromKeras: HDF5 dataset "/layers/dense_1/vars/0" is compressed (filter pipeline: deflate): not supported ' +
        '(only uncompressed contiguous datasets, as h5py writes by default)',
    );
  });

  it('superblock version 2', async () => {
    await rejects(
      fromKeras(kerasFile(m, { h5: { superblock: 2 } })),
      TypeError,
      'fromKeras: HDF5 superblock version 2 is not supported (only version 0, as h5py writes for Keras; version 2 ' +
        "comes from libver='latest' or a newer HDF5)",
    );
  });

  it('a version 2 object header', async () => {
    const tree = keras3Tree(m, {
      dense: group({
        vars: group({ '0': dataset([3, 4], [], { headerVersion: 2 }), '1': dataset([4], [0, 0, 0, 0]) }),
      }),
    });
    await rejects(
      fromKeras(kerasFile(m, { tree })),
      TypeError,
      'fromKeras: HDF5 object header version 2 is not supported (only version 1, as h5py writes by default; ' +
        "version 2 comes from libver='latest')",
    );
  });

  it('a new-style group', async () => {
    const tree = keras3Tree(m, { dense: { kind: 'group', children: {}, newStyle: true } });
    await rejects(
      fromKeras(kerasFile(m, { tree })),
      TypeError,
      'fromKeras: HDF5 group "/layers/dense" is a new-style group (a link info message; HDF5 1.8+ with ' +
        "libver='latest'): not supported (only old-style symbol-table groups, as h5py writes by default)",
    );
  });

  it('zip64', async () => {
    await rejects(
      fromKeras(writeZip([{ name: 'config.json', data: new Uint8Array(2) }], { zip64: true })),
      TypeError,
      'fromKeras: the archive is in Zip64 format: not supported (only archives and entries under 4 GiB without Zip64)',
    );
  });

  it('an unknown layer class', async () => {
    await rejects(
      fromKeras(withLayer({ class_name: 'BatchNormalization', config: { name: 'batch_normalization' } })),
      TypeError,
      'fromKeras: expected layer 2 ("batch_normalization") to be a layer bottomup converts (Dense, Activation, ReLU, ' +
        'LeakyReLU, ELU, Softmax, Flatten, InputLayer, Dropout, GaussianDropout, GaussianNoise, AlphaDropout, ' +
        'ActivityRegularization), got "BatchNormalization"',
    );
  });

  it("Keras's exact (erf) gelu", async () => {
    await rejects(
      fromKeras(withLayer({ class_name: 'Activation', config: { name: 'activation', activation: 'gelu' } })),
      TypeError,
      'fromKeras: layer 2 ("activation") uses activation "gelu", which Keras computes exactly (with erf): not ' +
        "supported (bottomup's GELU is the tanh approximation, Keras's gelu(x, approximate=True))",
    );
  });

  it('an unknown activation', async () => {
    await rejects(
      fromKeras(withLayer({ class_name: 'Activation', config: { name: 'a', activation: 'hard_sigmoid' } })),
      TypeError,
      'fromKeras: expected layer 2 ("a")\'s activation to be one of linear, relu, sigmoid, tanh, softmax, elu, selu, ' +
        'softplus, swish, silu, leaky_relu, got "hard_sigmoid"',
    );
  });

  it('missing weights', async () => {
    const tree = keras3Tree({ inputs: 3, layers: [{ dense: 4, activation: 'relu' }] });
    await rejects(
      fromKeras(kerasFile(m, { tree })),
      TypeError,
      'fromKeras: expected the weights of layer 2 ("dense_1") at /layers/dense_1/vars, got none',
    );
    await rejects(
      fromKeras(writeH5(legacyTree({ inputs: 3, layers: [{ dense: 4 }] })), { config: keras2Config(m) }),
      TypeError,
      'fromKeras: expected the weights of layer 2 ("dense_1"), got none (the file has 1 layers with weights)',
    );
  });

  it('a kernel or bias of the wrong shape', async () => {
    const wrong = keras3Tree(m, {
      dense_1: group({ vars: group({ '0': dataset([2, 4], new Array(8).fill(0)), '1': dataset([2], [0, 0]) }) }),
    });
    await rejects(
      fromKeras(kerasFile(m, { tree: wrong })),
      ShapeError,
      'fromKeras: expected the kernel of layer 2 ("dense_1") at /layers/dense_1/vars/0 to have shape (4, 2), got (2, 4)',
    );
    const bias = keras3Tree(m, {
      dense_1: group({ vars: group({ '0': dataset([4, 2], new Array(8).fill(0)), '1': dataset([3], [0, 0, 0]) }) }),
    });
    await rejects(
      fromKeras(kerasFile(m, { tree: bias })),
      ShapeError,
      'fromKeras: expected the bias of layer 2 ("dense_1") at /layers/dense_1/vars/1 to have shape (2), got (3)',
    );
  });

  it('a non-Sequential model, a weights-only file without config, bytes that are no Keras file', async () => {
    await rejects(
      fromKeras(kerasFile(m, { config: { class_name: 'Functional', config: {} } })),
      TypeError,
      'fromKeras: expected a Sequential model, got a Functional model (only Keras Sequential models convert)',
    );
    await rejects(
      fromKeras(writeH5(keras3Tree(m))),
      TypeError,
      "fromKeras: the .h5 file holds weights only (no model_config attribute): pass the model's config too, " +
        'fromKeras(bytes, { config: model.to_json() })',
    );
    await rejects(
      fromKeras(new TextEncoder().encode('{"not": "keras"}')),
      TypeError,
      'fromKeras: expected a Keras .keras file (a zip) or .h5 file (HDF5), got bytes that are neither (starting 7b 22 ' +
        '6e 6f)',
    );
    await rejects(
      fromKeras('model.keras' as unknown as Uint8Array),
      TypeError,
      "fromKeras: expected the file's bytes (a Uint8Array or an ArrayBuffer), got string",
    );
  });

  it('a deflated entry whose CRC-32 does not match', async () => {
    const file = kerasFile(m);
    const corrupt = file.slice();
    // the stored model.weights.h5 entry's bytes start after the two deflated JSON entries: flip a byte near its end
    const end =
      corrupt.length - 22 - 3 * 46 - 'metadata.json'.length - 'config.json'.length - 'model.weights.h5'.length;
    corrupt[end - 1] ^= 0xff;
    await rejects(
      fromKeras(corrupt),
      TypeError,
      expect.stringMatching(
        /^fromKeras: expected zip entry "model.weights.h5" to have CRC-32 0x[0-9a-f]{8}, got 0x[0-9a-f]{8} \(a corrupt file\)$/,
      ) as unknown as string,
    );
  });
});

describe('fromKeras: more bad input', () => {
  const m: KerasModel = { inputs: 3, layers: [{ dense: 2, activation: 'tanh' }] };
  const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

  it('options: unknown keys, a config with a .keras file, a config that does not parse', async () => {
    await rejects(
      fromKeras(kerasFile(m), { weights: 1 } as never),
      TypeError,
      'fromKeras: expected options keys among config, got unknown key "weights"',
    );
    await rejects(
      fromKeras(kerasFile(m), { config: kerasConfig(m) }),
      TypeError,
      'fromKeras: a .keras file has its own config.json: pass options.config only with a weights-only .h5 file',
    );
    await rejects(
      fromKeras(writeH5(keras3Tree(m)), { config: '{"class_name": ' }),
      TypeError,
      expect.stringMatching(/^fromKeras: expected options.config to be JSON, got text that does not parse \(.+\)$/),
    );
  });

  it('archives without config.json or with npz weights', async () => {
    await rejects(
      fromKeras(writeZip([{ name: 'model.weights.h5', data: new Uint8Array(8) }])),
      TypeError,
      'fromKeras: expected config.json in the .keras file, got entries "model.weights.h5"',
    );
    await rejects(
      fromKeras(
        writeZip([
          { name: 'config.json', data: json(kerasConfig(m)), deflate: true },
          { name: 'model.weights.npz', data: new Uint8Array(8) },
        ]),
      ),
      TypeError,
      'fromKeras: the .keras file saved its weights as model.weights.npz: not supported (only model.weights.h5)',
    );
  });

  it('an InputLayer that does not fit the first kernel is a ShapeError', async () => {
    const config = kerasConfig(m) as { config: { layers: { config: Record<string, unknown> }[] } };
    config.config.layers[0].config.batch_shape = [null, 5];
    await rejects(
      fromKeras(kerasFile(m, { config })),
      ShapeError,
      'fromKeras: expected the kernel of layer 1 ("dense") at /layers/dense/vars/0 to have shape (5, 2), got (3, 2)',
    );
  });

  it('a Dense layer on 2-D inputs per example', async () => {
    const config = kerasConfig(m) as { config: { layers: { config: Record<string, unknown> }[] } };
    config.config.layers[0].config.batch_shape = [null, 4, 3];
    await rejects(
      fromKeras(kerasFile(m, { config })),
      TypeError,
      'fromKeras: layer 1 ("dense") is a Dense layer on 2-D inputs: not supported (bottomup takes one feature vector ' +
        'per example; add a Flatten before it)',
    );
  });

  it('a NaN weight, named by its place in the saved kernel', async () => {
    const kernel = [0, 1, 2, 3, Number.NaN, 5];
    const tree = keras3Tree(m, {
      dense: group({ vars: group({ '0': dataset([3, 2], kernel), '1': dataset([2], [0, 0]) }) }),
    });
    await rejects(
      fromKeras(kerasFile(m, { tree })),
      TypeError,
      'fromKeras: expected the kernel of layer 1 ("dense") at /layers/dense/vars/0 to hold finite numbers, got NaN at (2, 0)',
    );
  });

  it('more saved variables than the layer has (a quantized layer)', async () => {
    const tree = keras3Tree(m, {
      dense: group({
        vars: group({ '0': dataset([3, 2], [0, 0, 0, 0, 0, 0]), '1': dataset([2], [0, 0]), '2': dataset([2], [1, 1]) }),
      }),
    });
    await rejects(
      fromKeras(kerasFile(m, { tree })),
      TypeError,
      'fromKeras: expected layer 1 ("dense") to have 2 saved variables (kernel, bias), got 3 (a quantized layer?)',
    );
  });

  it('a legacy file with weights for more layers than the config has', async () => {
    const two: KerasModel = { inputs: 3, layers: [{ dense: 2 }, { dense: 2 }] };
    await rejects(
      fromKeras(writeH5(legacyTree(two)), { config: keras2Config(m) }),
      TypeError,
      'fromKeras: expected the weights of 1 Dense layers, got the weights of 2 layers in the file',
    );
  });
});

describe('committed fixtures (test/fixtures/keras)', () => {
  const dir = resolve(__dirname, '../fixtures/keras');
  const mlp: KerasModel = {
    inputs: 2,
    layers: [
      { dense: 4, activation: 'tanh' },
      { dense: 1, activation: 'sigmoid' },
    ],
  };

  for (const file of ['mlp.keras', 'mlp.h5']) {
    it(`${file} converts to the model it was written from`, async () => {
      const converted = await fromKeras(readFileSync(resolve(dir, file)));
      expect(converted.toJSON()).toEqual(loadModel(expectedJSON(mlp)).toJSON());
      const X = Matrix.from([
        [0, 1, -1],
        [0.5, -2, 3],
      ]);
      expect(bits(converted.predict(X))).toEqual(bits(loadModel(expectedJSON(mlp)).predict(X)));
    });
  }
});
