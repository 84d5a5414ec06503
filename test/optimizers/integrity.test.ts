/**
 * Optimizers and their saved state against careless and hostile callers (#10.1, #10.3, #10.6, #10.15).
 */
import { describe, expect, it } from 'vitest';
import { Adagrad, Adam, AdamW, Dense, type OptimizerJSON, RMSprop, SGD, loadOptimizerState } from '../../src/index.js';
import { expectThrowExact } from '../matrix/helpers.js';

const stepped = <O extends { step(): void; parameters: readonly { grad: { data: Float64Array } }[] }>(o: O): O => {
  for (const p of o.parameters) p.grad.data.fill(0.5);
  o.step();
  return o;
};

describe('a parameter listed twice would be stepped twice (#10.1): refused', () => {
  it('new SGD([p, p]) and a list repeated', () => {
    const layer = new Dense(2, 2, { seed: 1 });
    const [W, b] = layer.parameters();
    expectThrowExact(
      () => new SGD([W, W], { learningRate: 0.1 }),
      TypeError,
      'SGD: expected each parameter once, got parameters[1] ("W"), the same as parameters[0]: it would be stepped ' +
        'twice per update',
    );
    expect(() => new Adam([W, b, W, b])).toThrowError(/Adam: expected each parameter once, got parameters\[2\]/);
    // two Parameter objects over one value matrix are the same parameter
    expect(() => new RMSprop([W, { name: 'alias', value: W.value, grad: W.grad }])).toThrowError(
      /RMSprop: expected each parameter once, got parameters\[1\] \("alias"\)/,
    );
    expect(() => new SGD(new Array(3), { learningRate: 0.1 })).toThrowError(
      /SGD: expected parameters\[0\] to be \{ name, value: Matrix, grad: Matrix \}, got undefined/,
    );
  });
});

describe('read-only state (#10.15)', () => {
  it('stepCount cannot be written; the parameter list and slots are frozen', () => {
    const o = stepped(new Adam(new Dense(2, 1, { seed: 1 }).parameters()));
    expect(o.stepCount).toBe(1);
    expect(() => {
      (o as unknown as { stepCount: number }).stepCount = -1;
    }).toThrowError(TypeError);
    expect(o.stepCount).toBe(1);
    expect(() => (o.parameters as unknown[]).push({})).toThrowError(TypeError);
    expect(() => {
      (o.slots as Record<string, unknown>).v = [];
    }).toThrowError(TypeError);
    expect(() => (o.slots.m as Float64Array[]).pop()).toThrowError(TypeError);
    stepped(o);
    expect(o.stepCount).toBe(2);
    expect(o.parameters.every((p) => p.value.data.every(Number.isFinite))).toBe(true);
  });
});

describe('loadOptimizerState: running squares cannot be negative (#10.3)', () => {
  for (const [name, make, slot] of [
    ['Adam', (p: Dense) => new Adam(p.parameters()), 'v'],
    ['AdamW', (p: Dense) => new AdamW(p.parameters()), 'v'],
    ['RMSprop', (p: Dense) => new RMSprop(p.parameters()), 'square'],
    ['Adagrad', (p: Dense) => new Adagrad(p.parameters()), 'sum'],
  ] as const) {
    it(`${name}: a negative ${slot} is refused and nothing changes; 0 is fine`, () => {
      const o = stepped(make(new Dense(2, 1, { seed: 1 })));
      const good = o.toJSON();
      const bad = structuredClone(good);
      bad.slots[slot][0][1] = -1e-300;
      expectThrowExact(
        () => loadOptimizerState(o, bad),
        RangeError,
        `loadOptimizerState: expected slots.${slot}[0] to hold running squares (>= 0), got -1e-300 at 1`,
      );
      expect(o.toJSON()).toEqual(good);
      bad.slots[slot][0][1] = 0;
      loadOptimizerState(o, bad);
      stepped(o);
      expect(o.parameters.every((p) => p.value.data.every(Number.isFinite))).toBe(true);
    });
  }
});

describe('loadOptimizerState reads each value once (#10.6)', () => {
  it('a Proxy whose elements change between reads cannot load NaN', () => {
    const o = stepped(new Adam(new Dense(2, 1, { seed: 1 }).parameters()));
    const good = o.toJSON();
    const json = structuredClone(good);
    let reads = 0;
    const first = json.slots.v[0];
    json.slots.v[0] = new Proxy(first, {
      get(target, key) {
        if (key === '0') return reads++ === 0 ? target[0] : Number.NaN;
        return Reflect.get(target, key);
      },
    });
    loadOptimizerState(o, json);
    expect(reads).toBe(1);
    expect(o.slots.v[0][0]).toBe(first[0]);
  });

  it('a getter that throws half-way leaves the optimizer as it was', () => {
    const o = stepped(new Adam(new Dense(2, 1, { seed: 1 }).parameters()));
    const before = o.toJSON();
    const json = structuredClone(before) as OptimizerJSON;
    json.step = 7;
    json.slots.m[0][0] = 123;
    Object.defineProperty(json.slots.v, '1', {
      get() {
        throw new Error('disk gone');
      },
    });
    expect(() => loadOptimizerState(o, json)).toThrowError('disk gone');
    expect(o.toJSON()).toEqual(before);
  });
});
