/**
 * Nested models in the saved JSON (#14.6): `{ type: 'Sequential', layers }` is read as strictly as
 * the top level, errors name the full path, hostile nesting depth is refused before it can exhaust
 * the stack, and loadModel and createPredictor agree on every message.
 */
import { describe, expect, it } from 'vitest';
import { Dense, Matrix, Sequential, type SequentialJSON, Sigmoid, Tanh, loadModel } from '../../src/index.js';
import { createPredictor } from '../../src/predict.js';
import { expectThrowExact } from '../matrix/helpers.js';

const viaText = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
type Json = any;

const valid = (): Json =>
  viaText(
    new Sequential([
      new Dense(2, 3, { seed: 1 }),
      new Sequential([new Tanh(), new Sequential([new Dense(3, 2, { seed: 2 }), new Sigmoid()])]),
      new Dense(2, 1, { seed: 3 }),
    ]).toJSON(),
  );

/** Both readers refuse `json` with the same class and message (prefix aside). */
function bothRefuse(json: unknown, type: typeof TypeError | typeof RangeError, message: string): void {
  expectThrowExact(() => loadModel(json as SequentialJSON), type, `loadModel: ${message}`);
  expectThrowExact(() => createPredictor(json as SequentialJSON), type, `createPredictor: ${message}`);
}

describe('nested models in JSON', () => {
  it('the nested form, read back by both readers with the same predictions', () => {
    const json = valid();
    expect(json.layers[1]).toEqual({
      type: 'Sequential',
      layers: [
        { type: 'Tanh' },
        { type: 'Sequential', layers: [json.layers[1].layers[1].layers[0], { type: 'Sigmoid' }] },
      ],
    });
    const X = Matrix.randn(2, 4, { random: 1 });
    const predictor = createPredictor(json);
    expect([predictor.inputSize, predictor.outputSize]).toEqual([2, 1]);
    expect(predictor.predict(X).data).toEqual(loadModel(json).predict(X).data);
  });

  it('errors name the path of the problem, however deep', () => {
    const cases: [string, (j: Json) => void, typeof TypeError, string][] = [
      [
        'a short W two levels down',
        (j) => j.layers[1].layers[1].layers[0].weights.W.pop(),
        TypeError,
        'expected layers[1].layers[1].layers[0].weights.W to have length 6, got length 5',
      ],
      [
        'a null weight',
        (j) => {
          j.layers[1].layers[1].layers[0].weights.b[1] = null;
        },
        TypeError,
        'expected layers[1].layers[1].layers[0].weights.b[1] to be a finite number, got null',
      ],
      [
        'an unknown kind inside',
        (j) => {
          j.layers[1].layers[0].type = 'Swish';
        },
        TypeError,
        'expected layers[1].layers[0].type to be a known layer kind (Dense, Dropout, BatchNorm, Sequential, Sigmoid, Tanh, ReLU, ' +
          'LeakyReLU, Softmax, Identity, ELU, SELU, GELU, Softplus, SiLU), got "Swish"',
      ],
      [
        'an unknown key on a nested model',
        (j) => {
          j.layers[1].config = {};
        },
        TypeError,
        'expected layers[1] keys among type, layers, got unknown key "config"',
      ],
      [
        'no layers',
        (j) => {
          delete j.layers[1].layers[1].layers;
        },
        TypeError,
        'expected layers[1].layers[1].layers to be a non-empty array, got undefined',
      ],
      [
        'an empty nested model',
        (j) => {
          j.layers[1].layers = [];
        },
        TypeError,
        'expected layers[1].layers to be a non-empty array, got an empty array',
      ],
      [
        'a hole',
        (j) => {
          j.layers[1].layers = [{ type: 'Tanh' }, , { type: 'Tanh' }];
        },
        TypeError,
        'expected layers[1].layers[1] to be an object, got a hole (an empty slot of a sparse array)',
      ],
    ];
    for (const [name, mutate, type, message] of cases) {
      const json = valid();
      mutate(json);
      if (name === 'an unknown kind inside') {
        // loadModel adds how to load a kind of one's own
        expectThrowExact(
          () => loadModel(json),
          type,
          `loadModel: ${message}: for a layer kind of your own, pass a factory: loadModel(json, { layers: { "Swish": ` +
            '(json) => layer } })',
        );
        expectThrowExact(() => createPredictor(json), type, `createPredictor: ${message}`);
      } else bothRefuse(json, type, message);
    }
  });

  it('layers that do not fit across a nesting boundary', () => {
    const json = valid();
    json.layers[2].config.inputSize = 3;
    json.layers[2].weights.W = [1, 2, 3];
    expectThrowExact(
      () => loadModel(json),
      RangeError,
      'Sequential: expected Dense(3 → 1) (layer 2) to take the 2 outputs of Sequential(3 → 2) (layer 1), got ' +
        'inputSize 3',
    );
    expectThrowExact(
      () => createPredictor(json),
      RangeError,
      'createPredictor: expected layers[2] (Dense) to take the 2 outputs of layers[1], got inputSize 3',
    );
    const inside = valid();
    inside.layers[1].layers[1].layers[0].config.inputSize = 2;
    inside.layers[1].layers[1].layers[0].weights.W = [1, 2, 3, 4];
    expectThrowExact(
      () => createPredictor(inside),
      RangeError,
      'createPredictor: expected layers[1].layers[1].layers[0] (Dense) to take the 3 outputs of layers[1].layers[0], ' +
        'got inputSize 2',
    );
  });

  it('hostile nesting: 100 000 levels are refused at level 33, by both readers, without recursing deeper', () => {
    let layer: Json = { type: 'Tanh' };
    for (let i = 0; i < 100_000; i++) layer = { type: 'Sequential', layers: [layer] };
    const path = `layers${'[0].layers'.repeat(32)}`;
    bothRefuse(
      { format: 'bottomup.sequential', version: 1, layers: [layer] },
      TypeError,
      `expected ${path} to nest layers at most 32 levels deep, got level 33`,
    );
  });

  it('32 levels are read', () => {
    let layer: Json = { type: 'Tanh' };
    for (let i = 1; i < 32; i++) layer = { type: 'Sequential', layers: [layer] };
    const json = { format: 'bottomup.sequential', version: 1, layers: [layer] };
    const X = Matrix.from([[0.5], [-1]]);
    expect(Array.from(createPredictor(json).predict(X).data)).toEqual(Array.from(loadModel(json).predict(X).data));
    expect(loadModel(json).predict(X).get(0, 0)).toBe(new Tanh().forward(X).get(0, 0));
  });
});
