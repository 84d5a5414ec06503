/**
 * gradientCheck: the course's relative difference per parameter (and for X), the worst entry, exact
 * arithmetic on a hand-computable model, detection of a deliberately wrong backward, restoration of
 * weights, gradients and X (also when a call throws part-way), and option validation.
 */
import { describe, expect, it } from 'vitest';
import { Identity, Sigmoid, Tanh } from '../../src/activations/index.js';
import { Dense } from '../../src/layers/dense.js';
import type { Layer, LayerJSON } from '../../src/layers/layer.js';
import type { Parameter } from '../../src/parameter.js';
import { BinaryCrossEntropy, MeanSquaredError } from '../../src/losses/index.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { type CheckableModel, gradientCheck } from '../../src/model/gradient-check.js';
import { Sequential } from '../../src/model/sequential.js';

function twoLayerNetwork(): Sequential {
  return new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh(), new Dense(3, 1, { seed: 2 }), new Sigmoid()]);
}

const X0 = (): Matrix => Matrix.randn(2, 5, { random: 3 });
const Y0 = (): Matrix => Matrix.from([[0, 1, 1, 0, 1]]);

/** Every value, gradient and X as bit patterns. */
function state(model: CheckableModel, X: Matrix): Float64Array[] {
  return [...model.parameters().flatMap((p) => [p.value.data.slice(), p.grad.data.slice()]), X.data.slice()];
}

function expectBitIdentical(a: readonly Float64Array[], b: readonly Float64Array[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => x.forEach((v, j) => expect(Object.is(v, b[i][j]), `array ${i} element ${j}`).toBe(true)));
}

/** Tanh whose backward is off by a factor of 2 — the kind of bug gradient checking exists for. */
class WrongTanh implements Layer {
  private readonly inner = new Tanh();
  forward(Z: Matrix): Matrix {
    return this.inner.forward(Z);
  }
  backward(dA: Matrix): Matrix {
    return this.inner.backward(dA).scale(2);
  }
  parameters(): Parameter[] {
    return [];
  }
  computeOutputSize(n: number): number {
    return n;
  }
  toJSON(): LayerJSON {
    return { type: 'WrongTanh' };
  }
}

describe('gradientCheck', () => {
  it('the doc example: the 2-layer network passes with the default ε = 1e-7', () => {
    const result = gradientCheck(twoLayerNetwork(), new BinaryCrossEntropy(), X0(), Y0());
    expect(result.difference).toBeLessThan(1e-7);
  });

  it('one entry per parameter, named, in order (then X); the worst is the largest', () => {
    const model = twoLayerNetwork();
    const result = gradientCheck(model, new BinaryCrossEntropy(), X0(), Y0(), { epsilon: 1e-5, input: true });
    expect(result.parameters.map((e) => e.name)).toEqual(['W[1]', 'b[1]', 'W[2]', 'b[2]', 'X']);
    for (const e of result.parameters) {
      expect(e.difference).toBeGreaterThanOrEqual(0);
      expect(e.difference).toBeLessThan(1e-7);
      expect(e.maxAbsError).toBeGreaterThanOrEqual(0);
      expect(e.maxAbsError).toBeLessThan(1e-9);
    }
    const max = Math.max(...result.parameters.map((e) => e.difference));
    expect(result.worst.difference).toBe(max);
    expect(result.parameters).toContain(result.worst);
    expect(result.difference).toBeLessThan(1e-7);
    expect(gradientCheck(model, new BinaryCrossEntropy(), X0(), Y0()).parameters.map((e) => e.name)).toEqual([
      'W[1]',
      'b[1]',
      'W[2]',
      'b[2]',
    ]);
  });

  it('the formula, exactly, on J(w, x) = (w·x)² (MSE of one linear unit)', () => {
    const dense = new Dense(1, 1, { init: 'zeros', useBias: false });
    dense.weight.value.data[0] = 3;
    const model = new Sequential([dense, new Identity()]);
    const X = Matrix.from([[2]]),
      Y = Matrix.from([[0]]);
    const eps = 1e-4;
    const result = gradientCheck(model, new MeanSquaredError(), X, Y, { epsilon: eps, input: true });
    // Analytic: dJ/dw = 2·w·x² = 24, dJ/dx = 2·w²·x = 36. Approximations as the check computes them.
    const J = (w: number, x: number): number => (w * x - 0) ** 2 / 1;
    const approxW = (J(3 + eps, 2) - J(3 - eps, 2)) / (2 * eps);
    const approxX = (J(3, 2 + eps) - J(3, 2 - eps)) / (2 * eps);
    const [w, x] = result.parameters;
    expect(w.name).toBe('W[1]');
    expect(w.maxAbsError).toBe(Math.abs(24 - approxW));
    expect(w.difference).toBe(Math.abs(24 - approxW) / (24 + Math.abs(approxW)));
    expect(x.maxAbsError).toBe(Math.abs(36 - approxX));
    expect(x.difference).toBe(Math.abs(36 - approxX) / (36 + Math.abs(approxX)));
    const total =
      Math.sqrt((24 - approxW) ** 2 + (36 - approxX) ** 2) /
      (Math.sqrt(24 ** 2 + 36 ** 2) + Math.sqrt(approxW ** 2 + approxX ** 2));
    expect(result.difference).toBe(total);
    // A central difference is exact for a quadratic up to rounding.
    expect(w.difference).toBeLessThan(1e-10);
  });

  it('a zero gradient that finite differences also find to be 0 gives difference 0', () => {
    const dense = new Dense(1, 1, { init: 'zeros' });
    const model = new Sequential([dense, new Identity()]);
    // J = mean((w·x + b − y)²) at its minimum w = b = 0, y = 0: J(±ε) is symmetric, approx is exactly 0.
    const result = gradientCheck(model, new MeanSquaredError(), Matrix.from([[1, -1]]), Matrix.from([[0, 0]]));
    expect(result.parameters.map((e) => [e.name, e.difference, e.maxAbsError])).toEqual([
      ['W[1]', 0, 0],
      ['b[1]', 0, 0],
    ]);
    expect(result.difference).toBe(0);
  });

  it('detects a backward that is off by a factor of 2 (difference ≈ 1/3 upstream of the bug)', () => {
    const model = new Sequential([
      new Dense(2, 3, { seed: 1 }),
      new WrongTanh(),
      new Dense(3, 1, { seed: 2 }),
      new Sigmoid(),
    ]);
    const result = gradientCheck(model, new BinaryCrossEntropy(), X0(), Y0(), { epsilon: 1e-6, input: true });
    const byName = Object.fromEntries(result.parameters.map((e) => [e.name, e.difference]));
    // ‖2g − g‖ / (‖2g‖ + ‖g‖) = 1/3 for everything before the wrong layer …
    for (const name of ['W[1]', 'b[1]', 'X']) expect(Math.abs(byName[name] - 1 / 3), name).toBeLessThan(1e-6);
    // … and the layers after it are still right.
    for (const name of ['W[2]', 'b[2]']) expect(byName[name], name).toBeLessThan(1e-7);
    expect(result.worst.difference).toBeGreaterThan(1e-2);
    expect(['W[1]', 'b[1]', 'X']).toContain(result.worst.name);
    expect(result.difference).toBeGreaterThan(1e-2);
  });

  it('leaves weights, gradients and X bit-identical (gradients that were not zero included)', () => {
    const model = twoLayerNetwork();
    const X = X0(),
      Y = Y0();
    model.parameters().forEach((p, i) => p.grad.data.forEach((_, j, g) => (g[j] = 0.1 * (i + 1) + j)));
    const before = state(model, X);
    gradientCheck(model, new BinaryCrossEntropy(), X, Y, { input: true });
    expectBitIdentical(state(model, X), before);
  });

  it('restores everything when a call throws part-way through the perturbations', () => {
    const inner = twoLayerNetwork();
    let calls = 0;
    const failing: CheckableModel = {
      forward: (X) => {
        if (++calls === 9) throw new Error('boom');
        return inner.forward(X);
      },
      backward: (dY) => inner.backward(dY),
      parameters: () => inner.parameters(),
    };
    const X = X0();
    inner.parameters().forEach((p) => p.grad.fill(0.5));
    const before = state(inner, X);
    expect(() => gradientCheck(failing, new BinaryCrossEntropy(), X, Y0(), { input: true })).toThrowError('boom');
    expect(calls).toBe(9);
    expectBitIdentical(state(inner, X), before);
  });

  it('a loss that rejects Y throws its own error and changes nothing', () => {
    const model = twoLayerNetwork();
    const X = X0();
    const before = state(model, X);
    expect(() => gradientCheck(model, new BinaryCrossEntropy(), X, Matrix.from([[0, 1, 2, 0, 1]]))).toThrowError(
      new RangeError('BinaryCrossEntropy.forward: expected target values in [0, 1], got 2 at (0, 2)'),
    );
    expectBitIdentical(state(model, X), before);
  });

  it('validates its options', () => {
    const run = (options: object): unknown =>
      gradientCheck(twoLayerNetwork(), new BinaryCrossEntropy(), X0(), Y0(), options);
    for (const [value, text] of [
      [0, '0'],
      [-1e-7, '-1e-7'],
      [Number.NaN, 'NaN'],
      [Infinity, 'Infinity'],
    ] as const) {
      expect(() => run({ epsilon: value })).toThrowError(
        new RangeError(`gradientCheck: expected epsilon > 0, got ${text}`),
      );
    }
    expect(() => run({ epsilon: '1e-7' })).toThrowError(
      new TypeError('gradientCheck: expected epsilon to be a number, got "1e-7"'),
    );
    expect(() => run({ eps: 1e-7 })).toThrowError(
      new TypeError('gradientCheck: expected options among epsilon, input, got unknown option "eps"'),
    );
  });

  it('a model without parameters needs input: true', () => {
    const model = new Sequential([new Tanh(), new Sigmoid()]);
    const X = Matrix.from([[0.3, -1.2]]),
      Y = Matrix.from([[1, 0]]);
    expect(() => gradientCheck(model, new BinaryCrossEntropy(), X, Y)).toThrowError(
      new RangeError('gradientCheck: expected a model with parameters (or input: true), got no parameters'),
    );
    const result = gradientCheck(model, new BinaryCrossEntropy(), X, Y, { epsilon: 1e-5, input: true });
    expect(result.parameters.map((e) => e.name)).toEqual(['X']);
    expect(result.worst).toBe(result.parameters[0]);
    expect(result.difference).toBeLessThan(1e-7);
  });
});
