import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelEncoder } from '../../src/data/label-encoder.js';
import { LABEL_ENCODER_FORMAT, LABEL_ENCODER_VERSION, type Label } from '../../src/data/labels.js';
import { oneHot } from '../../src/data/one-hot.js';
import { ShapeError } from '../../src/errors.js';
import { Matrix } from '../../src/matrix/index.js';
import { expectThrowExact } from '../matrix/helpers.js';

const viaText = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('LabelEncoder', () => {
  it('learns the sorted distinct labels and maps them to indices and back', () => {
    const y = ['virginica', 'setosa', 'versicolor', 'setosa', 'virginica'];
    const encoder = new LabelEncoder<string>();
    expect(encoder.fitted).toBe(false);
    const indices = encoder.fitTransform(y);
    expect(encoder.fitted).toBe(true);
    expect(encoder.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(indices).toBeInstanceOf(Int32Array);
    expect(Array.from(indices)).toEqual([2, 0, 1, 0, 2]);
    expect(encoder.inverseTransform(indices)).toEqual(y);
    expect(oneHot(encoder.transform(y), encoder.classes.length).toArray()).toEqual([
      [0, 1, 0, 1, 0],
      [0, 0, 1, 0, 0],
      [1, 0, 0, 0, 1],
    ]);
  });

  it("sorts as scikit-learn's LabelEncoder: numbers ascending, strings by code unit, false < true", () => {
    expect(new LabelEncoder().fit([10, 2, -1, 2, 0.5]).classes).toEqual([-1, 0.5, 2, 10]);
    // By UTF-16 code unit, not locale: capitals first, 'é' (U+00E9) after 'z', an astral character last.
    expect(new LabelEncoder().fit(['b', 'a', 'B', 'é', 'z', '😀', '']).classes).toEqual([
      '',
      'B',
      'a',
      'b',
      'z',
      'é',
      '😀',
    ]);
    expect(new LabelEncoder().fit(['10', '9', '100']).classes).toEqual(['10', '100', '9']);
    expect(new LabelEncoder().fit([true, false, true]).classes).toEqual([false, true]);
  });

  it('reads numeric labels from typed arrays (a matrix row, Y.data of blobs)', () => {
    const Y = Matrix.from([[3, 1, 3, 7]]);
    const encoder = new LabelEncoder<number>().fit(Y.data);
    expect(encoder.classes).toEqual([1, 3, 7]);
    expect(Array.from(encoder.transform(Int32Array.of(7, 1)))).toEqual([2, 0]);
  });

  it('treats -0 as the class 0 and writes it as 0', () => {
    const encoder = new LabelEncoder().fit([-0, 1, 0]);
    expect(encoder.classes).toEqual([0, 1]);
    expect(Object.is(encoder.classes[0], 0)).toBe(true);
    expect(Array.from(encoder.transform([-0]))).toEqual([0]);
  });

  it('keeps "1", 1 and true apart (in separate encoders: one kind per encoder)', () => {
    const strings = new LabelEncoder().fit(['1', '2']);
    expectThrowExact(
      () => strings.transform([1]),
      RangeError,
      'LabelEncoder.transform: expected labels[0] to be a known class, got 1 (2 known classes: "1", "2")',
    );
  });

  it('names an unknown label and lists a few known classes', () => {
    const encoder = new LabelEncoder().fit(['setosa', 'versicolor', 'virginica']);
    expectThrowExact(
      () => encoder.transform(['setosa', 'virginca']),
      RangeError,
      'LabelEncoder.transform: expected labels[1] to be a known class, got "virginca" (3 known classes: "setosa", ' +
        '"versicolor", "virginica")',
    );
    const many = new LabelEncoder().fit(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expectThrowExact(
      () => many.transform(['h']),
      RangeError,
      'LabelEncoder.transform: expected labels[0] to be a known class, got "h" (5 of 7 known classes: "a", "b", ' +
        '"c", "d", "e", …)',
    );
    expectThrowExact(
      () => new LabelEncoder().fit([1]).transform([2]),
      RangeError,
      'LabelEncoder.transform: expected labels[0] to be a known class, got 2 (1 known class: 1)',
    );
  });

  it('refuses bad labels in fit with exact messages and stays unchanged', () => {
    const encoder = new LabelEncoder().fit(['x', 'y']);
    const cases: [unknown, ErrorConstructor, string][] = [
      ['abc', TypeError, 'expected an array of labels, got "abc"'],
      [null, TypeError, 'expected an array of labels, got null'],
      [[], RangeError, 'expected at least one label, got an empty array'],
      [['a', null], TypeError, 'expected labels[1] to be a string, a number or a boolean, got null'],
      [[{}], TypeError, 'expected labels[0] to be a string, a number or a boolean, got an object'],
      [[1, Number.NaN], RangeError, 'expected labels[1] to be a finite number, got NaN'],
      [[Number.NEGATIVE_INFINITY], RangeError, 'expected labels[0] to be a finite number, got -Infinity'],
      [['a', 'b', 1], TypeError, 'expected labels[2] to be a string like labels[0], got 1'],
      [[0, false], TypeError, 'expected labels[1] to be a number like labels[0], got false'],
      [[1n], TypeError, 'expected labels[0] to be a string, a number or a boolean, got a bigint'],
    ];
    for (const [labels, cls, message] of cases) {
      expectThrowExact(() => encoder.fit(labels as never), cls, `LabelEncoder.fit: ${message}`);
      expect(encoder.classes).toEqual(['x', 'y']);
    }
  });

  it('refuses bad input to transform and inverseTransform with exact messages', () => {
    const encoder = new LabelEncoder().fit(['no', 'yes']);
    expectThrowExact(
      () => encoder.transform('no' as never),
      TypeError,
      'LabelEncoder.transform: expected an array of labels, got "no"',
    );
    expectThrowExact(
      () => encoder.transform([undefined] as never),
      TypeError,
      'LabelEncoder.transform: expected labels[0] to be a string, a number or a boolean, got undefined',
    );
    expect(Array.from(encoder.transform([]))).toEqual([]);
    const inv = 'LabelEncoder.inverseTransform';
    expectThrowExact(
      () => encoder.inverseTransform([0, 2]),
      RangeError,
      `${inv}: expected indices[1] to be a class index in [0, 2), got 2`,
    );
    expectThrowExact(
      () => encoder.inverseTransform([-1]),
      RangeError,
      `${inv}: expected indices[0] to be a class index in [0, 2), got -1`,
    );
    expectThrowExact(
      () => encoder.inverseTransform([0.5]),
      RangeError,
      `${inv}: expected indices[0] to be a class index in [0, 2), got 0.5`,
    );
    expectThrowExact(
      () => encoder.inverseTransform(['1'] as never),
      TypeError,
      `${inv}: expected indices[0] to be a number, got "1"`,
    );
    expectThrowExact(
      () => encoder.inverseTransform(Matrix.zeros(2, 2)),
      ShapeError,
      `${inv}: expected indices (1, m), got indices (2, 2)`,
    );
    expectThrowExact(
      () => encoder.inverseTransform(3 as never),
      TypeError,
      `${inv}: expected indices to be a (1, m) Matrix or an array of numbers, got 3`,
    );
    expect(encoder.inverseTransform(Matrix.from([[1, 0]]))).toEqual(['yes', 'no']);
    expect(encoder.inverseTransform(Float64Array.of(1))).toEqual(['yes']);
  });

  it('refuses everything before fit', () => {
    const encoder = new LabelEncoder();
    const msg = (m: string): string =>
      `LabelEncoder.${m}: expected a fitted LabelEncoder, got one that was never fitted (call fit first)`;
    expectThrowExact(() => encoder.classes, Error, msg('classes'));
    expectThrowExact(() => encoder.transform([1]), Error, msg('transform'));
    expectThrowExact(() => encoder.inverseTransform([0]), Error, msg('inverseTransform'));
    expectThrowExact(() => encoder.toJSON(), Error, msg('classes'));
  });

  it('hands out copies of its classes', () => {
    const encoder = new LabelEncoder().fit(['a', 'b']);
    encoder.classes.push('c');
    (encoder.classes as Label[])[0] = 'z';
    expect(encoder.classes).toEqual(['a', 'b']);
  });

  it('writes versioned JSON and reads it back', () => {
    const encoder = new LabelEncoder().fit(['b', 'a']);
    expect(encoder.toJSON()).toEqual({ format: 'bottomup.label-encoder', version: 1, classes: ['a', 'b'] });
    expect(LABEL_ENCODER_FORMAT).toBe('bottomup.label-encoder');
    expect(LABEL_ENCODER_VERSION).toBe(1);
    const back = LabelEncoder.fromJSON(viaText(encoder));
    expect(back.classes).toEqual(['a', 'b']);
    expect(back.inverseTransform(back.transform(['b', 'a']))).toEqual(['b', 'a']);
  });

  it('round-trips every kind of label through JSON text (fast-check, fixed seed)', () => {
    const labels = fc.oneof(
      fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { minLength: 1, maxLength: 30 }),
      fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5, max: 5 })), {
        minLength: 1,
        maxLength: 30,
      }),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
    );
    fc.assert(
      fc.property(labels, (y: Label[]) => {
        const encoder = new LabelEncoder().fit(y);
        const text = JSON.stringify(encoder);
        const back = LabelEncoder.fromJSON(JSON.parse(text));
        expect(back.classes).toEqual(encoder.classes);
        expect(JSON.stringify(back)).toBe(text);
        const indices = encoder.transform(y);
        expect(back.transform(y)).toEqual(indices);
        // The classes are sorted, distinct, and decode the indices to labels equal to the inputs (−0 as 0).
        const classes = encoder.classes;
        for (let c = 1; c < classes.length; c++) expect(classes[c - 1] < classes[c]).toBe(true);
        expect(back.inverseTransform(indices)).toEqual(y.map((v) => (typeof v === 'number' ? v + 0 : v)));
      }),
      { seed: 141_414, numRuns: 300 },
    );
  });

  it('refuses malformed JSON with exact messages', () => {
    const ok = { format: 'bottomup.label-encoder', version: 1, classes: ['a', 'b'] };
    const cases: [unknown, ErrorConstructor, string][] = [
      [JSON.stringify(ok), TypeError, 'expected a label encoder object (JSON.parse the text first), got a string'],
      [null, TypeError, 'expected a label encoder object { format, version, classes }, got null'],
      [[ok], TypeError, 'expected a label encoder object { format, version, classes }, got an array'],
      [
        { ...ok, format: 'bottomup.sequential' },
        TypeError,
        'expected format "bottomup.label-encoder", got "bottomup.sequential"',
      ],
      [{ ...ok, version: 0 }, TypeError, 'expected version to be a positive integer, got 0'],
      [{ ...ok, version: '1' }, TypeError, 'expected version to be a positive integer, got "1"'],
      [
        { ...ok, version: 2 },
        RangeError,
        'expected format version <= 1 (this build of bottomup), got 2: upgrade bottomup to read this label encoder',
      ],
      [
        { ...ok, extra: 1 },
        TypeError,
        'expected the label encoder keys among format, version, classes, got unknown key "extra"',
      ],
      [{ ...ok, classes: 'ab' }, TypeError, 'expected classes to be an array of labels, got "ab"'],
      [{ ...ok, classes: [] }, RangeError, 'expected classes to hold at least one class, got an empty array'],
      [
        { ...ok, classes: ['b', 'a'] },
        RangeError,
        'expected classes in ascending order without repeats, got classes[1] "a" after "b"',
      ],
      [
        { ...ok, classes: [1, 1] },
        RangeError,
        'expected classes in ascending order without repeats, got classes[1] 1 after 1',
      ],
      [{ ...ok, classes: ['a', 2] }, TypeError, 'expected classes[1] to be a string like classes[0], got 2'],
      [{ ...ok, classes: [null] }, TypeError, 'expected classes[0] to be a string, a number or a boolean, got null'],
      [{ ...ok, classes: [1, null] }, TypeError, 'expected classes[1] to be a string, a number or a boolean, got null'],
    ];
    for (const [json, cls, message] of cases) {
      expectThrowExact(() => LabelEncoder.fromJSON(json), cls, `LabelEncoder.fromJSON: ${message}`);
    }
  });
});
