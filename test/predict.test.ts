/**
 * `bottomup/predict`: over generated models of every layer kind, `createPredictor(json).predict(X)`
 * gives exactly the bits of `loadModel(json).predict(X)`; it refuses every malformed model that
 * `loadModel` refuses, with the same message; and it checks its input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../src/activations/kernels.js';
import { LeakyReLU, Sigmoid, Softmax, Tanh } from '../src/activations/index.js';
import { ShapeError } from '../src/errors.js';
import { ACTIVATION_CLASSES, loadModel } from '../src/io/load.js';
import { Dense } from '../src/layers/dense.js';
import type { LayerJSON } from '../src/layers/layer.js';
import { Matrix } from '../src/matrix/index.js';
import { setGemmEngine } from '../src/matrix/gemm.js';
import { Sequential } from '../src/model/sequential.js';
import { createPredictor } from '../src/predict.js';
import { buildModel, inputArb, modelSpecArb } from './io/generators.js';

const viaText = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('createPredictor predicts the bits of loadModel(json).predict(X)', () => {
  it('over generated models of every layer kind (property, fixed seed)', () => {
    let kinds = new Set<string>();
    let deepest = 0;
    fc.assert(
      fc.property(
        modelSpecArb.chain((spec) => fc.tuple(fc.constant(spec), inputArb(spec.sizes[0]))),
        ([spec, X]) => {
          const json = viaText(buildModel(spec.layers, spec.nesting).toJSON());
          const walk = (layers: LayerJSON[], depth: number): void => {
            deepest = Math.max(deepest, depth);
            for (const l of layers) {
              kinds.add(l.type);
              if (l.layers !== undefined) walk(l.layers, depth + 1);
            }
          };
          walk(json.layers, 1);
          const predictor = createPredictor(json);
          const expected = loadModel(json).predict(X);
          const got = predictor.predict(X);
          expect([got.rows, got.cols]).toEqual([expected.rows, expected.cols]);
          expect(sameBits(got.data, expected.data)).toBe(true);
          expect(predictor.inputSize).toBe(spec.sizes[0]);
          expect(predictor.outputSize).toBe(spec.sizes.at(-1));
        },
      ),
      { seed: 20261202, numRuns: 400 },
    );
    // Every kind was exercised (the generator covers Dense, Dropout, BatchNorm, every activation and nested models).
    expect([...kinds].sort()).toEqual(
      ['BatchNorm', 'Dense', 'Dropout', 'Sequential', ...Object.keys(ACTIVATIONS)].sort(),
    );
    expect(deepest).toBeGreaterThanOrEqual(4);
    kinds = new Set();
  });

  it('on products big enough for the WebAssembly engine in the full library (64 → 128 → 10 softmax, m 300)', () => {
    const model = new Sequential([
      new Dense(64, 128, { init: 'he', seed: 1 }),
      new LeakyReLU(),
      new Dense(128, 10, { seed: 2 }),
      new Softmax(),
    ]);
    const X = Matrix.randn(64, 300, { random: 3 });
    const json = viaText(model.toJSON());
    for (const engine of ['auto', 'wasm', 'js'] as const) {
      setGemmEngine(engine);
      expect(sameBits(createPredictor(json).predict(X).data, loadModel(json).predict(X).data), engine).toBe(true);
    }
    setGemmEngine('auto');
  });

  it('leaves X alone and returns a new buffer on every call', () => {
    const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh()]);
    const predictor = createPredictor(viaText(model.toJSON()));
    const X = Matrix.from([
      [0.5, -1],
      [2, 3],
    ]);
    const before = X.data.slice();
    const a = predictor.predict(X),
      b = predictor.predict(X);
    expect(sameBits(X.data, before)).toBe(true);
    expect(a.data).not.toBe(b.data);
    expect(sameBits(a.data, b.data)).toBe(true);
    // A plain { rows, cols, data } works as well as a Matrix, and the result wraps in a Matrix.
    const plain = predictor.predict({ rows: 2, cols: 2, data: Float64Array.from(before) });
    expect(new Matrix(plain.rows, plain.cols, plain.data).equals(model.predict(X))).toBe(true);
  });

  it('a model of activations only takes any number of features', () => {
    const predictor = createPredictor(viaText(new Sequential([new Sigmoid()]).toJSON()));
    expect(predictor.inputSize).toBeUndefined();
    expect(predictor.outputSize).toBeUndefined();
    expect(Array.from(predictor.predict(Matrix.from([[0], [0]])).data)).toEqual([0.5, 0.5]);
  });
});

describe('createPredictor validates as strictly as loadModel', () => {
  const valid = () =>
    viaText(
      new Sequential([
        new Dense(2, 3, { seed: 1 }),
        new LeakyReLU({ alpha: 0.2 }),
        new Dense(3, 1, { seed: 2, useBias: false }),
        new Sigmoid(),
      ]).toJSON(),
    );
  type Json = any;
  const mutations: [string, (j: Json) => unknown][] = [
    ['the text', (j) => JSON.stringify(j)],
    ['null', () => null],
    ['a wrong format tag', (j) => ((j.format = 'keras'), j)],
    ['a newer version', (j) => ((j.version = 2), j)],
    ['a fractional version', (j) => ((j.version = 1.5), j)],
    ['an unknown top-level key', (j) => ((j.extra = 1), j)],
    ['no layers', (j) => ((j.layers = []), j)],
    ['a layer that is not an object', (j) => ((j.layers[1] = 'Tanh'), j)],
    ['an unknown kind', (j) => ((j.layers[1].type = 'Swish'), j)],
    ['a non-string type', (j) => ((j.layers[1].type = 7), j)],
    ['a Dense without config', (j) => (delete j.layers[0].config, j)],
    ['a zero size', (j) => ((j.layers[0].config.outputSize = 0), j)],
    ['a non-boolean useBias', (j) => ((j.layers[0].config.useBias = 'yes'), j)],
    ['an unknown init', (j) => ((j.layers[0].config.init = 'glorot'), j)],
    ['a short W', (j) => (j.layers[0].weights.W.pop(), j)],
    ['a null weight (NaN written by JSON.stringify)', (j) => ((j.layers[0].weights.W[3] = null), j)],
    ['a string weight', (j) => ((j.layers[0].weights.b[0] = '1'), j)],
    ['a b without bias', (j) => ((j.layers[2].weights.b = [0]), j)],
    ['an unknown Dense key', (j) => ((j.layers[0].extra = 1), j)],
    ['a non-finite alpha', (j) => ((j.layers[1].config.alpha = 'big'), j)],
    ['an unknown activation option', (j) => ((j.layers[1].config.beta = 1), j)],
    ['a config on a plain activation', (j) => ((j.layers[3].config = { alpha: 1 }), j)],
    ['layers that do not fit', (j) => ((j.layers[2].config.inputSize = 4), (j.layers[2].weights.W = [1, 2, 3, 4]), j)],
  ];
  for (const [name, mutate] of mutations) {
    it(`${name}: refused by both, with the same error`, () => {
      const json = mutate(valid()) as never;
      const fromLoad = thrown(() => loadModel(json));
      const fromPredict = thrown(() => createPredictor(json));
      expect(fromPredict.constructor).toBe(fromLoad.constructor);
      if (name === 'layers that do not fit') {
        // Sequential names the layer classes; the predictor, which has none, names their positions.
        expect(fromPredict.message).toBe(
          'createPredictor: expected layers[2] (Dense) to take the 3 outputs of layers[1], got inputSize 4',
        );
      } else if (name === 'an unknown kind') {
        // loadModel adds how to load a kind of one's own, which the predictor cannot.
        expect(fromLoad.message).toMatch(/, got "Swish": for a layer kind of your own, pass a factory: /);
        expect(fromPredict.message).toBe(
          fromLoad.message
            .replace(/^loadModel:/, 'createPredictor:')
            .split(':', 3)
            .slice(0, 2)
            .join(':'),
        );
      } else {
        expect(fromPredict.message).toBe(fromLoad.message.replace(/^loadModel:/, 'createPredictor:'));
      }
    });
  }

  it('refuses user-defined layer kinds, which need the full library', () => {
    const json = valid() as Json;
    json.layers.push({ type: 'Scale', config: { factor: 2 } });
    expect(() => createPredictor(json)).toThrowError(
      new TypeError(
        'createPredictor: expected layers[4].type to be a known layer kind (Dense, Dropout, BatchNorm, Sequential, Sigmoid, Tanh, ' +
          'ReLU, LeakyReLU, Softmax, Identity, ELU, SELU, GELU, Softplus, SiLU), got "Scale"',
      ),
    );
  });
});

describe('predict checks its input', () => {
  const predictor = createPredictor(viaText(new Sequential([new Dense(2, 1, { seed: 1 }), new Sigmoid()]).toJSON()));
  it('the wrong number of rows, or no columns, is a ShapeError naming both', () => {
    expect(() => predictor.predict(Matrix.zeros(3, 4))).toThrowError(
      new ShapeError('predict: expected X (2, m) with m >= 1, got X (3, 4)'),
    );
    expect(() => predictor.predict(Matrix.zeros(2, 0))).toThrowError(
      new ShapeError('predict: expected X (2, m) with m >= 1, got X (2, 0)'),
    );
  });
  it('something that is not a matrix view is a TypeError', () => {
    const message = 'predict: expected X to be a Matrix or { rows, cols, data: Float64Array(rows·cols) }, got ';
    expect(() => predictor.predict([[1, 2]] as never)).toThrowError(new TypeError(`${message}an array`));
    expect(() => predictor.predict(null as never)).toThrowError(new TypeError(`${message}null`));
    // A shape that does not match its data (a transferred buffer, say) is refused too.
    expect(() => predictor.predict({ rows: 2, cols: 3, data: new Float64Array(0) })).toThrowError(
      new TypeError(`${message}an object`),
    );
  });
});

describe('the layer kinds are registered once', () => {
  it('loadModel has a class for every kind in the activation table, and nothing else', () => {
    expect(Object.keys(ACTIVATION_CLASSES).sort()).toEqual(Object.keys(ACTIVATIONS).sort());
    for (const [type, Cls] of Object.entries(ACTIVATION_CLASSES))
      expect((new Cls({}).toJSON() as LayerJSON).type).toBe(type);
  });
});
