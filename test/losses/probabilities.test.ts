/**
 * Cross-entropy needs probabilities (#10.5) and accepts soft labels (#10.16).
 */
import { describe, expect, it } from 'vitest';
import { BinaryCrossEntropy, CategoricalCrossEntropy, Matrix } from '../../src/index.js';
import { expectThrowExact } from '../matrix/helpers.js';

describe('predictions that are not probabilities are refused (#10.5)', () => {
  it('BinaryCrossEntropy: a value outside [0, 1] (a model without its Sigmoid), with its position', () => {
    expectThrowExact(
      () => new BinaryCrossEntropy().forward(new Matrix(1, 3, [0.5, 2, -1]), new Matrix(1, 3, [1, 0, 1])),
      RangeError,
      'BinaryCrossEntropy.forward: expected predictions in [0, 1] (probabilities: end the model with Sigmoid, or ' +
        'use fromLogits), got 2 at (0, 1)',
    );
    // with fromLogits any finite value is a logit
    const J = new BinaryCrossEntropy({ fromLogits: true }).forward(new Matrix(1, 2, [2, -1]), new Matrix(1, 2, [1, 0]));
    expect(J).toBeCloseTo((Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1))) / 2, 15);
    // the edges are probabilities
    expect(new BinaryCrossEntropy().forward(new Matrix(1, 2, [0, 1]), new Matrix(1, 2, [0, 1]))).toBe(0);
  });

  it('CategoricalCrossEntropy: a value outside [0, 1] (a model without its Softmax)', () => {
    expectThrowExact(
      () => new CategoricalCrossEntropy().forward(new Matrix(2, 1, [1.5, -0.5]), new Matrix(2, 1, [1, 0])),
      RangeError,
      'CategoricalCrossEntropy.forward: expected predictions in [0, 1] (probabilities: end the model with Softmax, ' +
        'or use fromLogits), got 1.5 at (0, 0)',
    );
  });

  it('NaN passes to the cost (a diverged model is fit’s to report as nonFinite)', () => {
    expect(new BinaryCrossEntropy().forward(new Matrix(1, 1, [Number.NaN]), new Matrix(1, 1, [1]))).toBeNaN();
  });
});

describe('soft labels are legitimate for categorical cross-entropy (#10.16): the rule is probability columns', () => {
  it('soft and smoothed labels are accepted, with the exact cost', () => {
    const p = new Matrix(3, 1, [0.3, 0.3, 0.4]);
    const J = new CategoricalCrossEntropy().forward(p, new Matrix(3, 1, [0.5, 0.5, 0]));
    expect(J).toBe(-(0.5 * Math.log(0.3) + 0.5 * Math.log(0.3)));
    expect(() => new CategoricalCrossEntropy().forward(p, new Matrix(3, 1, [0.9, 0.05, 0.05]))).not.toThrow();
  });

  it('columns that are not distributions are refused: negative, above 1, not summing to 1', () => {
    const p = new Matrix(2, 1, [0.5, 0.5]);
    const cce = new CategoricalCrossEntropy();
    expect(() => cce.forward(p, new Matrix(2, 1, [1.5, -0.5]))).toThrowError(/target values in \[0, 1\]/);
    expect(() => cce.forward(p, new Matrix(2, 1, [0.5, 0.4]))).toThrowError(
      /expected each target column to sum to 1 \(one-hot or probabilities\), got 0.9 in column 0/,
    );
  });
});
