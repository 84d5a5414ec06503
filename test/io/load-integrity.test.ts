/**
 * loadModel and createPredictor against hostile JSON (#10.6, #10.11, #10.13): holes, values that
 * change between reads, null where a list belongs, and inputs too long to quote.
 */
import { describe, expect, it } from 'vitest';
import { Dense, Sequential, Sigmoid, loadModel } from '../../src/index.js';
import { createPredictor } from '../../src/predict.js';
import { expectThrowExact } from '../matrix/helpers.js';

const good = () => structuredClone(new Sequential([new Dense(2, 1, { seed: 1 }), new Sigmoid()]).toJSON());
type Json = ReturnType<typeof good>;
const both = (json: unknown, kind: ErrorConstructor, tail: string): void => {
  expectThrowExact(() => loadModel(json as Json), kind, `loadModel: ${tail}`);
  expectThrowExact(() => createPredictor(json as Json), kind, `createPredictor: ${tail}`);
};

describe('holes and nulls (#10.11, #10.13)', () => {
  it('a hole in layers, in W, and null layers are named as such', () => {
    const sparse = good() as unknown as { layers: unknown[] };
    sparse.layers = [];
    sparse.layers[1] = good().layers[1];
    both(sparse, TypeError, 'expected layers[0] to be an object, got a hole (an empty slot of a sparse array)');
    const hole = good() as unknown as { layers: { weights: { W: unknown[] } }[] };
    hole.layers[0].weights.W = [];
    hole.layers[0].weights.W[1] = 0.5;
    both(
      hole,
      TypeError,
      'expected layers[0].weights.W[0] to be a finite number, got a hole (an empty slot of a sparse array)',
    );
    both({ ...good(), layers: null }, TypeError, 'expected layers to be a non-empty array, got null');
  });
});

describe('each value is read once (#10.6)', () => {
  it('a Proxy weight list that changes between reads loads what was checked', () => {
    const json = good();
    const W = json.layers[0].weights?.W as number[];
    let reads = 0;
    (json.layers[0].weights as Record<string, unknown>).W = new Proxy(W, {
      get(target, key) {
        if (key === '0') return reads++ === 0 ? target[0] : Number.NaN;
        return Reflect.get(target, key);
      },
    });
    const model = loadModel(json);
    expect(reads).toBe(1);
    expect(model.parameters()[0].value.data[0]).toBe(W[0]);
  });
});

describe('messages quote at most 80 characters of an input (#10.13)', () => {
  it('a 10 MB string and a function', () => {
    const json = { ...good(), format: 'x'.repeat(10_000_000) };
    expect(() => loadModel(json)).toThrowError(
      new TypeError(`loadModel: expected format "bottomup.sequential", got "${'x'.repeat(80)}"… (10000000 characters)`),
    );
    const fn = {
      ...good(),
      version: function secret() {
        return 'source';
      },
    };
    expect(() => loadModel(fn as unknown as Json)).toThrowError(
      new TypeError('loadModel: expected version to be a positive integer, got a function'),
    );
    const key = { ...good(), ['k'.repeat(1000)]: 1 };
    expect(() => loadModel(key as unknown as Json)).toThrowError(/unknown key "k{80}…"$/);
  });
});
