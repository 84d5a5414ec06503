/**
 * What bottomup/tfjs refuses, with the exact messages: layers TF.js cannot reload (GELU, ELU with
 * alpha ≠ 1), user-defined layers, weights beyond float32; and on import unknown classes, nested and
 * functional models, quantized or non-float32 weights, byte lengths that do not match the specs,
 * missing weights, kernels that do not fit. The model and the artifacts are left as they were.
 */
import { describe, expect, it } from 'vitest';
import { ELU, GELU, Tanh } from '../../src/activations/index.js';
import { ShapeError } from '../../src/errors.js';
import { Dense } from '../../src/layers/dense.js';
import type { Layer } from '../../src/layers/layer.js';
import type { Matrix } from '../../src/matrix/index.js';
import { Sequential } from '../../src/model/sequential.js';
import { type TFJSArtifacts, type TFJSLayerConfig, type TFJSModelInput, fromTFJS, toTFJS } from '../../src/tfjs.js';

const base = (): TFJSArtifacts => toTFJS(new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh()]));
/** The base artifacts with these layers as the topology. */
const withLayers = (layers: unknown[]): TFJSModelInput => ({
  ...base(),
  modelTopology: { class_name: 'Sequential', config: { name: 'sequential', layers } },
});
const dense = (): TFJSLayerConfig => base().modelTopology.config.layers[0];
const ACCEPTED =
  'to be a layer bottomup reads (Dense, Activation, LeakyReLU, ELU, ReLU, Softmax; InputLayer, Flatten, Dropout ' +
  'skipped)';

describe('toTFJS refuses', () => {
  it.each<[string, () => Layer[], string]>([
    [
      'GELU (its TF.js name does not load again), in a nested model too',
      () => [new Dense(2, 3), new Sequential([new GELU()])],
      'toTFJS: expected layers[1].layers[0] to be Dense or an activation TF.js has (Identity, Sigmoid, Tanh, ReLU, ' +
        'LeakyReLU, Softmax, ELU with alpha 1, SELU, Softplus, SiLU), got "GELU": bottomup\'s GELU is the tanh ' +
        "approximation, whose TF.js name ('gelu_new') does not load again in tf.loadLayersModel, and TF.js's 'gelu' " +
        'is the exact (erf) form',
    ],
    [
      'ELU with alpha ≠ 1 (TF.js’s ELU layer throws)',
      () => [new Dense(2, 3), new ELU({ alpha: 0.5 })],
      'toTFJS: expected layers[1] to be Dense or an activation TF.js has (Identity, Sigmoid, Tanh, ReLU, LeakyReLU, ' +
        'Softmax, ELU with alpha 1, SELU, Softplus, SiLU), got "ELU" with alpha 0.5: TF.js\'s ELU layer takes alpha 1 only',
    ],
  ])('%s', (_, layers, message) => {
    const model = new Sequential(layers());
    const before = JSON.stringify(model);
    expect(() => toTFJS(model)).toThrow(new TypeError(message));
    expect(JSON.stringify(model)).toBe(before);
  });

  it('a user-defined layer, naming its type', () => {
    class Doubler implements Layer {
      forward = (A: Matrix): Matrix => A.scale(2);
      backward = (dA: Matrix): Matrix => dA.scale(2);
      parameters = () => [];
      computeOutputSize = (n: number): number => n;
      toJSON = () => ({ type: 'Doubler' });
    }
    expect(() => toTFJS(new Sequential([new Dense(2, 2), new Doubler()]))).toThrow(
      new TypeError(
        'toTFJS: expected layers[1] to be Dense or an activation TF.js has (Identity, Sigmoid, Tanh, ReLU, ' +
          'LeakyReLU, Softmax, ELU with alpha 1, SELU, Softplus, SiLU), got "Doubler"',
      ),
    );
  });

  it('a weight beyond float32, a model without a fixed input size, a non-model', () => {
    const big = new Dense(2, 1);
    big.weight.value.data[1] = 1e39;
    const model = new Sequential([big]);
    expect(() => toTFJS(model)).toThrow(
      new RangeError(
        'toTFJS: expected the weights of layers[0] (Dense) to fit a float32 (|w| up to about 3.4e38), got kernel[1] = ' +
          '1e+39',
      ),
    );
    expect(big.weight.value.data[1]).toBe(1e39);
    expect(() => toTFJS(new Sequential([new Tanh()]))).toThrow(
      new RangeError(
        'toTFJS: expected a model whose input size is fixed (TF.js needs batch_input_shape: a Dense layer), got ' +
          'Sequential(n → n)',
      ),
    );
    expect(() => toTFJS({ layers: [] } as unknown as Sequential)).toThrow(
      new TypeError("toTFJS: expected model to be a Sequential (from 'bottomup'), got an object"),
    );
  });
});

describe('fromTFJS refuses', () => {
  const specs = base().weightSpecs;
  const cases: [string, () => TFJSModelInput, Error][] = [
    [
      'an unknown class_name, naming the layer',
      () => withLayers([dense(), { class_name: 'Conv2D', config: { name: 'conv2d', filters: 8 } }]),
      new TypeError(`fromTFJS: expected layers[1] ("conv2d", Conv2D) ${ACCEPTED}, got class_name "Conv2D"`),
    ],
    [
      'a nested model',
      () => withLayers([dense(), { class_name: 'Sequential', config: { name: 'inner', layers: [] } }]),
      new TypeError(
        `fromTFJS: expected layers[1] ("inner", Sequential) ${ACCEPTED}, got class_name "Sequential" (nested models ` +
          'are not read)',
      ),
    ],
    [
      'a functional model',
      () => ({ ...base(), modelTopology: { model_config: { class_name: 'Functional', config: {} } } }),
      new TypeError(
        'fromTFJS: expected modelTopology.class_name "Sequential" (bottomup reads Sequential models), got "Functional"',
      ),
    ],
    [
      'a graph model',
      () => ({ ...base(), format: 'graph-model' }),
      new TypeError(
        'fromTFJS: expected format "layers-model" (a graph model is not a Layers model), got "graph-model"',
      ),
    ],
    [
      'quantized weights',
      () => ({
        ...base(),
        weightSpecs: [{ ...specs[0], quantization: { dtype: 'uint8', scale: 0.1, min: 0 } }, specs[1]],
      }),
      new TypeError(
        'fromTFJS: expected weight "dense_1/kernel" (weightSpecs[0]) not quantized (convert without --quantize_* to ' +
          'read it), got quantization {"dtype":"uint8","scale":0.1,"min":0}',
      ),
    ],
    [
      'a weight that is not float32',
      () => ({ ...base(), weightSpecs: [{ ...specs[0], dtype: 'int32' }, specs[1]] }),
      new TypeError('fromTFJS: expected weight "dense_1/kernel" (weightSpecs[0]) to have dtype "float32", got "int32"'),
    ],
    [
      'weight bytes shorter than the specs',
      () => ({ ...base(), weightData: base().weightData.slice(0, 20) }),
      new TypeError(
        'fromTFJS: expected weightData to hold the 36 bytes the weight specs describe (float32), got 20 bytes',
      ),
    ],
    [
      'weight bytes longer than the specs',
      () => ({ ...base(), weightData: [base().weightData, new ArrayBuffer(4)] }),
      new TypeError(
        'fromTFJS: expected weightData to hold the 36 bytes the weight specs describe (float32), got 40 bytes',
      ),
    ],
    [
      'a missing kernel, listing the weights there are',
      () => ({ ...base(), weightSpecs: [specs[1]], weightData: base().weightData.slice(24) }),
      new TypeError(
        'fromTFJS: expected a weight "dense_1/kernel" for layers[0] ("dense_1", Dense) in weightSpecs, got the ' +
          'weights "dense_1/bias"',
      ),
    ],
    [
      'a missing bias',
      () => ({ ...base(), weightSpecs: [specs[0]], weightData: base().weightData.slice(0, 24) }),
      new TypeError(
        'fromTFJS: expected a weight "dense_1/bias" for layers[0] ("dense_1", Dense) in weightSpecs, got the weights ' +
          '"dense_1/kernel"',
      ),
    ],
    [
      'no weight data',
      () => ({ ...base(), weightData: undefined }),
      new TypeError(
        'fromTFJS: expected weightData to be an ArrayBuffer or a typed array (the bytes of the weight files), got ' +
          'undefined',
      ),
    ],
    [
      'no weight specs',
      () => ({ ...base(), weightSpecs: undefined }),
      new TypeError('fromTFJS: expected weightSpecs (or weightsManifest) to be an array, got undefined'),
    ],
    [
      'two weights of one name',
      () => ({ ...base(), weightSpecs: [specs[0], specs[0]], weightData: new ArrayBuffer(48) }),
      new TypeError(
        'fromTFJS: expected weight "dense_1/kernel" (weightSpecs[1]) a name no other weight has, got a second weight ' +
          'of that name',
      ),
    ],
    [
      'a NaN weight',
      () => {
        const data = new Float32Array(base().weightData);
        data[2] = Number.NaN;
        return { ...base(), weightData: data };
      },
      new TypeError(
        'fromTFJS: expected the values of weight "dense_1/kernel" (weightSpecs[0]) to be finite numbers, got NaN at [2]',
      ),
    ],
    [
      'an activation bottomup does not have (erf GELU)',
      () => withLayers([{ ...dense(), config: { ...dense().config, activation: 'gelu' } }]),
      new TypeError(
        'fromTFJS: expected layers[0] ("dense_1", Dense) activation to be an activation bottomup has (linear, sigmoid, ' +
          'tanh, relu, softmax, elu, selu, softplus, swish, silu), got "gelu"',
      ),
    ],
    [
      'a kernel that does not fit the input shape (a ShapeError)',
      () => withLayers([{ ...dense(), config: { ...dense().config, batch_input_shape: [null, 5] } }]),
      new ShapeError(
        'fromTFJS: expected layers[0] ("dense_1", Dense) to take the 5 outputs of the input shape, got a kernel of ' +
          'shape [2, 3]',
      ),
    ],
    [
      'a kernel whose shape does not match units',
      () => withLayers([{ ...dense(), config: { ...dense().config, units: 4 } }]),
      new TypeError(
        'fromTFJS: expected the kernel "dense_1/kernel" of layers[0] ("dense_1", Dense) to have shape [in, 4], got [2, 3]',
      ),
    ],
    [
      'a multi-dimensional input without Flatten',
      () => {
        const { batch_input_shape: _, ...config } = dense().config;
        return withLayers([
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 2, 1] } },
          { ...dense(), config },
        ]);
      },
      new TypeError(
        'fromTFJS: expected layers[1] ("dense_1", Dense) to come after a Flatten (its input is 2-dimensional per ' +
          'example), got none',
      ),
    ],
    [
      'a ReLU layer with max_value (relu6)',
      () => withLayers([dense(), { class_name: 'ReLU', config: { max_value: 6 } }]),
      new TypeError(`fromTFJS: expected layers[1] (ReLU) ${ACCEPTED}, got class_name "ReLU" with this config`),
    ],
    [
      'a LeakyReLU alpha that is not a number',
      () => withLayers([dense(), { class_name: 'LeakyReLU', config: { alpha: 'x' } }]),
      new TypeError('fromTFJS: expected layers[1] (LeakyReLU) alpha to be a finite number, got "x"'),
    ],
    [
      'a layer that is not { class_name, config }',
      () => withLayers([dense(), 5]),
      new TypeError('fromTFJS: expected modelTopology layers[1] to be { class_name, config }, got 5'),
    ],
    [
      'no topology',
      () => ({ ...base(), modelTopology: undefined }),
      new TypeError('fromTFJS: expected modelTopology to be an object, got undefined'),
    ],
    [
      'weight data of the wrong kind',
      () => ({ ...base(), weightData: 'bytes' as unknown as ArrayBuffer }),
      new TypeError(
        'fromTFJS: expected weightData to be an ArrayBuffer or a typed array (the bytes of the weight files), got "bytes"',
      ),
    ],
  ];
  it.each(cases)('%s', (_, make, error) => {
    const artifacts = make();
    const before = JSON.stringify(artifacts);
    const bytes = artifacts.weightData instanceof ArrayBuffer ? new Uint8Array(artifacts.weightData).slice() : null;
    expect(() => fromTFJS(artifacts)).toThrow(error);
    try {
      fromTFJS(artifacts);
    } catch (e) {
      expect((e as Error).constructor).toBe(error.constructor); // ShapeError, not just any RangeError
    }
    // the artifacts are untouched
    expect(JSON.stringify(artifacts)).toBe(before);
    if (bytes !== null) expect(new Uint8Array(artifacts.weightData as ArrayBuffer)).toEqual(bytes);
  });

  it('the text of model.json (parse it first)', () => {
    expect(() => fromTFJS('{}' as unknown as TFJSModelInput)).toThrow(
      new TypeError('fromTFJS: expected artifacts to be { modelTopology, weightSpecs, weightData }, got "{}"'),
    );
  });
});
