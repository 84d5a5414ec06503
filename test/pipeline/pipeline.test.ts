import { describe, expect, it } from 'vitest';
import { ReLU, Sigmoid, Softmax, Tanh } from '../../src/activations/index.js';
import { blobs } from '../../src/data/datasets.js';
import { LabelEncoder } from '../../src/data/label-encoder.js';
import { MinMaxScaler } from '../../src/data/min-max-scaler.js';
import { oneHot } from '../../src/data/one-hot.js';
import { Standardizer } from '../../src/data/standardizer.js';
import { ShapeError } from '../../src/errors.js';
import { Dense } from '../../src/layers/dense.js';
import { loadModel } from '../../src/io/load.js';
import type { Layer } from '../../src/layers/layer.js';
import { CategoricalCrossEntropy } from '../../src/losses/categorical-cross-entropy.js';
import { Matrix } from '../../src/matrix/index.js';
import { Sequential } from '../../src/model/sequential.js';
import { Adam } from '../../src/optimizers/adam.js';
import { PIPELINE_FORMAT, PIPELINE_VERSION, type PipelineJSON } from '../../src/pipeline/format.js';
import { Pipeline, loadPipeline } from '../../src/pipeline/pipeline.js';
import { fit } from '../../src/train/fit.js';
import { expectBitEqual, expectThrowExact } from '../matrix/helpers.js';

const viaText = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const NAMES = ['setosa', 'versicolor', 'virginica'];

/** Three blobs in raw units far from 0 (features of very different scales), with string labels. */
function irisLike(seed: number, m = 90): { X: Matrix; y: string[] } {
  const { X, Y } = blobs({
    m,
    centers: [
      [5, 30],
      [6, 45],
      [7, 60],
    ],
    std: [0.3, 0.3, 0.3],
    seed,
  });
  const raw = new Matrix(2, m);
  for (let j = 0; j < m; j++) {
    raw.data[j] = X.data[j];
    raw.data[m + j] = X.data[m + j] * 10; // a second feature in other units
  }
  return { X: raw, y: Array.from(Y.data, (c) => NAMES[c]) };
}

/** The trained pipeline of the guide's chapter: Standardizer, a softmax network, a LabelEncoder. */
function trained(): { pipe: Pipeline<string>; X: Matrix; y: string[] } {
  const { X, y } = irisLike(1);
  const scaler = new Standardizer().fit(X);
  const labels = new LabelEncoder<string>().fit(y);
  const model = new Sequential([new Dense(2, 8, { seed: 1 }), new Tanh(), new Dense(8, 3, { seed: 2 }), new Softmax()]);
  fit(model, scaler.transform(X), oneHot(labels.transform(y), 3), {
    loss: new CategoricalCrossEntropy(),
    optimizer: new Adam(model.parameters(), { learningRate: 0.05 }),
    epochs: 60,
    batchSize: 30,
    seed: 3,
  });
  return { pipe: new Pipeline({ scaler, model, labels }), X, y };
}

describe('Pipeline', () => {
  const { pipe, X, y } = trained();

  it('predicts on raw inputs: model.predict(scaler.transform(X)), bit for bit', () => {
    expect(pipe.inputSize).toBe(2);
    expect(pipe.outputSize).toBe(3);
    expectBitEqual(pipe.predict(X), pipe.model.predict((pipe.scaler as Standardizer).transform(X)));
  });

  it('decodes predicted classes to the labels, and learns the blobs', () => {
    const predicted = pipe.predictClasses(X);
    expect(predicted).toHaveLength(90);
    expect(new Set(predicted)).toEqual(new Set(NAMES));
    const correct = predicted.filter((label, j) => label === y[j]).length;
    expect(correct / 90).toBeGreaterThan(0.95);
    const test = irisLike(2, 30);
    const right = pipe.predictClasses(test.X).filter((label, j) => label === test.y[j]).length;
    expect(right / 30).toBeGreaterThan(0.9);
  });

  it('predictOne gives the bits of the example in a batch', () => {
    const batch = pipe.predict(X);
    const one = pipe.predictOne([X.get(0, 4), X.get(1, 4)]);
    expect(Array.from(one)).toEqual([batch.get(0, 4), batch.get(1, 4), batch.get(2, 4)]);
    expect(pipe.predictOne(Float64Array.of(X.get(0, 4), X.get(1, 4)))).toEqual(one);
    expectThrowExact(
      () => pipe.predictOne([1, 2, 3]),
      ShapeError,
      "Pipeline.predictOne: expected a sample of 2 features (the model's inputs), got 3",
    );
  });

  it('writes one versioned JSON holding each part, and loads it back bit for bit', () => {
    const json = pipe.toJSON();
    expect(Object.keys(json)).toEqual(['format', 'version', 'scaler', 'model', 'labels']);
    expect(json.format).toBe('bottomup.pipeline');
    expect(json.version).toBe(1);
    expect(PIPELINE_FORMAT).toBe('bottomup.pipeline');
    expect(PIPELINE_VERSION).toBe(1);
    expect(json.scaler).toEqual((pipe.scaler as Standardizer).toJSON());
    expect(json.model).toEqual(pipe.model.toJSON());
    expect(json.labels).toEqual({ format: 'bottomup.label-encoder', version: 1, classes: NAMES });
    const copy = loadPipeline(viaText(json));
    expectBitEqual(copy.predict(X), pipe.predict(X));
    expect(copy.predictClasses(X)).toEqual(pipe.predictClasses(X));
    expect(copy.scaler).toBeInstanceOf(Standardizer);
    expect(copy.labels?.classes).toEqual(NAMES);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(pipe));
  });

  it('works without a scaler and without labels (class indices as numbers)', () => {
    const model = new Sequential([new Dense(2, 1, { seed: 4 }), new Sigmoid()]);
    const bare = new Pipeline({ model });
    expect(bare.scaler).toBeNull();
    expect(bare.labels).toBeNull();
    const Xs = Matrix.from([
      [0.5, -2, 1],
      [1, 0, -1],
    ]);
    expectBitEqual(bare.predict(Xs), model.predict(Xs));
    const classes = bare.predictClasses(Xs);
    expect(classes).toEqual(Array.from(model.predict(Xs).data, (v) => (v > 0.5 ? 1 : 0)));
    expect(bare.predictClasses(Xs, { threshold: 0 })).toEqual([1, 1, 1]);
    const json = bare.toJSON();
    expect(Object.keys(json)).toEqual(['format', 'version', 'model']);
    expect(loadPipeline(viaText(json)).predictClasses(Xs)).toEqual(classes);
  });

  it('a MinMaxScaler and boolean labels on a single sigmoid output', () => {
    const Xr = Matrix.from([[100, 200, 300, 400]]);
    const scaler = new MinMaxScaler({ min: -1, max: 1 }).fit(Xr);
    const model = new Sequential([new Dense(1, 1, { init: 'zeros' }), new Sigmoid()]);
    model.parameters()[0].value.data[0] = 4;
    const labels = new LabelEncoder<boolean>().fit([false, true]);
    const p = new Pipeline({ scaler, model, labels });
    expect(p.predictClasses(Xr)).toEqual([false, false, true, true]);
    expect(p.predictClasses(Xr, { threshold: 0.99 })).toEqual([false, false, false, false]);
    const copy = loadPipeline(viaText(p.toJSON()));
    expect(copy.scaler).toBeInstanceOf(MinMaxScaler);
    expectBitEqual(copy.predict(Xr), p.predict(Xr));
    expect(copy.predictClasses(Xr)).toEqual([false, false, true, true]);
  });

  it('loads a model with a layer kind of its own through a factory, as loadModel does', () => {
    class Double implements Layer {
      readonly type = 'Double';
      forward(A: Matrix): Matrix {
        return A.scale(2);
      }
      backward(dA: Matrix): Matrix {
        return dA.scale(2);
      }
      parameters() {
        return [];
      }
      computeOutputSize(n: number): number {
        return n;
      }
      toJSON() {
        return { type: 'Double' };
      }
      toString() {
        return 'Double';
      }
    }
    const model = new Sequential([new Dense(1, 1, { seed: 1 }), new Double()]);
    const p = new Pipeline({ model });
    const json = viaText(p.toJSON());
    expectThrowExact(
      () => loadPipeline(json),
      TypeError,
      'loadPipeline: expected layers[1].type to be a known layer kind (Dense, Dropout, BatchNorm, Sequential, ' +
        'Sigmoid, Tanh, ReLU, LeakyReLU, Softmax, Identity, ELU, SELU, GELU, Softplus, SiLU), got "Double": for a ' +
        'layer kind of your own, ' +
        'pass a factory: loadPipeline(json, { layers: { "Double": (json) => layer } })',
    );
    const copy = loadPipeline(json, { layers: { Double: () => new Double() } });
    const Xs = Matrix.from([[1, 2]]);
    expectBitEqual(copy.predict(Xs), p.predict(Xs));
  });

  it('checks its input with exact messages (and hints at a transposed X)', () => {
    const op = 'Pipeline.predict';
    expectThrowExact(
      () => pipe.predict([[1, 2]] as never),
      TypeError,
      `${op}: expected X to be a Matrix, got an array: use Matrix.fromSamples(examples) for one array per example, ` +
        'or Matrix.from(rows) for rows',
    );
    const rows = Matrix.from([
      [5, 300],
      [6, 450],
      [7, 600],
    ]);
    expectThrowExact(
      () => pipe.predict(rows),
      ShapeError,
      `${op}: expected X (2, m) with m >= 1, got X (3, 2): one column per example — did you mean ` +
        'Matrix.fromSamples(examples), or X.transpose()?',
    );
    expect(pipe.predictClasses(Matrix.fromSamples([[5, 300]]))).toEqual(
      pipe.predictClasses(rows.transpose()).slice(0, 1),
    );
    expectThrowExact(
      () => pipe.predict(Matrix.zeros(3, 3)),
      ShapeError,
      `${op}: expected X (2, m) with m >= 1, got X (3, 3)`,
    );
    expectThrowExact(
      () => pipe.predict(new Matrix(2, 0)),
      ShapeError,
      `${op}: expected X (2, m) with m >= 1, got X (2, 0)`,
    );
    expectThrowExact(
      () =>
        pipe.predict(
          Matrix.from([
            [1, 2],
            [3, Number.NaN],
          ]),
        ),
      RangeError,
      `${op}: expected finite values in X, got NaN at (1, 1)`,
    );
    expectThrowExact(
      () => pipe.predictClasses(X, { threshold: '0.5' } as never),
      TypeError,
      'Pipeline.predictClasses: expected threshold to be a number, got "0.5"',
    );
  });

  it('refuses parts that are missing, of the wrong kind, unfitted, or do not fit together', () => {
    const op = 'new Pipeline';
    const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Softmax()]);
    const scaler = new Standardizer().fit(Matrix.zeros(2, 2));
    const labels = new LabelEncoder().fit(['a', 'b', 'c']);
    expectThrowExact(
      () => new Pipeline(null as never),
      TypeError,
      `${op}: expected { scaler?, model, labels? }, got null`,
    );
    expectThrowExact(
      () => new Pipeline({} as never),
      TypeError,
      `${op}: expected model to be a Sequential, got undefined`,
    );
    expectThrowExact(
      () => new Pipeline({ model, extra: 1 } as never),
      TypeError,
      `${op}: expected options among scaler, model, labels, got unknown option "extra"`,
    );
    expectThrowExact(
      () => new Pipeline({ model, scaler: {} as never }),
      TypeError,
      `${op}: expected scaler to be a Standardizer or a MinMaxScaler, got an object`,
    );
    expectThrowExact(
      () => new Pipeline({ model, labels: ['a'] as never }),
      TypeError,
      `${op}: expected labels to be a LabelEncoder, got an array`,
    );
    expectThrowExact(
      () => new Pipeline({ model, scaler: new Standardizer() }),
      Error,
      `${op}: expected a fitted scaler, got one that was never fitted`,
    );
    expectThrowExact(
      () => new Pipeline({ model, labels: new LabelEncoder() }),
      Error,
      `${op}: expected a fitted labels encoder, got one that was never fitted`,
    );
    expectThrowExact(
      () => new Pipeline({ model, scaler: new Standardizer().fit(Matrix.zeros(3, 2)) }),
      ShapeError,
      `${op}: expected a scaler of 2 features for the model's 2 inputs, got a scaler of 3 features`,
    );
    expectThrowExact(
      () => new Pipeline({ model, labels: new LabelEncoder().fit(['a', 'b']) }),
      ShapeError,
      `${op}: expected 3 classes for the model's 3 outputs, got labels of 2 classes`,
    );
    const binary = new Sequential([new Dense(2, 1, { seed: 1 }), new Sigmoid()]);
    expectThrowExact(
      () => new Pipeline({ model: binary, labels }),
      ShapeError,
      `${op}: expected 2 classes for the model's single output (thresholded: 2 classes), got labels of 3 classes`,
    );
    expect(new Pipeline({ model, scaler, labels }).inputSize).toBe(2);
  });
});

describe('loadPipeline', () => {
  const model = new Sequential([new Dense(2, 3, { seed: 1 }), new ReLU(), new Dense(3, 2, { seed: 2 }), new Softmax()]);
  const scaler = new Standardizer().fit(
    Matrix.from([
      [1, 2, 3],
      [10, 20, 40],
    ]),
  );
  const labels = new LabelEncoder<string>().fit(['cat', 'dog']);
  const good = viaText(new Pipeline({ scaler, model, labels }).toJSON());
  const bad = (patch: Record<string, unknown>): PipelineJSON => ({ ...good, ...patch }) as PipelineJSON;

  it('refuses a malformed envelope with exact messages', () => {
    const cases: [unknown, ErrorConstructor, string][] = [
      [JSON.stringify(good), TypeError, 'expected a pipeline object (JSON.parse the text first), got a string'],
      [undefined, TypeError, 'expected a pipeline object { format, version, scaler, model, labels }, got undefined'],
      [
        bad({ format: 'bottomup.sequential' }),
        TypeError,
        'expected format "bottomup.pipeline", got "bottomup.sequential"',
      ],
      [bad({ version: 1.5 }), TypeError, 'expected version to be a positive integer, got 1.5'],
      [
        bad({ version: 2 }),
        RangeError,
        'expected format version <= 1 (this build of bottomup), got 2: upgrade bottomup to read this pipeline',
      ],
      [
        bad({ layers: [] }),
        TypeError,
        'expected the pipeline keys among format, version, scaler, model, labels, got unknown key "layers"',
      ],
    ];
    for (const [json, cls, message] of cases) {
      expectThrowExact(() => loadPipeline(json as PipelineJSON), cls, `loadPipeline: ${message}`);
    }
  });

  it('names the bad field of the scaler and of the labels by its path', () => {
    const s = good.scaler as { type: string; mean: number[]; std: number[] };
    const cases: [unknown, ErrorConstructor, string][] = [
      [bad({ scaler: null }), TypeError, 'expected scaler to be an object, got null'],
      [
        bad({ scaler: { ...s, type: 'Normalizer' } }),
        TypeError,
        'expected scaler.type "Standardizer" or "MinMaxScaler", got "Normalizer"',
      ],
      [
        bad({ scaler: { ...s, std: [1, 0] } }),
        RangeError,
        'expected scaler.std[1] to be a positive finite number, got 0',
      ],
      [
        bad({ scaler: { ...s, mean: [1] } }),
        RangeError,
        'expected scaler.mean and scaler.std of the same length, got 1 and 2',
      ],
      [
        bad({ scaler: { ...s, min: 0 } }),
        TypeError,
        'expected scaler keys among type, mean, std, got unknown key "min"',
      ],
      [
        bad({ scaler: { type: 'MinMaxScaler', min: 1, max: 1, dataMin: [0, 0], dataMax: [1, 1] } }),
        RangeError,
        'expected scaler.min < scaler.max, got scaler.min 1 and scaler.max 1',
      ],
      [
        bad({ scaler: { type: 'MinMaxScaler', min: 0, max: 1, dataMin: [0, 2], dataMax: [1, 1] } }),
        RangeError,
        'expected scaler.dataMin[1] <= scaler.dataMax[1] with a finite range, got 2 and 1',
      ],
      [
        bad({ labels: [] }),
        TypeError,
        'expected labels to be a label encoder object { format, version, classes }, got an array',
      ],
      [
        bad({ labels: { format: 'x', version: 1, classes: [] } }),
        TypeError,
        'expected labels.format "bottomup.label-encoder", got "x"',
      ],
      [
        bad({ labels: { format: 'bottomup.label-encoder', version: 3, classes: ['a'] } }),
        RangeError,
        'expected labels.format version <= 1 (this build of bottomup), got 3: upgrade bottomup to read this label encoder',
      ],
      [
        bad({ labels: { format: 'bottomup.label-encoder', version: 1, classes: ['dog', 'cat'] } }),
        RangeError,
        'expected labels.classes in ascending order without repeats, got labels.classes[1] "cat" after "dog"',
      ],
      [
        bad({ labels: { format: 'bottomup.label-encoder', version: 1, classes: ['a'], extra: true } }),
        TypeError,
        'expected labels keys among format, version, classes, got unknown key "extra"',
      ],
    ];
    for (const [json, cls, message] of cases) {
      expectThrowExact(() => loadPipeline(json as PipelineJSON), cls, `loadPipeline: ${message}`);
    }
  });

  it("reports a bad model as loadModel would, under loadPipeline's name", () => {
    const m = good.model as unknown as { layers: { weights?: { W: number[] } }[] };
    const W = [...(m.layers[0].weights as { W: number[] }).W];
    W[3] = Number.NaN;
    const broken = { ...m, layers: [{ ...m.layers[0], weights: { ...m.layers[0].weights, W } }, ...m.layers.slice(1)] };
    const cases: [unknown, ErrorConstructor, string][] = [
      [bad({ model: undefined }), TypeError, 'expected a model object { format, version, layers }, got undefined'],
      [bad({ model: { ...m, format: 'x' } }), TypeError, 'expected format "bottomup.sequential", got "x"'],
      [viaText(bad({ model: broken })), TypeError, 'expected layers[0].weights.W[3] to be a finite number, got null'],
    ];
    for (const [json, cls, message] of cases) {
      expectThrowExact(() => loadPipeline(json as PipelineJSON), cls, `loadPipeline: ${message}`);
      // loadModel says the same of the model alone.
      const model = (json as { model: unknown }).model;
      expectThrowExact(() => loadModel(model as never), cls, `loadModel: ${message}`);
    }
  });

  it('refuses parts that do not fit together', () => {
    const m = good.model as unknown as { layers: unknown[] };
    expectThrowExact(
      () => loadPipeline(bad({ scaler: { type: 'Standardizer', mean: [0, 0, 0], std: [1, 1, 1] } })),
      ShapeError,
      "loadPipeline: expected a scaler of 2 features for the model's 2 inputs, got a scaler of 3 features",
    );
    expectThrowExact(
      () => loadPipeline(bad({ labels: { format: 'bottomup.label-encoder', version: 1, classes: [1, 2, 3] } })),
      ShapeError,
      "loadPipeline: expected 2 classes for the model's 2 outputs, got labels of 3 classes",
    );
    expect(m.layers).toHaveLength(4);
    expectThrowExact(
      () => loadPipeline(good, { factories: {} } as never),
      TypeError,
      'loadPipeline: expected options among layers, got unknown option "factories"',
    );
  });
});
