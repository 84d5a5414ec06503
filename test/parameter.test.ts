/** `parameter()`: a Parameter for a layer of your own, with its argument checks. */
import { describe, expect, it } from 'vitest';
import { Matrix, parameter } from '../src/index.js';
import { expectThrowExact } from './matrix/helpers.js';

describe('parameter(): a Parameter for a layer of your own', () => {
  it('from a matrix (kept, not copied) or a shape and a fill, with a zero gradient', () => {
    const value = Matrix.from([
      [1, 2],
      [3, 4],
    ]);
    const p = parameter('s', value);
    expect(p.name).toBe('s');
    expect(p.value).toBe(value);
    expect(p.grad.toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    const q = parameter('b', 3, 1, 0.5);
    expect([q.value.toArray(), q.grad.shape]).toEqual([
      [[0.5], [0.5], [0.5]],
      [3, 1],
    ]);
    expect(parameter('z', 1, 2).value.toArray()).toEqual([[0, 0]]);
  });
  it('bad arguments are refused with the value in the message', () => {
    expectThrowExact(() => parameter('', 1, 1), TypeError, 'parameter: expected name to be a non-empty string, got ""');
    expectThrowExact(
      () => parameter(7 as never, 1, 1),
      TypeError,
      'parameter: expected name to be a non-empty string, got 7',
    );
    expectThrowExact(
      () => parameter('s', 0, 1),
      RangeError,
      'parameter: expected rows to be a positive integer, got 0',
    );
    expectThrowExact(
      () => parameter('s', 2, 1.5),
      RangeError,
      'parameter: expected cols to be a positive integer, got 1.5',
    );
    expectThrowExact(
      () => parameter('s', 2, 1, Number.NaN),
      RangeError,
      'parameter: expected fill to be a finite number, got NaN',
    );
    expectThrowExact(
      () => parameter('s', [[1]] as never),
      TypeError,
      'parameter: expected value to be a Matrix, got an array: use Matrix.fromSamples(examples) for one array per ' +
        'example, or Matrix.from(rows) for rows',
    );
    expectThrowExact(
      () => parameter('s', Matrix.from([[1, Number.POSITIVE_INFINITY]])),
      RangeError,
      'parameter: expected finite values in value, got Infinity at (0, 1)',
    );
  });
});
