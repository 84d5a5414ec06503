/**
 * Every error path of the Matrix module, with its exact message and class: `TypeError` for the wrong
 * kind of value, `RangeError` for the wrong size, `ShapeError` (a `RangeError`) for shapes that do
 * not fit. A call that throws changes nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  Matrix,
  addColumnInto,
  addInto,
  addScaledInto,
  argmaxInto,
  copyInto,
  divInto,
  mapInto,
  matmulInto,
  matmulTransposeAInto,
  matmulTransposeBInto,
  mulInto,
  scaleInto,
  subInto,
  sumColumnsInto,
  sumRowsInto,
  transposeInto,
} from '../../src/matrix/index.js';
import { ShapeError } from '../../src/errors.js';
import { expectBitEqual, expectThrowExact } from './helpers.js';

/** Bypasses the types, to pass what a JavaScript caller might. */
const bad = <T>(value: unknown): T => value as T;

/** Asserts a ShapeError (also a RangeError) with exactly `message`, and that `operands` are unchanged. */
function expectShapeError(fn: () => unknown, message: string, operands: Matrix[] = []): void {
  const before = operands.map((m) => m.clone());
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ShapeError);
  expect(caught).toBeInstanceOf(RangeError);
  expect((caught as Error).name).toBe('ShapeError');
  expect((caught as Error).message).toBe(message);
  operands.forEach((m, i) => expectBitEqual(m, before[i]));
}

const seq = (rows: number, cols: number): Matrix =>
  new Matrix(
    rows,
    cols,
    Array.from({ length: rows * cols }, (_, i) => i + 1),
  );
/** A sentinel-filled out, to check that a refused call wrote nothing. */
const sentinel = (rows: number, cols: number): Matrix => Matrix.fill(rows, cols, 7);

describe('new Matrix', () => {
  it('TypeError for sizes that are not numbers', () => {
    expectThrowExact(() => new Matrix(bad('2'), 2), TypeError, 'new Matrix: expected rows to be a number, got "2"');
    expectThrowExact(
      () => new Matrix(2, bad(undefined)),
      TypeError,
      'new Matrix: expected cols to be a number, got undefined',
    );
    expectThrowExact(() => new Matrix(bad(null), 2), TypeError, 'new Matrix: expected rows to be a number, got null');
    expectThrowExact(() => new Matrix(2, bad(2n)), TypeError, 'new Matrix: expected cols to be a number, got a bigint');
  });

  it('RangeError for negative, fractional, infinite, NaN or unsafe sizes', () => {
    const cases: [number, string][] = [
      [-1, '-1'],
      [1.5, '1.5'],
      [Infinity, 'Infinity'],
      [-Infinity, '-Infinity'],
      [Number.NaN, 'NaN'],
      [2 ** 53, '9007199254740992'],
    ];
    for (const [value, shown] of cases) {
      expectThrowExact(
        () => new Matrix(value, 1),
        RangeError,
        `new Matrix: expected rows to be a non-negative integer, got ${shown}`,
      );
      expectThrowExact(
        () => new Matrix(1, value),
        RangeError,
        `new Matrix: expected cols to be a non-negative integer, got ${shown}`,
      );
    }
  });

  it('RangeError for data of the wrong length', () => {
    expectThrowExact(
      () => new Matrix(2, 2, [1, 2, 3]),
      RangeError,
      'new Matrix: expected data of length 4 for (2, 2), got 3',
    );
    expectThrowExact(
      () => new Matrix(2, 2, new Float64Array(5)),
      RangeError,
      'new Matrix: expected data of length 4 for (2, 2), got 5',
    );
    expectThrowExact(
      () => new Matrix(0, 3, [0]),
      RangeError,
      'new Matrix: expected data of length 0 for (0, 3), got 1',
    );
  });

  it('TypeError for data that is not an array of numbers', () => {
    expectThrowExact(
      () => new Matrix(1, 1, bad(null)),
      TypeError,
      'new Matrix: expected data to be an array of numbers, got null',
    );
    expectThrowExact(
      () => new Matrix(1, 1, bad(5)),
      TypeError,
      'new Matrix: expected data to be an array of numbers, got 5',
    );
    expectThrowExact(
      () => new Matrix(2, 2, bad('abcd')),
      TypeError,
      'new Matrix: expected data to be an array of numbers, got "abcd"',
    );
    expectThrowExact(
      () => new Matrix(1, 1, bad({})),
      TypeError,
      'new Matrix: expected data to be an array of numbers, got an object',
    );
  });

  it('TypeError for an element that is not a number', () => {
    expectThrowExact(
      () => new Matrix(1, 2, bad([1, '2'])),
      TypeError,
      'new Matrix: expected data[1] to be a number, got "2"',
    );
    expectThrowExact(
      () => new Matrix(1, 2, bad([null, 1])),
      TypeError,
      'new Matrix: expected data[0] to be a number, got null',
    );
    expectThrowExact(
      () => new Matrix(1, 2, bad([1, [2]])),
      TypeError,
      'new Matrix: expected data[1] to be a number, got an array',
    );
    // eslint-disable-next-line no-sparse-arrays
    expectThrowExact(
      () => new Matrix(1, 3, bad([1, , 3])),
      TypeError,
      'new Matrix: expected data[1] to be a number, got undefined',
    );
  });
});

describe('static constructors name themselves', () => {
  it('zeros, ones, fill, randn, uniform', () => {
    expectThrowExact(
      () => Matrix.zeros(-1, 2),
      RangeError,
      'Matrix.zeros: expected rows to be a non-negative integer, got -1',
    );
    expectThrowExact(
      () => Matrix.ones(2, 1.5),
      RangeError,
      'Matrix.ones: expected cols to be a non-negative integer, got 1.5',
    );
    expectThrowExact(
      () => Matrix.fill(Number.NaN, 1, 0),
      RangeError,
      'Matrix.fill: expected rows to be a non-negative integer, got NaN',
    );
    expectThrowExact(
      () => Matrix.randn(2, Infinity),
      RangeError,
      'Matrix.randn: expected cols to be a non-negative integer, got Infinity',
    );
    expectThrowExact(
      () => Matrix.uniform(bad('2'), 2),
      TypeError,
      'Matrix.uniform: expected rows to be a number, got "2"',
    );
  });

  it('identity', () => {
    expectThrowExact(
      () => Matrix.identity(-2),
      RangeError,
      'Matrix.identity: expected n to be a non-negative integer, got -2',
    );
    expectThrowExact(() => Matrix.identity(bad('3')), TypeError, 'Matrix.identity: expected n to be a number, got "3"');
  });
});

describe('Matrix.from', () => {
  it('TypeError when rows is not an array of arrays of numbers', () => {
    expectThrowExact(() => Matrix.from(bad(5)), TypeError, 'Matrix.from: expected an array of rows, got number');
    expectThrowExact(() => Matrix.from(bad(null)), TypeError, 'Matrix.from: expected an array of rows, got null');
    expectThrowExact(() => Matrix.from(bad([5])), TypeError, 'Matrix.from: expected rows[0] to be an array, got 5');
    expectThrowExact(
      () => Matrix.from(bad([[1], 'x'])),
      TypeError,
      'Matrix.from: expected rows[1] to be an array, got "x"',
    );
    expectThrowExact(
      () => Matrix.from(bad([[1, 'a']])),
      TypeError,
      'Matrix.from: expected rows[0][1] to be a number, got "a"',
    );
  });

  it('RangeError for ragged rows', () => {
    expectThrowExact(
      () => Matrix.from([[1, 2], [3]]),
      RangeError,
      'Matrix.from: expected every row to have length 2 (ragged rows), got rows[1] of length 1',
    );
    expectThrowExact(
      () => Matrix.from([[1], [2], [3, 4]]),
      RangeError,
      'Matrix.from: expected every row to have length 1 (ragged rows), got rows[2] of length 2',
    );
  });
});

describe('Matrix.fromSamples', () => {
  it('TypeError when samples is not an array of numbers or of arrays of numbers', () => {
    expectThrowExact(
      () => Matrix.fromSamples(bad(7)),
      TypeError,
      'Matrix.fromSamples: expected an array of samples, got number',
    );
    expectThrowExact(
      () => Matrix.fromSamples(bad([1, [2]])),
      TypeError,
      'Matrix.fromSamples: expected samples[1] to be a number, got an array',
    );
    expectThrowExact(
      () => Matrix.fromSamples(bad([1, '2'])),
      TypeError,
      'Matrix.fromSamples: expected samples[1] to be a number, got "2"',
    );
    expectThrowExact(
      () => Matrix.fromSamples(bad([{}])),
      TypeError,
      'Matrix.fromSamples: expected samples[0] to be a number or an array, got an object',
    );
    expectThrowExact(
      () => Matrix.fromSamples(bad([null])),
      TypeError,
      'Matrix.fromSamples: expected samples[0] to be a number or an array, got null',
    );
    expectThrowExact(
      () => Matrix.fromSamples(bad([[1], 2])),
      TypeError,
      'Matrix.fromSamples: expected samples[1] to be an array, got 2',
    );
    expectThrowExact(
      () => Matrix.fromSamples(bad([[1, null]])),
      TypeError,
      'Matrix.fromSamples: expected samples[0][1] to be a number, got null',
    );
  });

  it('RangeError for samples of different lengths', () => {
    expectThrowExact(
      () => Matrix.fromSamples([[1, 2], [3]]),
      RangeError,
      'Matrix.fromSamples: expected every sample to have length 2, got samples[1] of length 1',
    );
  });
});

describe('get and set', () => {
  it('RangeError outside the matrix', () => {
    const a = seq(2, 3);
    const cases: [number, number, string][] = [
      [2, 0, '(2, 0)'],
      [0, 3, '(0, 3)'],
      [-1, 0, '(-1, 0)'],
      [0, -1, '(0, -1)'],
      [0.5, 0, '(0.5, 0)'],
      [Number.NaN, 0, '(NaN, 0)'],
      [0, Infinity, '(0, Infinity)'],
    ];
    for (const [r, c, shown] of cases) {
      expectThrowExact(
        () => a.get(r, c),
        RangeError,
        `Matrix.get: expected 0 <= row < 2 and 0 <= col < 3, got ${shown}`,
      );
      expectThrowExact(
        () => a.set(r, c, 99),
        RangeError,
        `Matrix.set: expected 0 <= row < 2 and 0 <= col < 3, got ${shown}`,
      );
    }
    expect(a.equals(seq(2, 3))).toBe(true);
    expectThrowExact(
      () => Matrix.zeros(0, 0).get(0, 0),
      RangeError,
      'Matrix.get: expected 0 <= row < 0 and 0 <= col < 0, got (0, 0)',
    );
  });
});

describe('approxEquals', () => {
  it('RangeError for a negative or NaN tolerance', () => {
    const a = Matrix.zeros(1, 1);
    expectThrowExact(() => a.approxEquals(a, -1), RangeError, 'Matrix.approxEquals: expected tolerance >= 0, got -1');
    expectThrowExact(
      () => a.approxEquals(a, Number.NaN),
      RangeError,
      'Matrix.approxEquals: expected tolerance >= 0, got NaN',
    );
    expectThrowExact(
      () => a.approxEquals(Matrix.zeros(2, 2), -0.5),
      RangeError,
      'Matrix.approxEquals: expected tolerance >= 0, got -0.5',
    );
  });
});

describe('ShapeError from the allocating methods names the method and both shapes', () => {
  const a = seq(2, 3);

  it('products', () => {
    expectShapeError(
      () => a.matmul(seq(2, 3)),
      'Matrix.matmul: expected b.rows === a.cols (3), got a (2, 3) and b (2, 3)',
      [a],
    );
    expectShapeError(
      () => a.matmulTransposeA(seq(3, 2)),
      'Matrix.matmulTransposeA: expected b.rows === a.rows (2), got a (2, 3) and b (3, 2)',
    );
    expectShapeError(
      () => a.matmulTransposeB(seq(3, 2)),
      'Matrix.matmulTransposeB: expected b.cols === a.cols (3), got a (2, 3) and b (3, 2)',
    );
  });

  it('elementwise', () => {
    for (const op of ['add', 'sub', 'mul', 'div'] as const) {
      expectShapeError(() => a[op](seq(3, 2)), `Matrix.${op}: expected b (2, 3) like a, got a (2, 3) and b (3, 2)`, [
        a,
      ]);
    }
  });

  it('addColumn', () => {
    expectShapeError(() => a.addColumn(seq(3, 1)), 'Matrix.addColumn: expected v (2, 1), got a (2, 3) and v (3, 1)');
    expectShapeError(() => a.addColumn(seq(2, 2)), 'Matrix.addColumn: expected v (2, 1), got a (2, 3) and v (2, 2)');
    expectShapeError(() => a.addColumn(seq(1, 2)), 'Matrix.addColumn: expected v (2, 1), got a (2, 3) and v (1, 2)');
  });
});

describe('ShapeError from the kernels; a refused call writes nothing', () => {
  it('matmulInto', () => {
    const a = seq(2, 3),
      out = sentinel(2, 2),
      wrongOut = sentinel(2, 3);
    expectShapeError(
      () => matmulInto(out, a, seq(2, 3)),
      'matmulInto: expected b.rows === a.cols (3), got a (2, 3) and b (2, 3)',
      [out, a],
    );
    expectShapeError(() => matmulInto(wrongOut, a, seq(3, 2)), 'matmulInto: expected out (2, 2), got out (2, 3)', [
      wrongOut,
      a,
    ]);
    expectShapeError(
      () => matmulInto(wrongOut, a, seq(3, 2), true),
      'matmulInto: expected out (2, 2), got out (2, 3)',
      [wrongOut],
    );
  });

  it('matmulTransposeAInto', () => {
    const a = seq(3, 2),
      out = sentinel(2, 2),
      wrongOut = sentinel(3, 2);
    expectShapeError(
      () => matmulTransposeAInto(out, a, seq(2, 2)),
      'matmulTransposeAInto: expected b.rows === a.rows (3), got a (3, 2) and b (2, 2)',
      [out, a],
    );
    expectShapeError(
      () => matmulTransposeAInto(wrongOut, a, seq(3, 4)),
      'matmulTransposeAInto: expected out (2, 4), got out (3, 2)',
      [wrongOut],
    );
  });

  it('matmulTransposeBInto', () => {
    const a = seq(2, 3),
      out = sentinel(2, 4),
      wrongOut = sentinel(2, 3);
    expectShapeError(
      () => matmulTransposeBInto(out, a, seq(4, 2)),
      'matmulTransposeBInto: expected b.cols === a.cols (3), got a (2, 3) and b (4, 2)',
      [out, a],
    );
    expectShapeError(
      () => matmulTransposeBInto(wrongOut, a, seq(4, 3)),
      'matmulTransposeBInto: expected out (2, 4), got out (2, 3)',
      [wrongOut],
    );
  });

  it('the matmul family checks the inner dimension before out', () => {
    expectShapeError(
      () => matmulInto(sentinel(9, 9), seq(2, 3), seq(2, 3)),
      'matmulInto: expected b.rows === a.cols (3), got a (2, 3) and b (2, 3)',
    );
  });

  it('matmul family and transposeInto: aliasing is a RangeError (not a ShapeError)', () => {
    const a = seq(2, 2),
      b = seq(2, 2);
    for (const [op, kernel] of [
      ['matmulInto', matmulInto],
      ['matmulTransposeAInto', matmulTransposeAInto],
      ['matmulTransposeBInto', matmulTransposeBInto],
    ] as const) {
      expectThrowExact(
        () => kernel(a, a, b),
        RangeError,
        `${op}: expected out to be distinct from the inputs, got out sharing memory with a`,
      );
      expectThrowExact(
        () => kernel(b, a, b),
        RangeError,
        `${op}: expected out to be distinct from the inputs, got out sharing memory with b`,
      );
    }
    expectThrowExact(
      () => transposeInto(a, a),
      RangeError,
      'transposeInto: expected out to be distinct from the inputs, got out sharing memory with a',
    );
    let caught: unknown;
    try {
      matmulInto(a, a, b);
    } catch (e) {
      caught = e;
    }
    expect(caught).not.toBeInstanceOf(ShapeError);
    expect(a.equals(seq(2, 2)) && b.equals(seq(2, 2))).toBe(true);
  });

  it('transposeInto', () => {
    const out = sentinel(2, 3);
    expectShapeError(() => transposeInto(out, seq(2, 3)), 'transposeInto: expected out (3, 2), got out (2, 3)', [out]);
  });

  it('binary elementwise kernels: b like a, then out like a', () => {
    const kernels = [
      ['addInto', addInto],
      ['subInto', subInto],
      ['mulInto', mulInto],
      ['divInto', divInto],
      ['addScaledInto', (o: Matrix, x: Matrix, y: Matrix) => addScaledInto(o, x, y, 2)],
    ] as const;
    for (const [op, kernel] of kernels) {
      const a = seq(2, 3),
        out = sentinel(2, 3),
        wrongOut = sentinel(3, 2);
      expectShapeError(() => kernel(out, a, seq(3, 2)), `${op}: expected b (2, 3) like a, got a (2, 3) and b (3, 2)`, [
        out,
        a,
      ]);
      expectShapeError(() => kernel(wrongOut, a, seq(2, 3)), `${op}: expected out (2, 3), got out (3, 2)`, [
        wrongOut,
        a,
      ]);
    }
  });

  it('scaleInto, mapInto, copyInto: out like a', () => {
    const a = seq(2, 3),
      out = sentinel(3, 2);
    expectShapeError(() => scaleInto(out, a, 2), 'scaleInto: expected out (2, 3), got out (3, 2)', [out, a]);
    expectShapeError(() => mapInto(out, a, (v) => v), 'mapInto: expected out (2, 3), got out (3, 2)', [out, a]);
    expectShapeError(() => copyInto(out, a), 'copyInto: expected out (2, 3), got out (3, 2)', [out, a]);
  });

  it('addColumnInto: v is (a.rows, 1), then out like a', () => {
    const a = seq(2, 3),
      out = sentinel(2, 3),
      wrongOut = sentinel(3, 2);
    expectShapeError(
      () => addColumnInto(out, a, seq(3, 1)),
      'addColumnInto: expected v (2, 1), got a (2, 3) and v (3, 1)',
      [out, a],
    );
    expectShapeError(
      () => addColumnInto(out, a, seq(2, 2)),
      'addColumnInto: expected v (2, 1), got a (2, 3) and v (2, 2)',
      [out],
    );
    expectShapeError(
      () => addColumnInto(wrongOut, a, seq(2, 1)),
      'addColumnInto: expected out (2, 3), got out (3, 2)',
      [wrongOut],
    );
  });

  it('sumColumnsInto: out is (a.rows, 1)', () => {
    const out = sentinel(1, 2);
    expectShapeError(() => sumColumnsInto(out, seq(2, 3)), 'sumColumnsInto: expected out (2, 1), got out (1, 2)', [
      out,
    ]);
    expectShapeError(
      () => sumColumnsInto(out, seq(2, 3), true),
      'sumColumnsInto: expected out (2, 1), got out (1, 2)',
      [out],
    );
  });

  it('sumRowsInto: out is (1, a.cols) and distinct from a', () => {
    const out = sentinel(3, 1);
    expectShapeError(() => sumRowsInto(out, seq(2, 3)), 'sumRowsInto: expected out (1, 3), got out (3, 1)', [out]);
    const row = seq(1, 3);
    expectThrowExact(
      () => sumRowsInto(row, row),
      RangeError,
      'sumRowsInto: expected out to be distinct from the inputs, got out sharing memory with a',
    );
    expect(row.equals(seq(1, 3))).toBe(true);
  });

  it('argmaxInto: out is (1, a.cols) and distinct from a', () => {
    const out = sentinel(1, 2);
    expectShapeError(() => argmaxInto(out, seq(2, 3)), 'argmaxInto: expected out (1, 3), got out (1, 2)', [out]);
    const row = seq(1, 3);
    expectThrowExact(
      () => argmaxInto(row, row),
      RangeError,
      'argmaxInto: expected out to be distinct from the inputs, got out sharing memory with a',
    );
    expect(row.equals(seq(1, 3))).toBe(true);
  });
});
