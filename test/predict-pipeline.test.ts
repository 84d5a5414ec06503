/**
 * `bottomup/predict`'s `createPipelinePredictor`: over generated pipelines (every layer kind, both
 * scalers, with and without labels) its predictions are the bits of the full library's
 * `loadPipeline(json)`, its classes the same labels; it refuses malformed pipelines with
 * `loadPipeline`'s messages under its own name; and it checks its input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sigmoid, Softmax, Tanh } from '../src/activations/index.js';
import { LabelEncoder } from '../src/data/label-encoder.js';
import { MinMaxScaler } from '../src/data/min-max-scaler.js';
import { Standardizer } from '../src/data/standardizer.js';
import { ShapeError } from '../src/errors.js';
import { Dense } from '../src/layers/dense.js';
import { setGemmEngine } from '../src/matrix/gemm.js';
import { Matrix } from '../src/matrix/index.js';
import { Sequential } from '../src/model/sequential.js';
import type { PipelineJSON } from '../src/pipeline/format.js';
import { Pipeline, loadPipeline } from '../src/pipeline/pipeline.js';
import { createPipelinePredictor, createPredictor } from '../src/predict.js';
import { buildModel, inputArb, modelSpecArb } from './io/generators.js';
import { expectThrowExact } from './matrix/helpers.js';

const viaText = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** `[class name, message after the operation's name]` of what `fn` throws, or `null`. */
function outcome(fn: () => unknown): [string, string] | null {
  try {
    fn();
    return null;
  } catch (e) {
    return [(e as Error).name, (e as Error).message.replace(/^[\w.]+: /, '')];
  }
}

/** A scaler fitted on `X`, of the kind `kind` picks, or none (and none when fitting overflows). */
function scalerFor(kind: number, X: Matrix): Standardizer | MinMaxScaler | undefined {
  try {
    if (kind === 1) return new Standardizer().fit(X);
    if (kind === 2) return new MinMaxScaler({ min: -1, max: 2 }).fit(X);
  } catch {
    // values so large that a statistic overflows: no scaler
  }
  return undefined;
}

describe('createPipelinePredictor predicts the bits of loadPipeline(json)', () => {
  it('over generated pipelines (property, fixed seed)', () => {
    let withScaler = 0;
    let withLabels = 0;
    fc.assert(
      fc.property(
        modelSpecArb.chain((spec) =>
          fc.tuple(fc.constant(spec), inputArb(spec.sizes[0]), fc.integer({ min: 0, max: 2 }), fc.boolean()),
        ),
        ([spec, X, kind, named]) => {
          const model = buildModel(spec.layers, spec.nesting);
          const scaler = scalerFor(kind, X);
          const k = model.outputSize === 1 ? 2 : (model.outputSize as number);
          const labels = named
            ? new LabelEncoder<string>().fit(Array.from({ length: k }, (_, c) => `c${c}`))
            : undefined;
          const json = viaText(new Pipeline({ scaler, model, labels }).toJSON());
          if (scaler) withScaler++;
          if (labels) withLabels++;
          const full = loadPipeline(json);
          const predictor = createPipelinePredictor(json);
          expect(predictor.inputSize).toBe(full.inputSize);
          expect(predictor.outputSize).toBe(full.outputSize);
          expect(predictor.classes).toEqual(labels?.classes);
          expect(sameBits(predictor.predict(X).data, full.predict(X).data)).toBe(true);
          const a = outcome(() => predictor.predictClasses(X));
          expect(a).toEqual(outcome(() => full.predictClasses(X)));
          if (a === null) expect(predictor.predictClasses(X)).toEqual(full.predictClasses(X));
          const sample = Array.from({ length: X.rows }, (_, i) => X.get(i, 0));
          expect(sameBits(predictor.predictOne(sample), full.predictOne(sample))).toBe(true);
        },
      ),
      { seed: 20_261_203, numRuns: 200 },
    );
    expect(withScaler).toBeGreaterThan(50);
    expect(withLabels).toBeGreaterThan(50);
  });

  it('with every matrix-product engine of the full library', () => {
    const X = Matrix.from([
      [150, 160, 170, 185, 190, 155],
      [50, 60, 65, 80, 95, 52],
      [1, 0, 1, 0, 1, 1],
    ]);
    const model = new Sequential([
      new Dense(3, 16, { seed: 1 }),
      new Tanh(),
      new Dense(16, 3, { seed: 2 }),
      new Softmax(),
    ]);
    const pipe = new Pipeline({
      scaler: new Standardizer().fit(X),
      model,
      labels: new LabelEncoder<string>().fit(['S', 'M', 'L']),
    });
    const predictor = createPipelinePredictor(viaText(pipe.toJSON()));
    for (const engine of ['auto', 'wasm', 'js'] as const) {
      setGemmEngine(engine);
      expect(sameBits(predictor.predict(X).data, pipe.predict(X).data), engine).toBe(true);
      expect(predictor.predictClasses(X)).toEqual(pipe.predictClasses(X));
    }
    setGemmEngine('auto');
    expect(predictor.classes).toEqual(['L', 'M', 'S']);
  });

  it('thresholds a single output and decodes it to the labels', () => {
    const model = new Sequential([new Dense(1, 1, { init: 'zeros' }), new Sigmoid()]);
    model.parameters()[0].value.data[0] = 1;
    const pipe = new Pipeline({ model, labels: new LabelEncoder<boolean>().fit([true, false]) });
    const predictor = createPipelinePredictor(viaText(pipe.toJSON()));
    const X = Matrix.from([[-1, 0, 0.1, 2]]);
    expect(predictor.predictClasses(X)).toEqual([false, false, true, true]);
    expect(predictor.predictClasses(X, { threshold: 0.8 })).toEqual([false, false, false, true]);
    expect(pipe.predictClasses(X, { threshold: 0.8 })).toEqual([false, false, false, true]);
    const bare = createPipelinePredictor(viaText(new Pipeline({ model }).toJSON()));
    expect(bare.classes).toBeUndefined();
    expect(bare.predictClasses(X)).toEqual([0, 0, 1, 1]);
  });

  it('takes raw inputs: the same as createPredictor on the scaled inputs', () => {
    const X = Matrix.from([
      [1, 5, 9],
      [100, 300, 200],
    ]);
    const scaler = new MinMaxScaler().fit(X);
    const model = new Sequential([new Dense(2, 2, { seed: 9 }), new Softmax()]);
    const predictor = createPipelinePredictor(viaText(new Pipeline({ scaler, model }).toJSON()));
    const direct = createPredictor(viaText(model.toJSON())).predict(scaler.transform(X));
    expect(sameBits(predictor.predict(X).data, direct.data)).toBe(true);
    // X itself is left alone.
    expect(X.toArray()).toEqual([
      [1, 5, 9],
      [100, 300, 200],
    ]);
  });
});

describe('createPipelinePredictor refuses what loadPipeline refuses', () => {
  const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Softmax()]);
  const good = viaText(
    new Pipeline({
      scaler: new Standardizer().fit(
        Matrix.from([
          [1, 2],
          [3, 5],
        ]),
      ),
      model,
      labels: new LabelEncoder().fit(['a', 'b', 'c']),
    }).toJSON(),
  );
  const m = good.model as unknown as { layers: Record<string, unknown>[] };
  const cases: unknown[] = [
    'text',
    null,
    { ...good, format: 'bottomup.sequential' },
    { ...good, version: 2 },
    { ...good, extra: 1 },
    { ...good, scaler: { type: 'Standardizer', mean: [0, 0], std: [1, -1] } },
    { ...good, scaler: { type: 'MinMaxScaler', min: 0, max: 1, dataMin: [0], dataMax: [1] } },
    { ...good, labels: { format: 'bottomup.label-encoder', version: 1, classes: ['b', 'a'] } },
    { ...good, labels: { format: 'bottomup.label-encoder', version: 1, classes: ['a', 'b'] } },
    { ...good, model: { ...good.model, version: 9 } },
    { ...good, model: { ...good.model, layers: [{ ...m.layers[0], type: 'Conv2D' }] } },
    { ...good, model: undefined },
  ];

  it('with the same class and message, under its own name', () => {
    for (const json of cases) {
      const full = outcome(() => loadPipeline(json as PipelineJSON));
      expect(full, JSON.stringify(json)).not.toBeNull();
      // bottomup/predict takes no layer factories, so its unknown-kind message has no hint about them.
      if (full !== null) full[1] = full[1].replace(/: for a layer kind of your own, pass a factory: .*$/, '');
      expect(outcome(() => createPipelinePredictor(json as PipelineJSON))).toEqual(full);
    }
    expectThrowExact(
      () => createPipelinePredictor({ ...good, version: 2 }),
      RangeError,
      'createPipelinePredictor: expected format version <= 1 (this build of bottomup), got 2: upgrade bottomup to ' +
        'read this pipeline',
    );
    expectThrowExact(
      () => createPipelinePredictor(cases[8] as PipelineJSON),
      ShapeError,
      "createPipelinePredictor: expected 3 classes for the model's 3 outputs, got labels of 2 classes",
    );
    expectThrowExact(
      () => createPipelinePredictor(cases[11] as PipelineJSON),
      TypeError,
      'createPipelinePredictor: expected a model object { format, version, layers }, got undefined',
    );
  });

  it('checks its input with exact messages', () => {
    const predictor = createPipelinePredictor(good);
    expectThrowExact(
      () => predictor.predict([[1, 2]] as never),
      TypeError,
      'predict: expected X to be a Matrix or { rows, cols, data: Float64Array(rows·cols) }, got an array',
    );
    expectThrowExact(
      () => predictor.predict(Matrix.zeros(3, 2)),
      ShapeError,
      'predict: expected X (2, m) with m >= 1, got X (3, 2): one column per example — did you mean ' +
        'Matrix.fromSamples(examples), or X.transpose()?',
    );
    expectThrowExact(
      () => predictor.predict({ rows: 2, cols: 1, data: Float64Array.of(1, Number.NaN) }),
      RangeError,
      'predict: expected finite values in X, got NaN at (1, 0)',
    );
    expectThrowExact(
      () => predictor.predictClasses(Matrix.zeros(2, 1), { threshold: Number.POSITIVE_INFINITY }),
      RangeError,
      'predictClasses: expected threshold to be a finite number, got Infinity',
    );
    expectThrowExact(
      () => predictor.predictOne([1]),
      ShapeError,
      "predictOne: expected a sample of 2 features (the model's inputs), got 1",
    );
    expect(predictor.predictOne([1, 3]).length).toBe(3);
  });
});
