/**
 * `model.toJSON()` / `loadModel`: a property test over generated models (every layer kind,
 * extreme weights) for bit-identical round trips through JSON text, the documented format, malformed
 * input rejected with exact messages, custom layer factories, and optimizer state that resumes
 * training exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ELU,
  GELU,
  Identity,
  LeakyReLU,
  ReLU,
  SELU,
  SiLU,
  Sigmoid,
  Softmax,
  Softplus,
  Tanh,
} from '../../src/activations/index.js';
import { Dense } from '../../src/layers/dense.js';
import { PLAIN_ACTIVATIONS, buildModel, inputArb, modelSpecArb } from './generators.js';
import type { Layer, LayerJSON } from '../../src/layers/layer.js';
import type { Parameter } from '../../src/parameter.js';
import { BinaryCrossEntropy } from '../../src/losses/index.js';
import { Adagrad, Adam, AdamW, type Optimizer, type OptimizerJSON, RMSprop, SGD } from '../../src/optimizers/index.js';
import { Matrix } from '../../src/matrix/index.js';
import { ShapeError } from '../../src/errors.js';
import { Sequential } from '../../src/model/sequential.js';
import { MODEL_FORMAT, MODEL_VERSION, type SequentialJSON } from '../../src/io/format.js';
import { moons } from '../../src/data/datasets.js';
import { gatherColumnsInto } from '../../src/data/batch.js';
import { fit } from '../../src/train/index.js';
import { loadModel, loadOptimizerState } from '../../src/io/index.js';

// ---- helpers ----------------------------------------------------------------------------------

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  expect(firstDifference(a, b), `${what}: first differing index`).toBe(-1);
}

function expectSameWeights(a: Sequential, b: Sequential): void {
  const pa = a.parameters(),
    pb = b.parameters();
  expect(pb.map((p) => p.name)).toEqual(pa.map((p) => p.name));
  pa.forEach((p, i) => expectSameBits(p.value.data, pb[i].value.data, p.name));
}

/** JSON text → object, as a user saving to a file and loading it back would. */
const viaText = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function expectThrow(fn: () => unknown, type: new (...args: never[]) => Error, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a throw').toBeInstanceOf(type);
  expect((caught as Error).message).toBe(message);
}

describe('round trip (property, fixed seed)', () => {
  let nestedSeen = 0;
  it('JSON text round trip: bit-identical predictions and identical toJSON output', () => {
    fc.assert(
      fc.property(
        modelSpecArb.chain((spec) => fc.tuple(fc.constant(spec), inputArb(spec.sizes[0]))),
        ([spec, X]) => {
          const model = buildModel(spec.layers, spec.nesting);
          const text = JSON.stringify(model.toJSON());
          nestedSeen += text.includes('"Sequential"') ? 1 : 0;
          const copy = loadModel(JSON.parse(text) as SequentialJSON);

          // The same architecture…
          expect(copy.layers.map(String)).toEqual(model.layers.map(String));
          expect(copy.layers.length).toBe(model.layers.length);
          expect(copy.summary()).toBe(model.summary());
          // …the same serialised form (and stable: a second round trip changes nothing)…
          expect(JSON.stringify(copy.toJSON())).toBe(text);
          expect(copy.toJSON()).toEqual(JSON.parse(text));
          // …the same weights up to the sign of zero (JSON has no −0)…
          model.parameters().forEach((p, i) => {
            const q = copy.parameters()[i];
            expect(q.name).toBe(p.name);
            for (let k = 0; k < p.value.size; k++) {
              const v = p.value.data[k];
              expect(Object.is(q.value.data[k], v === 0 ? 0 : v)).toBe(true);
            }
          });
          // …and bit-identical predictions (NaN = NaN, 0 ≠ −0).
          const expected = model.predict(X);
          const actual = copy.predict(X);
          expect(actual.shape).toEqual(expected.shape);
          expectSameBits(actual.data, expected.data, 'prediction');
        },
      ),
      { seed: 20260501, numRuns: 300 },
    );
    // Nested models were among them.
    expect(nestedSeen).toBeGreaterThan(100);
  });

  it('loadModel also takes the toJSON object directly, and the copy owns its weights', () => {
    const model = new Sequential([
      new Dense(2, 3, { seed: 1 }),
      new ELU({ alpha: 0.5 }),
      new Dense(3, 1, { seed: 2 }),
      new Sigmoid(),
    ]);
    const json = model.toJSON();
    const frozen = JSON.stringify(json);
    const copy = loadModel(json);
    expect(JSON.stringify(json)).toBe(frozen); // the input is not modified
    expectSameWeights(copy, model);
    // Training the copy leaves the original (and the JSON object) alone.
    const X = Matrix.from([
        [0.5, -1, 2],
        [1, 0.25, -0.5],
      ]),
      Y = Matrix.from([[1, 0, 1]]);
    fit(copy, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(copy.parameters(), { learningRate: 0.5 }),
      epochs: 3,
    });
    expect(JSON.stringify(model.toJSON())).toBe(frozen);
    expect(JSON.stringify(json)).toBe(frozen);
    expect(JSON.stringify(copy.toJSON())).not.toBe(frozen);
  });

  it('−0 weights and biases are written as 0 by JSON.stringify, and predictions do not change', () => {
    const dense = new Dense(1, 2, { init: 'zeros' });
    dense.weight.value.data.set([-0, 2]);
    dense.bias!.value.data.set([-0, -0]);
    const model = new Sequential([dense, new Identity()]);
    expect(Object.is(model.toJSON().layers[0].weights!.W[0], -0)).toBe(true);
    const text = JSON.stringify(model);
    expect(text).toContain('"W":[0,2],"b":[0,0]');
    const copy = loadModel(JSON.parse(text) as SequentialJSON);
    const X = Matrix.from([[3, -3, 0, -0]]);
    expectSameBits(copy.predict(X).data, model.predict(X).data, 'prediction');
  });
});

describe('known issue', () => {
  // JSON has no −0, so an activation built with alpha −0 comes back with alpha 0, and its output at
  // z = 0 (LeakyReLU) or z < 0 (ELU) changes sign: −0 instead of 0. A fix belongs in the activations
  // (normalise alpha −0 to 0 at construction, as the weights need no fix: products are summed from +0).
  it('LeakyReLU and ELU with alpha −0 round-trip with bit-identical predictions', () => {
    for (const layer of [new LeakyReLU({ alpha: -0 }), new ELU({ alpha: -0 })]) {
      const model = new Sequential([new Dense(1, 1, { init: 'zeros' }), layer]);
      model.parameters()[0].value.data[0] = 1;
      const copy = loadModel(viaText(model.toJSON()));
      const X = Matrix.from([[0, -1, 2]]);
      expectSameBits(copy.predict(X).data, model.predict(X).data, `${layer.toString()} prediction`);
    }
  });
});

// ---- the documented format --------------------------------------------------------------------

describe('the documented format', () => {
  it("is { format: 'bottomup.sequential', version: 1, layers } with Dense sizes, options and row-major weights", () => {
    expect(MODEL_FORMAT).toBe('bottomup.sequential');
    expect(MODEL_VERSION).toBe(1);
    const first = new Dense(2, 3, { init: 'small', seed: 4 });
    first.weight.value.data.set([1, 2, 3, 4, 5, 6]);
    first.bias!.value.data.set([0.5, -0.5, 0.25]);
    const second = new Dense(3, 1, { init: 'he', useBias: false, seed: 5 });
    second.weight.value.data.set([7, 8, 9]);
    const model = new Sequential([first, new LeakyReLU({ alpha: 0.2 }), second, new ELU(), new Tanh()]);
    // W is (outputSize, inputSize), written row by row: W[1] row 0 is [1, 2].
    expect(first.weight.value.shape).toEqual([3, 2]);
    expect(first.weight.value.get(0, 1)).toBe(2);
    expect(first.weight.value.get(1, 0)).toBe(3);
    expect(model.toJSON()).toEqual({
      format: 'bottomup.sequential',
      version: 1,
      layers: [
        {
          type: 'Dense',
          config: { inputSize: 2, outputSize: 3, useBias: true, init: 'small' },
          weights: { W: [1, 2, 3, 4, 5, 6], b: [0.5, -0.5, 0.25] },
        },
        { type: 'LeakyReLU', config: { alpha: 0.2 } },
        {
          type: 'Dense',
          config: { inputSize: 3, outputSize: 1, useBias: false, init: 'he' },
          weights: { W: [7, 8, 9] },
        },
        { type: 'ELU', config: { alpha: 1 } },
        { type: 'Tanh' },
      ],
    });
    // Parameter-free layers without options have no config key at all.
    expect(Object.keys(model.toJSON().layers[4])).toEqual(['type']);
    // JSON.stringify(model) uses toJSON.
    expect(JSON.parse(JSON.stringify(model))).toEqual(model.toJSON());
  });

  it('every built-in activation serialises by its class name', () => {
    const layers = [
      new Sigmoid(),
      new Tanh(),
      new ReLU(),
      new Softmax(),
      new Identity(),
      new SELU(),
      new GELU(),
      new Softplus(),
      new SiLU(),
    ];
    const model = new Sequential([new Dense(2, 2, { seed: 1 }), ...layers]);
    expect(model.toJSON().layers.slice(1)).toEqual(PLAIN_ACTIVATIONS.map((type) => ({ type })));
    expect(loadModel(viaText(model.toJSON())).layers.map(String)).toEqual(model.layers.map(String));
  });

  it(
    'reads optional fields with their defaults: useBias true, init xavier, LeakyReLU/ELU alpha, empty ' +
      'activation config',
    () => {
      const json = {
        format: 'bottomup.sequential',
        version: 1,
        layers: [
          { type: 'Dense', config: { inputSize: 1, outputSize: 2 }, weights: { W: [1, -1], b: [0, 0.5] } },
          { type: 'LeakyReLU' },
          { type: 'Dense', config: { inputSize: 2, outputSize: 1 }, weights: { W: [1, 1], b: [0] } },
          { type: 'ELU', config: {} },
          { type: 'Sigmoid', config: {} },
        ],
      };
      const model = loadModel(json);
      const dense = model.layers[0] as Dense;
      expect(dense.bias).not.toBeNull();
      expect(dense.init).toBe('xavier');
      expect((model.layers[1] as LeakyReLU).alpha).toBe(0.01);
      expect((model.layers[3] as ELU).alpha).toBe(1);
      expect(model.parameters().map((p) => p.name)).toEqual(['W[1]', 'b[1]', 'W[2]', 'b[2]']);
      // Z[1] = [2, −1.5], LeakyReLU 0.01 → [2, −0.015], Z[2] = 1.985, ELU keeps it, then the sigmoid.
      expect(model.predict(Matrix.from([[2]])).get(0, 0)).toBeCloseTo(1 / (1 + Math.exp(-1.985)), 15);
    },
  );
});

// ---- malformed input --------------------------------------------------------------------------

describe('malformed JSON is rejected with an exact message', () => {
  /** A valid model's JSON, freshly parsed: mutate it per case. */
  const valid = (): SequentialJSON =>
    viaText(
      new Sequential([
        new Dense(2, 3, { seed: 1 }),
        new LeakyReLU({ alpha: 0.2 }),
        new Dense(3, 1, { seed: 2, useBias: false }),
        new Sigmoid(),
      ]).toJSON(),
    );
  const P = 'loadModel: ';
  /** Parsed JSON, mutated freely by the cases. */
  type Json = any;
  const cases: [string, (j: Json) => unknown, new (...args: never[]) => Error, string][] = [
    [
      'the JSON text instead of the object',
      (j) => JSON.stringify(j),
      TypeError,
      `${P}expected a model object (JSON.parse the text first), got a string`,
    ],
    ['null', () => null, TypeError, `${P}expected a model object { format, version, layers }, got null`],
    ['an array', () => [], TypeError, `${P}expected a model object { format, version, layers }, got an array`],
    ['a number', () => 3, TypeError, `${P}expected a model object { format, version, layers }, got 3`],
    [
      'a wrong format',
      (j) => ((j.format = 'keras'), j),
      TypeError,
      `${P}expected format "bottomup.sequential", got "keras"`,
    ],
    [
      'a missing format',
      (j) => (delete j.format, j),
      TypeError,
      `${P}expected format "bottomup.sequential", got undefined`,
    ],
    [
      'a newer version',
      (j) => ((j.version = 2), j),
      RangeError,
      `${P}expected format version <= 1 (this build of bottomup), got 2: upgrade bottomup to read this model`,
    ],
    ['version 0', (j) => ((j.version = 0), j), TypeError, `${P}expected version to be a positive integer, got 0`],
    [
      'a non-integer version',
      (j) => ((j.version = 1.5), j),
      TypeError,
      `${P}expected version to be a positive integer, got 1.5`,
    ],
    [
      'a version string',
      (j) => ((j.version = '1'), j),
      TypeError,
      `${P}expected version to be a positive integer, got "1"`,
    ],
    [
      'a missing version',
      (j) => (delete j.version, j),
      TypeError,
      `${P}expected version to be a positive integer, got undefined`,
    ],
    [
      'an unknown top-level key',
      (j) => ((j.name = 'mine'), j),
      TypeError,
      `${P}expected the model keys among format, version, layers, got unknown key "name"`,
    ],
    [
      'missing layers',
      (j) => (delete j.layers, j),
      TypeError,
      `${P}expected layers to be a non-empty array, got undefined`,
    ],
    [
      'empty layers',
      (j) => ((j.layers = []), j),
      TypeError,
      `${P}expected layers to be a non-empty array, got an empty array`,
    ],
    [
      'layers as an object',
      (j) => ((j.layers = {}), j),
      TypeError,
      `${P}expected layers to be a non-empty array, got an object`,
    ],
    ['a null layer', (j) => ((j.layers[1] = null), j), TypeError, `${P}expected layers[1] to be an object, got null`],
    [
      'a layer without type',
      (j) => (delete j.layers[1].type, j),
      TypeError,
      `${P}expected layers[1].type to be a string, got undefined`,
    ],
    [
      'an unknown layer kind',
      (j) => ((j.layers[1].type = 'Swish'), j),
      TypeError,
      `${P}expected layers[1].type to be a known layer kind (Dense, Dropout, BatchNorm, Sequential, Sigmoid, Tanh, ReLU, LeakyReLU, ` +
        `Softmax, Identity, ELU, SELU, GELU, Softplus, SiLU), got "Swish": for a layer kind of your own, pass a ` +
        `factory: loadModel(json, { layers: { "Swish": (json) => layer } })`,
    ],
    [
      'missing weights',
      (j) => (delete j.layers[0].weights, j),
      TypeError,
      `${P}expected layers[0].weights to be an object with W and b, got undefined`,
    ],
    [
      'missing weights, no bias',
      (j) => (delete j.layers[2].weights, j),
      TypeError,
      `${P}expected layers[2].weights to be an object with W, got undefined`,
    ],
    [
      'missing W',
      (j) => (delete j.layers[0].weights.W, j),
      TypeError,
      `${P}expected layers[0].weights.W to be an array of 6 numbers, got undefined`,
    ],
    [
      'missing b',
      (j) => (delete j.layers[0].weights.b, j),
      TypeError,
      `${P}expected layers[0].weights.b to be an array of 3 numbers, got undefined`,
    ],
    [
      'W of the wrong length',
      (j) => (j.layers[0].weights.W.pop(), j),
      TypeError,
      `${P}expected layers[0].weights.W to have length 6, got length 5`,
    ],
    [
      'b of the wrong length',
      (j) => (j.layers[0].weights.b.push(0), j),
      TypeError,
      `${P}expected layers[0].weights.b to have length 3, got length 4`,
    ],
    [
      'W not an array',
      (j) => ((j.layers[0].weights.W = 'abc'), j),
      TypeError,
      `${P}expected layers[0].weights.W to be an array of 6 numbers, got "abc"`,
    ],
    [
      'a NaN weight',
      (j) => ((j.layers[0].weights.W[3] = NaN), j),
      TypeError,
      `${P}expected layers[0].weights.W[3] to be a finite number, got NaN`,
    ],
    [
      'an Infinity weight',
      (j) => ((j.layers[2].weights.W[0] = -Infinity), j),
      TypeError,
      `${P}expected layers[2].weights.W[0] to be a finite number, got -Infinity`,
    ],
    [
      'a "1" weight',
      (j) => ((j.layers[0].weights.b[1] = '1'), j),
      TypeError,
      `${P}expected layers[0].weights.b[1] to be a finite number, got "1"`,
    ],
    [
      'a null weight (what JSON.stringify writes for NaN)',
      (j) => ((j.layers[0].weights.W[5] = null), j),
      TypeError,
      `${P}expected layers[0].weights.W[5] to be a finite number, got null`,
    ],
    [
      'a bias on a layer without one',
      (j) => ((j.layers[2].weights.b = [0]), j),
      TypeError,
      `${P}expected layers[2].weights keys among W, got unknown key "b"`,
    ],
    [
      'an unknown weight',
      (j) => ((j.layers[0].weights.gamma = [1]), j),
      TypeError,
      `${P}expected layers[0].weights keys among W, b, got unknown key "gamma"`,
    ],
    [
      'a missing Dense config',
      (j) => (delete j.layers[0].config, j),
      TypeError,
      `${P}expected layers[0].config to be an object, got undefined`,
    ],
    [
      'an array config',
      (j) => ((j.layers[0].config = []), j),
      TypeError,
      `${P}expected layers[0].config to be an object, got an array`,
    ],
    [
      'inputSize as a string',
      (j) => ((j.layers[0].config.inputSize = '2'), j),
      TypeError,
      `${P}expected layers[0].config.inputSize to be a positive integer, got "2"`,
    ],
    [
      'inputSize 0',
      (j) => ((j.layers[0].config.inputSize = 0), j),
      TypeError,
      `${P}expected layers[0].config.inputSize to be a positive integer, got 0`,
    ],
    [
      'a fractional outputSize',
      (j) => ((j.layers[0].config.outputSize = 1.5), j),
      TypeError,
      `${P}expected layers[0].config.outputSize to be a positive integer, got 1.5`,
    ],
    [
      'useBias as a string',
      (j) => ((j.layers[0].config.useBias = 'yes'), j),
      TypeError,
      `${P}expected layers[0].config.useBias to be a boolean, got "yes"`,
    ],
    [
      'an unknown init',
      (j) => ((j.layers[0].config.init = 'glorot'), j),
      TypeError,
      `${P}expected layers[0].config.init to be one of zeros, small, xavier, he, lecun, got "glorot"`,
    ],
    [
      'an unknown config key',
      (j) => ((j.layers[0].config.activation = 'relu'), j),
      TypeError,
      `${P}expected layers[0].config keys among inputSize, outputSize, useBias, init, regularizer, got unknown key "activation"`,
    ],
    [
      'an unknown layer key',
      (j) => ((j.layers[0].name = 'fc1'), j),
      TypeError,
      `${P}expected layers[0] keys among type, config, weights, got unknown key "name"`,
    ],
    [
      'alpha as a string',
      (j) => ((j.layers[1].config.alpha = '0.2'), j),
      TypeError,
      `${P}expected layers[1].config.alpha to be a finite number, got "0.2"`,
    ],
    [
      'alpha null',
      (j) => ((j.layers[1].config.alpha = null), j),
      TypeError,
      `${P}expected layers[1].config.alpha to be a finite number, got null`,
    ],
    [
      'an unknown activation config key',
      (j) => ((j.layers[1].config.slope = 1), j),
      TypeError,
      `${P}expected layers[1].config keys among alpha, got unknown key "slope"`,
    ],
    [
      'a config on Sigmoid',
      (j) => ((j.layers[3].config = { a: 1 }), j),
      TypeError,
      `${P}expected layers[3].config to be absent or empty, got an object`,
    ],
    [
      'weights on an activation',
      (j) => ((j.layers[3].weights = {}), j),
      TypeError,
      `${P}expected layers[3] keys among type, config, got unknown key "weights"`,
    ],
  ];

  it.each(cases)('%s', (_name, mutate, type, message) => {
    const json = valid();
    const input = mutate(json);
    const before = JSON.stringify(input);
    expectThrow(() => loadModel(input as SequentialJSON), type, message);
    expect(JSON.stringify(input)).toBe(before); // the input is left as it was
  });

  it("a newer version is refused before anything else is read (it may hold keys this build doesn't know)", () => {
    expectThrow(
      () => loadModel({ format: MODEL_FORMAT, version: 3, layers: 'a new thing', extra: true } as never),
      RangeError,
      `${P}expected format version <= 1 (this build of bottomup), got 3: upgrade bottomup to read this model`,
    );
  });

  it('layers that do not fit together throw a ShapeError naming both layers', () => {
    const json = valid() as Json;
    json.layers[2].config.inputSize = 4;
    json.layers[2].weights.W = [1, 2, 3, 4];
    expectThrow(
      () => loadModel(json),
      ShapeError,
      'Sequential: expected Dense(4 → 1) (layer 2) to take the 3 outputs of LeakyReLU(alpha=0.2) (layer 1), ' +
        'got inputSize 4',
    );
  });

  it('an unknown option of loadModel is a TypeError', () => {
    expectThrow(
      () => loadModel(valid(), { custom: {} } as never),
      TypeError,
      'loadModel: expected options among layers, got unknown option "custom"',
    );
  });
});

// ---- custom layers ----------------------------------------------------------------------------

/** A user-defined layer: a learnable per-feature scale `A = s ⊙ Z` (broadcast over columns). */
class Scale implements Layer {
  readonly scale: Parameter;
  private input: Matrix | null = null;
  constructor(
    readonly size: number,
    values?: readonly number[],
  ) {
    const s = new Matrix(size, 1);
    s.data.set(values ?? Array.from({ length: size }, (_, i) => 1 + i / 10));
    this.scale = { name: 's', value: s, grad: new Matrix(size, 1) };
  }
  get inputSize(): number {
    return this.size;
  }
  forward(input: Matrix): Matrix {
    this.input = input;
    return input.map((v, i) => v * this.scale.value.data[i]);
  }
  backward(grad: Matrix): Matrix {
    const A = this.input!;
    for (let i = 0; i < A.rows; i++)
      for (let j = 0; j < A.cols; j++) this.scale.grad.data[i] += grad.get(i, j) * A.get(i, j);
    return grad.map((v, i) => v * this.scale.value.data[i]);
  }
  parameters(): Parameter[] {
    return [this.scale];
  }
  computeOutputSize(inputSize: number): number {
    if (inputSize !== this.size) throw new ShapeError(`Scale: expected ${this.size} features, got ${inputSize}`);
    return this.size;
  }
  toString(): string {
    return `Scale(${this.size})`;
  }
  toJSON(): LayerJSON {
    return { type: 'Scale', config: { size: this.size }, weights: { s: Array.from(this.scale.value.data) } };
  }
}

describe('custom layers', () => {
  const model = new Sequential([
    new Dense(2, 3, { seed: 3 }),
    new Scale(3, [0.5, -2, 1e-3]),
    new Tanh(),
    new Dense(3, 1, { seed: 4 }),
  ]);
  const X = Matrix.from([
    [0.5, -1, 2],
    [1, 0.25, -0.5],
  ]);
  const factory = (j: LayerJSON): Layer => new Scale(j.config!.size as number, j.weights!.s);

  it('round trip through a factory given in loadModel(json, { layers })', () => {
    const json = viaText(model.toJSON());
    expect(json.layers[1]).toEqual({ type: 'Scale', config: { size: 3 }, weights: { s: [0.5, -2, 1e-3] } });
    const copy = loadModel(json, { layers: { Scale: factory } });
    expect(copy.layers[1]).toBeInstanceOf(Scale);
    expect(copy.parameters().map((p) => p.name)).toEqual(['W[1]', 'b[1]', 's[2]', 'W[3]', 'b[3]']);
    expectSameWeights(copy, model);
    expectSameBits(copy.predict(X).data, model.predict(X).data, 'prediction');
    expect(JSON.stringify(copy.toJSON())).toBe(JSON.stringify(model.toJSON()));
  });

  it('the factory receives the layer JSON as saved', () => {
    const seen: LayerJSON[] = [];
    loadModel(viaText(model.toJSON()), { layers: { Scale: (j) => (seen.push(j), factory(j)) } });
    expect(seen).toEqual([{ type: 'Scale', config: { size: 3 }, weights: { s: [0.5, -2, 1e-3] } }]);
  });

  it('without the factory the kind is unknown; the error lists the factories given', () => {
    const json = viaText(model.toJSON());
    expectThrow(
      () => loadModel(json),
      TypeError,
      'loadModel: expected layers[1].type to be a known layer kind (Dense, Dropout, BatchNorm, Sequential, Sigmoid, Tanh, ReLU, ' +
        'LeakyReLU, Softmax, Identity, ELU, SELU, GELU, Softplus, SiLU), got "Scale": for a layer kind of your own, ' +
        'pass a factory: loadModel(json, { layers: { "Scale": (json) => layer } })',
    );
    expectThrow(
      () => loadModel(json, { layers: { Shift: factory } }),
      TypeError,
      'loadModel: expected layers[1].type to be a known layer kind (Dense, Dropout, BatchNorm, Sequential, Sigmoid, Tanh, ReLU, ' +
        'LeakyReLU, Softmax, Identity, ELU, SELU, GELU, Softplus, SiLU, Shift), got "Scale": for a layer kind of ' +
        'your own, pass a factory: loadModel(json, { layers: { "Scale": (json) => layer } })',
    );
  });

  it('a layer without toJSON cannot be saved', () => {
    const bare = new Scale(3) as Partial<Scale>;
    Object.defineProperty(bare, 'toJSON', { value: undefined });
    const m = new Sequential([new Dense(2, 3, { seed: 1 }), bare as Layer]);
    expectThrow(() => m.toJSON(), TypeError, 'Sequential.toJSON: expected layers[1] to have toJSON(), got Scale(3)');
  });
});

// ---- optimizer state: resume exactly ----------------------------------------------------------

describe('optimizer state round trip: resuming training is exact', () => {
  const { X, Y } = moons({ m: 100, noise: 0.2, seed: 3 });
  /** Mini-batch `k` (of 25 examples, in order, cycling): a fixed schedule both runs follow. */
  const batches = [0, 1, 2, 3].map((k) => {
    const idx = Array.from({ length: 25 }, (_, j) => 25 * k + j);
    return [gatherColumnsInto(new Matrix(2, 25), X, idx), gatherColumnsInto(new Matrix(1, 25), Y, idx)] as const;
  });
  const build = () =>
    new Sequential([
      new Dense(2, 6, { init: 'he', seed: 21 }),
      new ReLU(),
      new Dense(6, 1, { seed: 22 }),
      new Sigmoid(),
    ]);

  function train(model: Sequential, optimizer: Optimizer, from: number, to: number): void {
    const loss = new BinaryCrossEntropy();
    for (let step = from; step < to; step++) {
      const [Xb, Yb] = batches[step % 4];
      loss.forward(model.forward(Xb), Yb);
      optimizer.zeroGrad();
      model.backward(loss.backward());
      optimizer.step();
    }
  }

  const kinds: [string, (p: Parameter[]) => Optimizer, string[]][] = [
    ['Adam', (p) => new Adam(p, { learningRate: 0.01 }), ['m', 'v']],
    ['AdamW', (p) => new AdamW(p, { learningRate: 0.01, weightDecay: 0.1 }), ['m', 'v']],
    ['SGD with momentum', (p) => new SGD(p, { learningRate: 0.05, momentum: 0.9 }), ['momentum']],
    [
      'SGD with Nesterov momentum',
      (p) => new SGD(p, { learningRate: 0.05, momentum: 0.8, nesterov: true }),
      ['momentum'],
    ],
    ['RMSprop', (p) => new RMSprop(p, { learningRate: 0.005 }), ['square']],
    [
      'RMSprop centred with momentum',
      (p) => new RMSprop(p, { learningRate: 0.005, momentum: 0.5, centered: true }),
      ['square', 'momentum', 'mean'],
    ],
    ['Adagrad', (p) => new Adagrad(p, { learningRate: 0.05, lrDecay: 0.01 }), ['sum']],
  ];

  it.each(kinds)(
    '%s: toJSON → JSON text → loadOptimizerState over a loadModel model continues bit-identically',
    (_name, make, slots) => {
      const K = 23,
        N = 37;
      const original = build();
      const optimizer = make(original.parameters());
      train(original, optimizer, 0, K);

      const savedModel = JSON.stringify(original.toJSON());
      const savedOptimizer = JSON.stringify(optimizer.toJSON());
      const state = JSON.parse(savedOptimizer) as OptimizerJSON;
      expect(state.step).toBe(K);
      expect(Object.keys(state.slots)).toEqual(slots);
      for (const slot of slots) expect(state.slots[slot].map((b) => b.length)).toEqual([12, 6, 6, 1]);

      // Resume in a fresh model and a fresh optimizer.
      const resumed = loadModel(JSON.parse(savedModel) as SequentialJSON);
      const resumedOptimizer = loadOptimizerState(make(resumed.parameters()), state);
      expect(resumedOptimizer.toJSON()).toEqual(JSON.parse(savedOptimizer));

      train(original, optimizer, K, K + N);
      train(resumed, resumedOptimizer, K, K + N);
      expectSameWeights(resumed, original);
      expect(resumedOptimizer.toJSON()).toEqual(optimizer.toJSON());

      // The saved state matters: a fresh optimizer without it ends elsewhere.
      const restarted = loadModel(JSON.parse(savedModel) as SequentialJSON);
      train(restarted, make(restarted.parameters()), K, K + N);
      const differs = restarted
        .parameters()
        .some((p, i) => firstDifference(p.value.data, original.parameters()[i].value.data) !== -1);
      expect(differs).toBe(true);
    },
  );

  it('plain SGD has no slots; its step count round-trips', () => {
    const model = build();
    const sgd = new SGD(model.parameters(), { learningRate: 0.1 });
    train(model, sgd, 0, 5);
    const state = viaText(sgd.toJSON());
    expect(state).toEqual({
      type: 'SGD',
      config: {
        learningRate: 0.1,
        momentum: 0,
        dampening: 0,
        nesterov: false,
        weightDecay: 0,
        initialVelocity: 'gradient',
      },
      step: 5,
      slots: {},
    });
    const fresh = loadOptimizerState(
      new SGD(loadModel(viaText(model.toJSON())).parameters(), { learningRate: 0.1 }),
      state,
    );
    expect(fresh.stepCount).toBe(5);
  });

  it(
    'loadOptimizerState is all-or-nothing: a state for another kind or other shapes leaves the optimizer as ' +
      'it was',
    () => {
      const model = build();
      const adam = new Adam(model.parameters(), { learningRate: 0.01 });
      train(model, adam, 0, 3);
      const before = JSON.stringify(adam.toJSON());
      const other = new Sequential([
        new Dense(2, 5, { seed: 1 }),
        new ReLU(),
        new Dense(5, 1, { seed: 2 }),
        new Sigmoid(),
      ]);
      const otherAdam = new Adam(other.parameters());
      expectThrow(
        () =>
          loadOptimizerState(adam, viaText(new SGD(model.parameters(), { learningRate: 1, momentum: 0.5 }).toJSON())),
        TypeError,
        'loadOptimizerState: expected type "Adam", got "SGD"',
      );
      expectThrow(
        () => loadOptimizerState(adam, viaText(otherAdam.toJSON())),
        RangeError,
        'loadOptimizerState: expected slots.m[0] of length 12, got 10',
      );
      expect(JSON.stringify(adam.toJSON())).toBe(before);
    },
  );
});
