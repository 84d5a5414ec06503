/**
 * fromONNX on graphs shaped as PyTorch, Keras (tf2onnx) and scikit-learn (skl2onnx) write them, with
 * ONNX Runtime running the same bytes as the oracle; the data types and encodings of tensors; and
 * every refusal, with its exact message.
 */
import { describe, expect, it } from 'vitest';
import { type Dense, Matrix, Sequential } from '../../src/index.js';
import { fromONNX, toONNX } from '../../src/onnx.js';
import { decodeModel, decodeTensor, encodeModel } from '../../src/onnx/proto.js';
import { Writer } from '../../src/onnx/protobuf.js';
import {
  BOOL,
  DOUBLE,
  FLOAT,
  INT64,
  onnx,
  random,
  relativeDiff,
  rounded,
  runORT,
  tensor,
  value,
  type GraphSpec,
} from './graphs.js';

/** Imports `spec`, checks its layers, and that it computes what ONNX Runtime computes on the same bytes. */
async function agrees(
  spec: GraphSpec,
  layers: string[],
  options: { inputShape?: number[]; features: number; output?: string; column?: number; tolerance?: number },
): Promise<Sequential> {
  const bytes = onnx(spec);
  const model = fromONNX(bytes);
  expect(model.layers.map(String)).toEqual(layers);
  const X = rounded(Matrix.randn(options.features, 7, { random: 5, scale: 1.5 }));
  const input = Array.isArray(spec.input) ? spec.input[0].name : spec.input.name;
  let expected = await runORT(bytes, X, {
    input,
    output: options.output ?? spec.outputs[0].name,
    shape: options.inputShape,
  });
  if (options.column !== undefined) expected = Matrix.from([expected.toArray()[options.column]]);
  expect(relativeDiff(model.predict(X), expected)).toBeLessThanOrEqual(options.tolerance ?? 1e-6);
  return model;
}

describe('PyTorch (torch.onnx.export)', () => {
  it('nn.Sequential(Linear, ReLU, Linear, Sigmoid): Gemm with transB=1, explicit alpha/beta, then default', async () => {
    const fc1 = random('fc1.weight', [8, 4], 1);
    const model = await agrees(
      {
        producer: 'pytorch',
        input: value('input', ['batch', 4]),
        outputs: [value('output', ['batch', 1])],
        initializers: [fc1, random('fc1.bias', [8], 2), random('fc2.weight', [1, 8], 3), random('fc2.bias', [1], 4)],
        nodes: [
          [
            'Gemm',
            ['input', 'fc1.weight', 'fc1.bias'],
            ['/fc1/Gemm_output_0'],
            { alpha: 1, beta: 1, transB: { int: 1 } },
          ],
          ['Relu', ['/fc1/Gemm_output_0'], ['/act/Relu_output_0']],
          ['Gemm', ['/act/Relu_output_0', 'fc2.weight', 'fc2.bias'], ['/fc2/Gemm_output_0'], { transB: { int: 1 } }],
          ['Sigmoid', ['/fc2/Gemm_output_0'], ['output']],
        ],
      },
      ['Dense(4 → 8)', 'ReLU()', 'Dense(8 → 1)', 'Sigmoid()'],
      { features: 4 },
    );
    // W as stored: (out, in), float32 values exactly
    expect(Array.from((model.layers[0] as Dense).weight.value.data)).toEqual(fc1.values);
  });

  it('an image input: Flatten in front, Dropout and Identity passed through, SiLU as Mul(x, Sigmoid(x))', async () => {
    await agrees(
      {
        input: value('x', ['N', 1, 2, 3]),
        outputs: [value('y', ['N', 2])],
        initializers: [random('w1', [5, 6], 7), random('b1', [5], 8), random('w2', [2, 5], 9), random('b2', [2], 10)],
        nodes: [
          ['Flatten', ['x'], ['f'], { axis: { int: 1 } }],
          ['Gemm', ['f', 'w1', 'b1'], ['h'], { transB: { int: 1 } }],
          ['Sigmoid', ['h'], ['s']],
          ['Mul', ['h', 's'], ['a']],
          ['Dropout', ['a'], ['d']],
          ['Identity', ['d'], ['i']],
          ['Gemm', ['i', 'w2', 'b2'], ['z'], { transB: { int: 1 } }],
          ['Softmax', ['z'], ['y'], { axis: { int: 1 } }],
        ],
      },
      ['Dense(6 → 5)', 'SiLU()', 'Dense(5 → 2)', 'Softmax()'],
      { features: 6, inputShape: [1, 2, 3] },
    );
  });

  it('Gemm with transB=0, alpha 0.5, beta 2 and a scalar C; LeakyRelu, Elu, Selu, Softplus, Gelu (tanh)', async () => {
    await agrees(
      {
        opset: 20,
        input: value('input', ['N', 3]),
        outputs: [value('output', ['N', 4])],
        initializers: [random('B', [3, 4], 11), tensor('C', [], [0.25]), random('B2', [4, 4], 12)],
        nodes: [
          ['Gemm', ['input', 'B', 'C'], ['g'], { alpha: 0.5, beta: 2 }],
          ['LeakyRelu', ['g'], ['l'], { alpha: 0.1 }],
          ['Elu', ['l'], ['e'], { alpha: 0.5 }],
          ['Selu', ['e'], ['s']],
          ['Softplus', ['s'], ['p']],
          ['Gemm', ['p', 'B2'], ['g2'], { transB: { int: 0 } }],
          ['Gelu', ['g2'], ['output'], { approximate: 'tanh' }],
        ],
      },
      ['Dense(3 → 4)', 'LeakyReLU(alpha=0.10000000149011612)', 'ELU(alpha=0.5)', 'SELU()', 'Softplus()'].concat([
        'Dense(4 → 4)',
        'GELU()',
      ]),
      { features: 3 },
    );
  });
});

describe('Keras through tf2onnx', () => {
  it('Flatten as Reshape(-1, n), MatMul with kernels (in, out), Add, a layer with its bias folded away', async () => {
    const kernel = random('sequential/dense/MatMul/ReadVariableOp:0', [6, 5], 13);
    const model = await agrees(
      {
        opset: 13,
        producer: 'tf2onnx',
        input: value('flatten_input', ['unk__6', 2, 3]),
        outputs: [value('dense_1', ['unk__7', 3])],
        initializers: [
          tensor('const_fold_opt__9', [2], [-1, 6], INT64),
          kernel,
          random('sequential/dense/BiasAdd/ReadVariableOp:0', [5], 14),
          random('sequential/dense_1/MatMul/ReadVariableOp:0', [5, 3], 15),
        ],
        nodes: [
          ['Reshape', ['flatten_input', 'const_fold_opt__9'], ['sequential/flatten/Reshape:0']],
          ['MatMul', ['sequential/flatten/Reshape:0', kernel.name], ['sequential/dense/MatMul:0']],
          [
            'Add',
            ['sequential/dense/MatMul:0', 'sequential/dense/BiasAdd/ReadVariableOp:0'],
            ['sequential/dense/BiasAdd:0'],
          ],
          ['Tanh', ['sequential/dense/BiasAdd:0'], ['sequential/dense/Tanh:0']],
          [
            'MatMul',
            ['sequential/dense/Tanh:0', 'sequential/dense_1/MatMul/ReadVariableOp:0'],
            ['sequential/dense_1/MatMul:0'],
          ],
          ['Softmax', ['sequential/dense_1/MatMul:0'], ['sequential/dense_1/Softmax:0'], { axis: { int: -1 } }],
          ['Identity', ['sequential/dense_1/Softmax:0'], ['dense_1']],
        ],
      },
      ['Dense(6 → 5)', 'Tanh()', 'Dense(5 → 3)', 'Softmax()'],
      { features: 6, inputShape: [2, 3] },
    );
    // the kernel (in, out) transposed into W (out, in); no Add: no bias
    const W = (model.layers[0] as Dense).weight.value;
    expect(W.get(2, 4)).toBe((kernel.values as number[])[4 * 5 + 2]);
    expect((model.layers[2] as Dense).bias).toBeNull();
  });
});

describe('scikit-learn through skl2onnx', () => {
  const mlp = (classes: number) => [
    random('coefficient', [4, 6], 21),
    random('intercepts', [1, 6], 22),
    random('coefficient1', [6, classes], 23),
    random('intercepts1', [1, classes], 24),
  ];
  const hidden = [
    ['Cast', ['X'], ['cast_input'], { to: { int: FLOAT } }],
    ['MatMul', ['cast_input', 'coefficient'], ['mul_result']],
    ['Add', ['mul_result', 'intercepts'], ['add_result']],
    ['Relu', ['add_result'], ['next_activations']],
    ['MatMul', ['next_activations', 'coefficient1'], ['mul_result1']],
    ['Add', ['mul_result1', 'intercepts1'], ['add_result1']],
  ] as GraphSpec['nodes'];

  it('MLPClassifier (3 classes): Softmax, then the label head ArgMax/ArrayFeatureExtractor and ZipMap', async () => {
    const spec: GraphSpec = {
      opset: 13,
      ml: true,
      producer: 'skl2onnx',
      input: value('X', ['N', 4]),
      outputs: [value('label', ['N'], INT64), value('probabilities', ['N', 3])],
      initializers: [...mlp(3), tensor('classes', [3], [0, 1, 2], INT64), tensor('shape_tensor', [1], [-1], INT64)],
      nodes: [
        ...hidden,
        ['Softmax', ['add_result1'], ['probabilities'], { axis: { int: 1 } }],
        ['ArgMax', ['probabilities'], ['argmax_output'], { axis: { int: 1 } }],
        ['ArrayFeatureExtractor', ['classes', 'argmax_output'], ['array_feature_extractor_result'], {}, 'ai.onnx.ml'],
        ['Reshape', ['array_feature_extractor_result', 'shape_tensor'], ['reshaped_result']],
        ['Cast', ['reshaped_result'], ['label'], { to: { int: INT64 } }],
      ],
    };
    await agrees(spec, ['Dense(4 → 6)', 'ReLU()', 'Dense(6 → 3)', 'Softmax()'], {
      features: 4,
      output: 'probabilities',
    });
    // with ZipMap (a sequence of maps ONNX Runtime's Node binding cannot return): the same model
    const zipped = onnx({
      ...spec,
      outputs: [value('label', ['N'], INT64), { name: 'output_probability', elemType: 0, shape: null }],
      nodes: [
        ...spec.nodes,
        [
          'ZipMap',
          ['probabilities'],
          ['output_probability'],
          { classlabels_int64s: { ints: [0, 1, 2] } },
          'ai.onnx.ml',
        ],
      ],
    });
    const X = Matrix.randn(4, 3, { random: 2 });
    expect(fromONNX(zipped).predict(X).data).toEqual(fromONNX(onnx(spec)).predict(X).data);
  });

  it('a binary MLPClassifier: Sigmoid, then Sub and Concat (1 − p, p): read as p', async () => {
    await agrees(
      {
        opset: 13,
        ml: true,
        input: value('X', ['N', 4]),
        outputs: [value('probabilities', ['N', 2])],
        initializers: [...mlp(1), tensor('unity', [1], [1])],
        nodes: [
          ...hidden,
          ['Sigmoid', ['add_result1'], ['out_activations_result']],
          ['Sub', ['unity', 'out_activations_result'], ['negative_class_proba']],
          ['Concat', ['negative_class_proba', 'out_activations_result'], ['probabilities'], { axis: { int: 1 } }],
        ],
      },
      ['Dense(4 → 6)', 'ReLU()', 'Dense(6 → 1)', 'Sigmoid()'],
      { features: 4, output: 'probabilities', column: 1 },
    );
  });

  it('an input scaler, as Sub/Div or as ai.onnx.ml.Scaler, folded into the first Dense', async () => {
    const scaled = (nodes: GraphSpec['nodes']): GraphSpec => ({
      opset: 13,
      ml: true,
      input: value('X', ['N', 4]),
      outputs: [value('variable', ['N', 2])],
      initializers: [...mlp(2), tensor('mean', [4], [1, -2, 0.5, 3]), tensor('scale', [4], [2, 0.5, 1, 4])],
      nodes: [
        ...nodes,
        ...hidden
          .slice(1)
          .map(
            ([op, i, o]) => [op, i.map((n) => (n === 'cast_input' ? 'scaled' : n)), o] as GraphSpec['nodes'][number],
          ),
        ['Identity', ['add_result1'], ['variable']],
      ],
    });
    const layers = ['Dense(4 → 6)', 'ReLU()', 'Dense(6 → 2)'];
    const a = await agrees(
      scaled([
        ['Sub', ['X', 'mean'], ['centred']],
        ['Div', ['centred', 'scale'], ['scaled']],
      ]),
      layers,
      { features: 4 },
    );
    const b = await agrees(
      scaled([['Scaler', ['X'], ['scaled'], { offset: [1, -2, 0.5, 3], scale: [0.5, 2, 1, 0.25] }, 'ai.onnx.ml']]),
      layers,
      { features: 4 },
    );
    const X = Matrix.randn(4, 5, { random: 3 });
    expect(relativeDiff(a.predict(X), b.predict(X))).toBeLessThan(1e-15);
  });
});

describe('tensors', () => {
  const linear = (W: ReturnType<typeof tensor>, b: ReturnType<typeof tensor>, elemType = FLOAT) =>
    onnx({
      input: value('input', ['N', 2], elemType),
      outputs: [value('output', ['N', 2], elemType)],
      initializers: [W, b],
      nodes: [['Gemm', ['input', 'W', 'b'], ['output'], { transB: { int: 1 } }]],
    });
  const weights = (m: Sequential) => m.parameters().map((p) => Array.from(p.value.data));

  it('FLOAT, DOUBLE and INT64, in raw_data and in the typed fields, read exactly', () => {
    const W = [0.1, -0.2, 1 / 3, 4];
    for (const typed of [false, true]) {
      expect(
        weights(
          fromONNX(linear(tensor('W', [2, 2], W, DOUBLE, typed), tensor('b', [2], [5, 6], DOUBLE, typed), DOUBLE)),
        ),
      ).toEqual([W, [5, 6]]);
      expect(
        weights(fromONNX(linear(tensor('W', [2, 2], W, FLOAT, typed), tensor('b', [2], [5, 6], FLOAT, typed)))),
      ).toEqual([W.map(Math.fround), [5, 6]]);
      expect(
        weights(
          fromONNX(
            linear(tensor('W', [2, 2], [1, -2, 3, 2 ** 40], INT64, typed), tensor('b', [2], [-1, 0], INT64, typed)),
          ),
        ),
      ).toEqual([
        [1, -2, 3, 2 ** 40],
        [-1, 0],
      ]);
    }
  });

  it('reads the typed fields unpacked too (one field per value, as proto2 writers may), and int64 dims < 0', () => {
    const w = new Writer().int(1, 2).int(2, FLOAT).string(8, 'b').float(4, 0.5).float(4, -4);
    expect(decodeTensor(w.finish(), 'b')).toEqual({
      name: 'b',
      dims: [2],
      dataType: FLOAT,
      values: [0.5, -4],
      external: false,
    });
    const ints = new Writer()
      .int(1, 3)
      .int(2, INT64)
      .int(7, -1)
      .int(7, 2 ** 40)
      .int(7, -(2 ** 50));
    expect(decodeTensor(ints.finish(), 't').values).toEqual([-1, 2 ** 40, -(2 ** 50)]);
    const doubles = new Writer().int(1, 1).int(2, DOUBLE).tag(10, 1);
    const bytes = new Uint8Array([...doubles.finish(), ...new Uint8Array(new Float64Array([Math.PI]).buffer)]);
    expect(decodeTensor(bytes, 't').values).toEqual([Math.PI]);
    expect(() => decodeTensor(new Writer().int(1, 3).int(2, FLOAT).float(4, 1).finish(), 't')).toThrow(
      new RangeError('fromONNX: expected t to hold 3 values (dims [3]), got 1'),
    );
  });
});

describe('refusals: a TypeError naming the node and the op', () => {
  const base = (nodes: GraphSpec['nodes'], extra: Partial<GraphSpec> = {}): Uint8Array =>
    onnx({
      input: value('input', ['N', 2]),
      outputs: [value('output', ['N', 2])],
      initializers: [random('W', [2, 2], 1), random('b', [2], 2), random('M', [3, 2], 3)],
      nodes,
      ...extra,
    });
  const refuses = (bytes: Uint8Array, message: string) => expect(() => fromONNX(bytes)).toThrow(new TypeError(message));

  it('an op it does not read', () => {
    refuses(
      base([
        ['Gemm', ['input', 'W', 'b'], ['z'], { transB: { int: 1 } }],
        ['LogSoftmax', ['z'], ['output'], { axis: { int: 1 } }],
      ]),
      "fromONNX: node 'LogSoftmax_1' (LogSoftmax): expected one of the ops fromONNX reads (Gemm, MatMul, Add, Sub, " +
        'Mul, Div, Relu, Sigmoid, Tanh, Softmax, LeakyRelu, Elu, Selu, Softplus, Gelu, Identity, Dropout, Cast, ' +
        'Flatten, Reshape, Scaler, and the label heads ArgMax, ArrayFeatureExtractor, ZipMap), got LogSoftmax',
    );
    refuses(
      base([['FusedGemm', ['input', 'W', 'b'], ['output'], {}, 'com.microsoft']]),
      "fromONNX: node 'FusedGemm_0' (FusedGemm): expected one of the ops fromONNX reads (Gemm, MatMul, Add, Sub, " +
        'Mul, Div, Relu, Sigmoid, Tanh, Softmax, LeakyRelu, Elu, Selu, Softplus, Gelu, Identity, Dropout, Cast, ' +
        "Flatten, Reshape, Scaler, and the label heads ArgMax, ArrayFeatureExtractor, ZipMap), got FusedGemm of domain 'com.microsoft'",
    );
  });

  it('attribute values it cannot represent', () => {
    refuses(
      base([['Gemm', ['input', 'W', 'b'], ['output'], { transA: { int: 1 } }]]),
      "fromONNX: node 'Gemm_0' (Gemm): expected transA = 0 (one row per example), got transA = 1",
    );
    refuses(
      base([['Softmax', ['input'], ['output'], { axis: { int: 0 } }]]),
      "fromONNX: node 'Softmax_0' (Softmax): expected axis = 1 or -1 (over the features), got axis = 0",
    );
    refuses(
      base([['Gelu', ['input'], ['output']]], { opset: 20 }),
      "fromONNX: node 'Gelu_0' (Gelu): expected approximate = 'tanh' (bottomup's GELU is the tanh approximation), " +
        "got approximate = 'none'",
    );
    refuses(
      base([['Selu', ['input'], ['output'], { alpha: 2 }]]),
      "fromONNX: node 'Selu_0' (Selu): expected alpha = 1.6732631921768188 (SELU's), got alpha = 2",
    );
    refuses(
      base([['Relu', ['input'], ['output'], { slope: 2 }]]),
      "fromONNX: node 'Relu_0' (Relu): expected no attributes, got 'slope'",
    );
    refuses(
      base([['Cast', ['input'], ['output'], { to: { int: INT64 } }]]),
      "fromONNX: node 'Cast_0' (Cast): expected to = FLOAT or DOUBLE, got to = INT64",
    );
  });

  it('biases that vary along the examples, shapes that mix examples, a kernel of the wrong size', () => {
    refuses(
      base([['Gemm', ['input', 'W', 'M'], ['output'], { transB: { int: 1 } }]]),
      "fromONNX: node 'Gemm_0' (Gemm): expected C of one value per feature (broadcasting to [2] after the examples " +
        "axis), got 'M' of dims [3, 2], which varies along the examples",
    );
    refuses(
      base([['Flatten', ['input'], ['output'], { axis: { int: 0 } }]]),
      "fromONNX: node 'Flatten_0' (Flatten): expected axis = 1 (each example stays one row), got axis = 0 of a " +
        'rank-2 input',
    );
    refuses(
      base([['Reshape', ['input', 'shape'], ['output']]], {
        initializers: [tensor('shape', [1], [-1], INT64)],
      }),
      "fromONNX: node 'Reshape_0' (Reshape): expected a shape that keeps the examples axis, (N, …) with 2 values per " +
        'example, got shape [-1] for [N, 2]',
    );
    refuses(
      base([['MatMul', ['input', 'M'], ['output']]]),
      "fromONNX: node 'MatMul_0' (MatMul): expected B of dims [2, n], got 'M' of dims [3, 2]",
    );
    refuses(
      base([['MatMul', ['M', 'input'], ['output']]]),
      "fromONNX: node 'MatMul_0' (MatMul): expected the examples 'input' as A (the first input), got them as input 1",
    );
  });

  it('a second input, a branch, a second output, a weight computed in the graph', () => {
    refuses(
      base([['Add', ['input', 'other'], ['output']]], { input: [value('input', ['N', 2]), value('other', ['N', 2])] }),
      "fromONNX: expected one graph input (the examples), got 2: 'input', 'other'",
    );
    refuses(
      base([
        ['Relu', ['input'], ['r']],
        ['Tanh', ['input'], ['t']],
        ['Add', ['r', 't'], ['output']],
      ]),
      "fromONNX: node 'Tanh_1' (Tanh): expected 'input' read by one node (a chain of layers), got it read by " +
        "node 'Relu_0' (Relu), node 'Tanh_1' (Tanh)",
    );
    refuses(
      base(
        [
          ['Relu', ['input'], ['r']],
          ['Tanh', ['r'], ['output']],
        ],
        { outputs: [value('output', ['N', 2]), value('r', ['N', 2])] },
      ),
      "fromONNX: expected one graph output, the last layer's 'output', got 'output', 'r'",
    );
    refuses(
      base([
        ['Relu', ['W'], ['W2']],
        ['MatMul', ['input', 'W2'], ['output']],
      ]),
      "fromONNX: node 'MatMul_1' (MatMul): expected B to be a constant (an initializer), got 'W2', computed in the graph",
    );
  });

  it('external data, model-local functions, other data types, bytes that are not a model', () => {
    const external = decodeModel(base([['Gemm', ['input', 'W', 'b'], ['output'], { transB: { int: 1 } }]]));
    external.graph.initializers[0].external = true;
    refuses(
      encodeModel(external),
      "fromONNX: expected tensor 'W' stored in the model, got external data (load it in with onnx first)",
    );
    const withFunction = new Uint8Array([...base([['Relu', ['input'], ['output']]]), 0xca, 0x01, 0x00]);
    refuses(withFunction, 'fromONNX: expected a model without model-local functions, got 1 function(s)');
    refuses(
      base([['Gemm', ['input', 'W', 'b'], ['output'], { transB: { int: 1 } }]], {
        initializers: [{ name: 'W', dims: [2, 2], dataType: 10, values: null }, random('b', [2], 2)],
      }),
      "fromONNX: node 'Gemm_0' (Gemm): expected B 'W' of FLOAT, DOUBLE or INT64, got FLOAT16",
    );
    expect(() => fromONNX(new Uint8Array([0x0a, 0x05, 0x01]))).toThrow(
      new RangeError('fromONNX: expected the model to be complete, got it cut short'),
    );
    expect(() => fromONNX('model.onnx' as unknown as Uint8Array)).toThrow(
      new TypeError('fromONNX: expected the bytes of an .onnx file (a Uint8Array), got "model.onnx"'),
    );
  });
});

describe('fromONNX reads toONNX of a model with a single Dense and of one whose Dense has no bias', () => {
  it('round trips', () => {
    const X = Matrix.from([
      [1, 2],
      [3, 4],
    ]);
    for (const useBias of [true, false]) {
      const bytes = onnx({
        input: value('input', ['N', 2]),
        outputs: [value('output', ['N', 2])],
        initializers: useBias ? [random('W', [2, 2], 1), random('b', [2], 2)] : [random('W', [2, 2], 1)],
        nodes: [['Gemm', useBias ? ['input', 'W', 'b'] : ['input', 'W'], ['output'], { transB: { int: 1 } }]],
      });
      const model = fromONNX(bytes);
      expect(fromONNX(toONNX(model)).predict(X).data).toEqual(model.predict(X).data);
    }
  });
});

describe('more of what real graphs hold', () => {
  it("returns bottomup's own Sequential class", () => {
    const bytes = onnx({
      input: value('input', ['N', 2]),
      outputs: [value('output', ['N', 2])],
      nodes: [['Relu', ['input'], ['output']]],
    });
    expect(fromONNX(bytes)).toBeInstanceOf(Sequential);
    // a graph of pass-through ops only is an Identity model
    const passthrough = onnx({
      input: value('input', ['N', 2]),
      outputs: [value('output', ['N', 2])],
      nodes: [['Identity', ['input'], ['output']]],
    });
    expect(fromONNX(passthrough).layers.map(String)).toEqual(['Identity()']);
  });

  it('Constant nodes (value, value_float) as weights; Softmax before opset 13 over all of an example', async () => {
    await agrees(
      {
        opset: 11,
        input: value('input', ['N', 2, 3]),
        outputs: [value('output', ['N', 2, 3])],
        nodes: [
          ['Constant', [], ['half'], { value_float: 0.5 }],
          ['Mul', ['input', 'half'], ['m']],
          ['Softmax', ['m'], ['output'], { axis: { int: 1 } }],
        ],
      },
      ['Dense(6 → 6)', 'Softmax()'],
      { features: 6, inputShape: [2, 3] },
    );
    const W = random('W', [2, 3], 31);
    const bytes = onnx({
      input: value('input', ['N', 3]),
      outputs: [value('output', ['N', 2])],
      nodes: [
        ['Constant', [], ['W'], { value: { tensor: W } }],
        ['Gemm', ['input', 'W'], ['output'], { transB: { int: 1 } }],
      ],
    });
    expect(Array.from((fromONNX(bytes).layers[0] as Dense).weight.value.data)).toEqual(W.values);
  });

  it('Dropout in training mode, a mask that is used, and a Softmax over a rank-3 input are refused', () => {
    const drop = (inputs: string[], outputs: string[], extra: GraphSpec['nodes'] = []) =>
      onnx({
        opset: 13,
        input: value('input', ['N', 2]),
        outputs: [value('output', ['N', 2])],
        initializers: [tensor('train', [], [1], BOOL), tensor('off', [], [0], BOOL), tensor('ratio', [], [0.5])],
        nodes: [['Dropout', inputs, outputs], ...extra],
      });
    expect(() => fromONNX(drop(['input', 'ratio', 'train'], ['output']))).toThrow(
      new TypeError(
        "fromONNX: node 'Dropout_0' (Dropout): expected training_mode absent or false (inference), got 'train'",
      ),
    );
    expect(fromONNX(drop(['input', 'ratio', 'off'], ['output'])).layers.map(String)).toEqual(['Identity()']);
    expect(() => fromONNX(drop(['input'], ['d', 'mask'], [['Add', ['d', 'mask'], ['output']]]))).toThrow(
      new TypeError("fromONNX: node 'Dropout_0' (Dropout): expected only its first output used, got 'mask' read too"),
    );
    const softmax3 = onnx({
      input: value('input', ['N', 2, 3]),
      outputs: [value('output', ['N', 2, 3])],
      nodes: [['Softmax', ['input'], ['output'], { axis: { int: -1 } }]],
    });
    expect(() => fromONNX(softmax3)).toThrow(
      new TypeError("fromONNX: node 'Softmax_0' (Softmax): expected an input of shape (N, features), got [N, 2, 3]"),
    );
  });
});
