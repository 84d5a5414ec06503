/**
 * Matrix integrity (#10.2, #10.12, #10.13): shape and data fixed at runtime, whole-data checks in the
 * kernels, partial overlap refused, allocation failures named, ragged inputs refused before allocating.
 */
import { describe, expect, it } from 'vitest';
import { Dense, Matrix, addInto, copyInto, mapInto, scaleInto, sumColumnsInto } from '../../src/index.js';
import { expectThrowExact } from './helpers.js';

describe('a Matrix is frozen: rows, cols and data cannot be reassigned (#10.2)', () => {
  it('assignment throws in strict mode; elements stay writable', () => {
    const m = Matrix.zeros(2, 3);
    const loose = m as unknown as { rows: number; cols: number; data: Float64Array };
    expect(() => {
      loose.data = new Float64Array(0);
    }).toThrowError(TypeError);
    expect(() => {
      loose.rows = 5;
    }).toThrowError(TypeError);
    expect(() => {
      loose.cols = 1;
    }).toThrowError(TypeError);
    expect(Object.isFrozen(m)).toBe(true);
    m.data[4] = 7;
    expect(m.get(1, 1)).toBe(7);
    expect(m.shape).toEqual([2, 3]);
  });

  it('a transferred buffer is caught by the kernels and the methods that take it', () => {
    const a = Matrix.ones(2, 3);
    structuredClone(a.data.buffer, { transfer: [a.data.buffer] });
    const tail = 'got 0 (was its buffer transferred, e.g. by postMessage?)';
    expectThrowExact(
      () => addInto(Matrix.zeros(2, 3), a, Matrix.ones(2, 3)),
      RangeError,
      `addInto: expected a.data to hold 2·3 = 6 values for (2, 3), ${tail}`,
    );
    expectThrowExact(
      () => Matrix.ones(2, 3).add(a),
      RangeError,
      `addInto: expected b.data to hold 2·3 = 6 values for (2, 3), ${tail}`,
    );
    expectThrowExact(
      () => Matrix.ones(4, 2).matmul(a),
      RangeError,
      `Matrix.matmul: expected b.data to hold 2·3 = 6 values for (2, 3), ${tail}`,
    );
  });

  it('a plain { rows, cols, data } view whose data is short is refused', () => {
    const lie = { rows: 2, cols: 3, data: new Float64Array(4) };
    expectThrowExact(
      () => scaleInto(Matrix.zeros(2, 3), lie, 2),
      RangeError,
      'scaleInto: expected a.data to hold 2·3 = 6 values for (2, 3), got 4',
    );
    expectThrowExact(
      () => copyInto(lie, Matrix.zeros(2, 3)),
      RangeError,
      'copyInto: expected out.data to hold 2·3 = 6 values for (2, 3), got 4',
    );
  });
});

describe('elementwise kernels: out may be an input exactly, never a shifted view of one (#10.12)', () => {
  const buffer = (): Float64Array => Float64Array.from({ length: 8 }, (_, i) => i + 1);

  it('a partly overlapping out is refused, and nothing is written', () => {
    const buf = buffer();
    const a = new Matrix(2, 3, buf.subarray(0, 6));
    const out = new Matrix(2, 3, buf.subarray(1, 7));
    const message =
      'addInto: expected out to be a itself or apart from it, got out partly overlapping a (a shifted view)';
    expectThrowExact(() => addInto(out, a, Matrix.ones(2, 3)), RangeError, message);
    expect(Array.from(buf)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expectThrowExact(
      () => addInto(out, Matrix.ones(2, 3), a),
      RangeError,
      'addInto: expected out to be b itself or apart from it, got out partly overlapping b (a shifted view)',
    );
    expect(() => scaleInto(out, a, 2)).toThrowError(/scaleInto: .*partly overlapping a/);
    expect(() => mapInto(out, a, (v) => v)).toThrowError(/mapInto: .*partly overlapping a/);
    const col = new Matrix(2, 1, buf.subarray(0, 2));
    expect(() => sumColumnsInto(col, a)).toThrowError(/sumColumnsInto: .*partly overlapping a/);
    expect(Array.from(buf)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('exact aliasing and disjoint views of one buffer still work', () => {
    const buf = buffer();
    const a = new Matrix(1, 4, buf.subarray(0, 4));
    const b = new Matrix(1, 4, buf.subarray(4, 8));
    addInto(a, a, b); // in place
    expect(Array.from(buf)).toEqual([6, 8, 10, 12, 5, 6, 7, 8]);
    scaleInto(b, b, 2);
    expect(Array.from(buf)).toEqual([6, 8, 10, 12, 10, 12, 14, 16]);
  });
});

describe('sizes the engine cannot allocate, and ragged inputs (#10.13)', () => {
  it('new Dense(1e5, 1e5) and a huge Matrix name the operation and the size', () => {
    expect(() => new Dense(1e5, 1e5)).toThrowError(
      new RangeError(
        'Dense: expected a matrix this engine can allocate, got (100000, 100000) = 10000000000 values (80 GB of Float64)',
      ),
    );
    expect(() => Matrix.zeros(1e5, 1e5)).toThrowError(
      new RangeError(
        'new Matrix: expected a matrix this engine can allocate, got (100000, 100000) = 10000000000 values (80 GB of Float64)',
      ),
    );
  });

  it('Matrix.from and fromSamples check every row before allocating', () => {
    const first = new Array(1e6).fill(0);
    expectThrowExact(
      () => Matrix.from([first, [1], first]),
      RangeError,
      'Matrix.from: expected every row to have length 1000000 (ragged rows), got rows[1] of length 1',
    );
    expectThrowExact(
      () => Matrix.fromSamples([[1, 2], [3]]),
      RangeError,
      'Matrix.fromSamples: expected every sample to have length 2, got samples[1] of length 1',
    );
  });
});
