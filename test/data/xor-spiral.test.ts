import { describe, expect, it } from 'vitest';
import { permutation } from '../../src/data/shuffle.js';
import { spiral, xor } from '../../src/data/xor-spiral.js';
import * as api from '../../src/index.js';
import { Random } from '../../src/random.js';
import { expectBitEqual, expectThrowExact } from '../matrix/helpers.js';

describe('xor', () => {
  it('draws x₀, x₁ ~ U(−1, 1) per example and labels 1 where the signs differ (oracle from Random)', () => {
    const rng = new Random(5);
    const want: number[][] = [[], []];
    const labels: number[] = [];
    for (let j = 0; j < 50; j++) {
      const a = rng.uniform(-1, 1),
        b = rng.uniform(-1, 1);
      want[0].push(a);
      want[1].push(b);
      labels.push(a * b < 0 ? 1 : 0);
    }
    const { X, Y } = xor({ m: 50, seed: 5 });
    expectBitEqual(X, api.Matrix.from(want));
    expectBitEqual(Y, api.Matrix.from([labels]));
  });

  it('defaults to m = 200, seed 0, inside [−1, 1)², with both classes about equally common', () => {
    const { X, Y } = xor();
    expect(X.shape).toEqual([2, 200]);
    expect(Y.shape).toEqual([1, 200]);
    expect(X.data.every((v) => v >= -1 && v < 1)).toBe(true);
    expect(Y.sum()).toBe(97);
    expectBitEqual(xor().X, xor({ seed: 0 }).X);
  });

  it('adds noise·N(0, 1) after labelling: the same labels, the clean points moved by the next normals', () => {
    const clean = xor({ m: 30, seed: 2 });
    const noisy = xor({ m: 30, noise: 0.1, seed: 2 });
    expectBitEqual(noisy.Y, clean.Y);
    const rng = new Random(2);
    for (let i = 0; i < 60; i++) rng.next(); // the 30 pairs of uniforms
    for (let j = 0; j < 30; j++) {
      for (let i = 0; i < 2; i++) expect(noisy.X.get(i, j)).toBe(clean.X.get(i, j) + 0.1 * rng.normal());
    }
  });

  it('draws from (and advances) a given generator', () => {
    const rng = new Random(9);
    const first = xor({ m: 10, seed: rng });
    const second = xor({ m: 10, seed: rng });
    expect(first.X.equals(second.X)).toBe(false);
    expectBitEqual(first.X, xor({ m: 10, seed: 9 }).X);
  });

  it('refuses bad options with a clear error', () => {
    expectThrowExact(() => xor({ m: 0 }), RangeError, 'xor: expected m to be a positive integer, got 0');
    expectThrowExact(() => xor({ noise: -1 }), RangeError, 'xor: expected noise >= 0, got -1');
    expectThrowExact(
      () => xor({ foo: 1 } as never),
      TypeError,
      'xor: expected options among m, noise, seed, got unknown option "foo"',
    );
    expectThrowExact(
      () => xor({ seed: -1 }),
      RangeError,
      'xor: expected seed to be an integer in [0, 2^32 − 1], got -1',
    );
  });
});

describe('spiral', () => {
  it('puts point k of spiral c at radius k/n and angle 2π·turns·k/n + cπ (unshuffled, noise-free)', () => {
    const m = 11;
    const { X, Y } = spiral({ m, shuffle: false });
    expect(X.shape).toEqual([2, m]);
    const n = [5, 6];
    let col = 0;
    for (let c = 0; c < 2; c++) {
      for (let k = 0; k < n[c]; k++, col++) {
        const r = k / n[c],
          t = 2 * Math.PI * 1.75 * r + c * Math.PI;
        expect(X.get(0, col)).toBeCloseTo(r * Math.cos(t), 14);
        expect(X.get(1, col)).toBeCloseTo(r * Math.sin(t), 14);
        expect(Y.get(0, col)).toBe(c);
      }
    }
  });

  it('the second arm is the first turned by half a turn, out to radius 1', () => {
    const { X } = spiral({ m: 400, turns: 3, shuffle: false });
    for (let k = 0; k < 200; k++) {
      expect(X.get(0, 200 + k)).toBeCloseTo(-X.get(0, k), 14);
      expect(X.get(1, 200 + k)).toBeCloseTo(-X.get(1, k), 14);
      expect(Math.hypot(X.get(0, k), X.get(1, k))).toBeLessThan(1);
    }
  });

  it('shuffles with one permutation from the seed, then adds noise from the same generator', () => {
    const plain = spiral({ m: 40, shuffle: false });
    const rng = new Random(4);
    const p = permutation(40, rng);
    const noisy = spiral({ m: 40, noise: 0.05, seed: 4 });
    for (let j = 0; j < 40; j++) {
      expect(noisy.Y.get(0, j)).toBe(plain.Y.get(0, p[j]));
      for (let i = 0; i < 2; i++) expect(noisy.X.get(i, j)).toBe(plain.X.get(i, p[j]) + 0.05 * rng.normal());
    }
    expect(spiral({ m: 40, seed: 4 }).Y.sum()).toBe(20);
  });

  it('is deterministic under a seed and differs across seeds', () => {
    expectBitEqual(spiral({ seed: 3, noise: 0.1 }).X, spiral({ seed: 3, noise: 0.1 }).X);
    expect(spiral({ seed: 3 }).X.equals(spiral({ seed: 4 }).X)).toBe(false);
  });

  it('refuses bad options with a clear error', () => {
    expectThrowExact(() => spiral({ turns: 0 }), RangeError, 'spiral: expected turns > 0, got 0');
    expectThrowExact(() => spiral({ turns: NaN }), RangeError, 'spiral: expected turns to be a finite number, got NaN');
    expectThrowExact(
      () => spiral({ shuffle: 1 } as never),
      TypeError,
      'spiral: expected shuffle to be a boolean, got 1',
    );
    expectThrowExact(() => spiral({ m: 2.5 }), RangeError, 'spiral: expected m to be a positive integer, got 2.5');
  });

  it('both are public', () => {
    expect(api.xor).toBe(xor);
    expect(api.spiral).toBe(spiral);
  });
});
