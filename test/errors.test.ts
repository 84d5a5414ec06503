/**
 * ShapeError and the message formatters every error in the library goes through.
 */
import { describe, expect, it } from 'vitest';
import { ShapeError, fmtShape, fmtValue } from '../src/errors.js';
import { Matrix } from '../src/matrix/index.js';

describe('ShapeError', () => {
  it('is a RangeError and an Error, named ShapeError, carrying the message as given', () => {
    const e = new ShapeError('Op.method: expected (2, 3), got (3, 2)');
    expect(e).toBeInstanceOf(ShapeError);
    expect(e).toBeInstanceOf(RangeError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ShapeError');
    expect(e.message).toBe('Op.method: expected (2, 3), got (3, 2)');
    expect(String(e)).toBe('ShapeError: Op.method: expected (2, 3), got (3, 2)');
    expect(typeof e.stack).toBe('string');
  });

  it('is what a shape mismatch throws (the documented example)', () => {
    let caught: unknown;
    try {
      Matrix.zeros(2, 3).matmul(Matrix.zeros(2, 3));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ShapeError);
    expect((caught as Error).message).toBe('Matrix.matmul: expected b.rows === a.cols (3), got a (2, 3) and b (2, 3)');
  });

  it('can be caught as a RangeError', () => {
    const f = (): void => {
      throw new ShapeError('x: expected y, got z');
    };
    expect(f).toThrow(RangeError);
    expect(f).toThrow(ShapeError);
    expect(f).toThrow('x: expected y, got z');
  });
});

describe('fmtShape', () => {
  it('writes (rows, cols)', () => {
    expect(fmtShape(2, 3)).toBe('(2, 3)');
    expect(fmtShape(0, 0)).toBe('(0, 0)');
  });
});

describe('fmtValue', () => {
  it('writes numbers as written, keeping -0, NaN and infinities visible', () => {
    expect(fmtValue(1.5)).toBe('1.5');
    expect(fmtValue(-3)).toBe('-3');
    expect(fmtValue(-0)).toBe('-0');
    expect(fmtValue(0)).toBe('0');
    expect(fmtValue(Number.NaN)).toBe('NaN');
    expect(fmtValue(-Infinity)).toBe('-Infinity');
  });

  it('quotes strings, so "1" and 1 read differently', () => {
    expect(fmtValue('1')).toBe('"1"');
    expect(fmtValue('')).toBe('""');
    expect(fmtValue('a"b')).toBe('"a\\"b"');
  });

  it('names null, arrays and objects', () => {
    expect(fmtValue(null)).toBe('null');
    expect(fmtValue([1, 2])).toBe('an array');
    expect(fmtValue({ a: 1 })).toBe('an object');
    expect(fmtValue(new Float64Array(2))).toBe('an object');
  });

  it('writes undefined and booleans as themselves', () => {
    expect(fmtValue(undefined)).toBe('undefined');
    expect(fmtValue(true)).toBe('true');
  });
});
