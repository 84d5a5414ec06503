import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dense, Matrix, NumpyRandom, Random, shuffleColumns } from '../src/index.js';

/** numpy's legacy RandomState streams, written by test/fixtures/numpy/generate.py (numpy as the oracle). */
interface Case {
  uint32: number[];
  random_sample: string[];
  randn: string[];
  randn_numpy_differs: Record<string, string>;
  after_randn: string[];
  normal: string[];
  uniform: string[];
  randint: number[];
  permutation: number[];
  shuffle_after: number[];
  state_after_5_randn: { key: number[]; pos: number; has_gauss: number; gauss: string };
}
const fixture = JSON.parse(readFileSync(resolve(__dirname, 'fixtures/numpy/numpy-random.json'), 'utf8')) as {
  numpy: string;
  seeds: Record<string, Case>;
  randn_200k_seed7_sha256: string;
  randn_200k_seed7_numpy_differs: number;
  randn_200k_seed7_numpy_max_ulps: number;
};

/** A double's IEEE bits as 16 hex digits, big-endian (the fixture's spelling). */
function hex(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}
const draws = (n: number, f: () => number): string[] => Array.from({ length: n }, () => hex(f()));

describe.each(Object.keys(fixture.seeds))('NumpyRandom(%s) against numpy %s', (key) => {
  const seed = Number(key);
  const c = fixture.seeds[key];

  it('raw words: rs.randint(0, 2**32, dtype=uint64) is one word each', () => {
    const r = new NumpyRandom(seed);
    expect(Array.from({ length: 8 }, () => r.nextUint32())).toEqual(c.uint32);
  });

  it('random_sample, across two twists of the state', () => {
    const r = new NumpyRandom(seed);
    expect(draws(1300, () => r.next())).toEqual(c.random_sample);
  });

  it('randn (legacy polar gauss with ln rounded correctly), an odd count, then the stream goes on as numpy does', () => {
    const r = new NumpyRandom(seed);
    const got = draws(1001, () => r.normal());
    expect(got).toEqual(c.randn);
    expect(draws(3, () => r.next())).toEqual(c.after_randn);
    // numpy's own deviates are these, except where its C library's log misrounded ln r²: an ulp or two off
    const numpy = got.map((h, i) => c.randn_numpy_differs[i] ?? h);
    for (const i of Object.keys(c.randn_numpy_differs).map(Number)) {
      expect(Math.abs(Number(BigInt(`0x${numpy[i]}`) - BigInt(`0x${got[i]}`))), `draw ${i}`).toBeLessThanOrEqual(2);
    }
    expect(numpy.filter((h, i) => h !== got[i]).length).toBe(Object.keys(c.randn_numpy_differs).length);
  });

  it('normal(loc, scale) and uniform(low, high)', () => {
    const r = new NumpyRandom(seed);
    expect(draws(7, () => r.normal(2.5, 0.3))).toEqual(c.normal);
    expect(draws(7, () => r.uniform(-1.5, 4))).toEqual(c.uniform);
  });

  it('randint(n): masked rejection, n = 1 draws nothing', () => {
    const r = new NumpyRandom(seed);
    const got = [
      ...Array.from({ length: 50 }, () => r.int(17)),
      ...Array.from({ length: 3 }, () => r.int(1)),
      ...Array.from({ length: 20 }, () => r.int(1000003)),
    ];
    expect(got).toEqual(c.randint);
  });

  it('permutation and shuffle, and the library’s permutation() with it as the seed', () => {
    const r = new NumpyRandom(seed);
    expect(Array.from(r.shuffle(Int32Array.from({ length: 37 }, (_, i) => i)))).toEqual(c.permutation);
    expect(r.shuffle(Array.from({ length: 10 }, (_, i) => i))).toEqual(c.shuffle_after);
    // the course's `permutation = list(np.random.permutation(m)); X[:, permutation]`
    const X = Matrix.from([Array.from({ length: 37 }, (_, j) => j)]);
    const shuffled = shuffleColumns(X, { seed: new NumpyRandom(seed) });
    expect(Array.from(shuffled.permutation)).toEqual(c.permutation);
    expect(Array.from(shuffled.X.data)).toEqual(c.permutation);
  });

  it("getState() is numpy's get_state() (key, pos, has_gauss/gauss), and setState() resumes the stream", () => {
    const r = new NumpyRandom(seed);
    for (let i = 0; i < 5; i++) r.normal();
    const st = r.getState();
    const want = c.state_after_5_randn;
    expect(st.s.slice(0, 624)).toEqual(want.key);
    expect(st.s[624]).toBe(want.pos);
    expect(st.spare === null ? 0 : 1).toBe(want.has_gauss);
    if (st.spare !== null) expect(hex(st.spare)).toBe(want.gauss);
    const copy = new NumpyRandom(12345).setState(JSON.parse(JSON.stringify(st)));
    expect(draws(20, () => copy.normal())).toEqual(draws(20, () => r.normal()));
  });
});

describe('NumpyRandom', () => {
  it("200 000 deviates (seed 7): numpy's, with ln rounded correctly (numpy differs on 60, by ≤ 2 ulps)", () => {
    expect([fixture.randn_200k_seed7_numpy_differs, fixture.randn_200k_seed7_numpy_max_ulps]).toEqual([60, 2]);
    const r = new NumpyRandom(7);
    const out = new Float64Array(200_000);
    for (let i = 0; i < out.length; i++) out[i] = r.normal();
    expect(createHash('sha256').update(new Uint8Array(out.buffer)).digest('hex')).toBe(fixture.randn_200k_seed7_sha256);
  });

  it("uniform is numpy's formula even where rounding lands on high (Random would fold that to low)", () => {
    // high − low = 2^−52 at 1: every draw ≥ 0.5 rounds up to high, which numpy returns
    const low = 1,
      high = 1 + 2 ** -52;
    const r = new NumpyRandom(5),
      ref = new NumpyRandom(5);
    for (let i = 0; i < 50; i++) expect(r.uniform(low, high)).toBe(low + (high - low) * ref.next());
  });

  it('the docs example: np.random.seed(1); np.random.randn()', () => {
    expect(new NumpyRandom(1).normal()).toBe(1.6243453636632417);
  });

  it("is a Random: Dense's 'small' init is the course's np.random.randn(n_h, n_x) * 0.01, row by row", () => {
    const r = new NumpyRandom(2);
    expect(r).toBeInstanceOf(Random);
    const reference = new NumpyRandom(2);
    const W1 = Array.from({ length: 8 }, () => reference.normal() * 0.01);
    const W2 = Array.from({ length: 4 }, () => reference.normal() * 0.01);
    const l1 = new Dense(2, 4, { init: 'small', seed: r });
    const l2 = new Dense(4, 1, { init: 'small', seed: r });
    expect(Array.from(l1.weight.value.data)).toEqual(W1);
    expect(Array.from(l2.weight.value.data)).toEqual(W2);
    // np.random.seed(2); np.random.randn(4, 2) * 0.01: the course's initialize_parameters printout
    expect(l1.weight.value.data[0]).toBe(-0.004167578474054706);
  });

  it('refuses bad seeds and states, naming itself', () => {
    expect(() => new NumpyRandom(-1)).toThrow(
      new RangeError('NumpyRandom: expected seed to be an integer in [0, 2^32 − 1], got -1'),
    );
    expect(() => new NumpyRandom('1' as never)).toThrow(
      new TypeError('NumpyRandom: expected seed to be a number, got "1"'),
    );
    const r = new NumpyRandom(1);
    const before = r.getState();
    const bad =
      'NumpyRandom.setState: expected { s: [624 words in [0, 2^32 − 1], a position in [0, 624]], spare }, got a ' +
      'malformed state';
    expect(() => r.setState({ s: [1, 2, 3, 4], spare: null })).toThrow(new TypeError(bad));
    expect(() => r.setState({ s: [...before.s.slice(0, 624), 625], spare: null })).toThrow(new TypeError(bad));
    expect(() => r.setState({ s: [2 ** 32, ...before.s.slice(1)], spare: null })).toThrow(new TypeError(bad));
    expect(() => r.setState({ s: before.s, spare: '0' as never })).toThrow(
      new TypeError('NumpyRandom.setState: expected spare to be a number or null, got string'),
    );
    expect(r.getState()).toEqual(before);
    expect(() => r.int(0)).toThrow(new RangeError('NumpyRandom.int: expected an integer n in [1, 2^32], got 0'));
    expect(() => r.int(2.5)).toThrow(RangeError);
  });

  it('int(n) is uniform over [0, n) and never leaves it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 2 ** 32 }), (seed, n) => {
        const r = new NumpyRandom(seed);
        for (let i = 0; i < 20; i++) {
          const v = r.int(n);
          if (!(Number.isInteger(v) && v >= 0 && v < n)) return false;
        }
        return true;
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });

  it('getState/setState round-trips at any point of the stream (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 1500 }), (seed, k) => {
        const r = new NumpyRandom(seed);
        for (let i = 0; i < k; i++)
          if (i % 3 === 0) r.normal();
          else r.next();
        const copy = new NumpyRandom(0).setState(r.getState());
        for (let i = 0; i < 30; i++)
          if (copy.normal() !== r.normal() || copy.nextUint32() !== r.nextUint32()) return false;
        return true;
      }),
      { seed: 7, numRuns: 50 },
    );
  });
});
