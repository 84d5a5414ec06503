/**
 * SGD by closed-form steps on f(x) = x² (gradient 2x), from x₀ = 1: plain gradient descent, momentum
 * (PyTorch's convention: v := g on the first step), dampening, Nesterov and weight decay.
 */
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/matrix/matrix.js';
import { SGD } from '../../src/optimizers/sgd.js';
import { descend, expectIterates, scalar } from './helpers.js';

describe('SGD on f(x) = x²', () => {
  it('plain (the course): x := x − α·2x, i.e. x_t = (1 − 2α)^t', () => {
    const p = scalar(1);
    expectIterates(descend(new SGD([p], { learningRate: 0.1 }), p, 3), [0.8, 0.64, 0.512]);
    // α = 1/4 halves x exactly.
    const q = scalar(1);
    expect(descend(new SGD([q], { learningRate: 0.25 }), q, 4)).toEqual([0.5, 0.25, 0.125, 0.0625]);
  });

  it('momentum μ = 0.9: v₁ = g₁ = 2, v₂ = 0.9·2 + 1.6 = 3.4, v₃ = 0.9·3.4 + 0.92 = 3.98', () => {
    const p = scalar(1);
    // x₁ = 1 − 0.1·2 = 0.8, x₂ = 0.8 − 0.1·3.4 = 0.46, x₃ = 0.46 − 0.1·3.98 = 0.062.
    expectIterates(descend(new SGD([p], { learningRate: 0.1, momentum: 0.9 }), p, 3), [0.8, 0.46, 0.062]);
  });

  it('momentum keeps the gradient’s units (PyTorch), so a learning-rate change scales the whole step', () => {
    const p = scalar(1);
    const optimizer = new SGD([p], { learningRate: 0.1, momentum: 0.9 });
    descend(optimizer, p, 1);
    optimizer.learningRate = 0.05;
    // v₂ = 3.4 as above, x₂ = 0.8 − 0.05·3.4 = 0.63 (Keras’ v := μv − αg would give 0.54).
    expectIterates(descend(optimizer, p, 1), [0.63]);
  });

  it('dampening τ = 0.5: the first step is undampened (v₁ = g₁), then v := μv + (1 − τ)g', () => {
    const p = scalar(1);
    // v₁ = 2 → 0.8; v₂ = 1.8 + 0.5·1.6 = 2.6 → 0.54; v₃ = 2.34 + 0.5·1.08 = 2.88 → 0.252.
    expectIterates(
      descend(new SGD([p], { learningRate: 0.1, momentum: 0.9, dampening: 0.5 }), p, 3),
      [0.8, 0.54, 0.252],
    );
  });

  it("initialVelocity 'zero' (the course, Keras): v₀ = 0, so the first step is dampened too", () => {
    const p = scalar(1);
    // μ = τ = 0.5: v₁ = 0.5·2 = 1 → 0.9; v₂ = 0.5 + 0.5·1.8 = 1.4 → 0.76; v₃ = 0.7 + 0.5·1.52 = 1.46 → 0.614.
    const optimizer = new SGD([p], { learningRate: 0.1, momentum: 0.5, dampening: 0.5, initialVelocity: 'zero' });
    expectIterates(descend(optimizer, p, 3), [0.9, 0.76, 0.614]);
    expect(optimizer.initialVelocity).toBe('zero');
    expect(optimizer.toJSON().config.initialVelocity).toBe('zero');
    // the course's v := β·v + (1 − β)·dW from v = 0, step by step in plain numbers
    const q = scalar(1);
    const course = new SGD([q], { learningRate: 0.1, momentum: 0.9, dampening: 0.9, initialVelocity: 'zero' });
    let x = 1,
      v = 0;
    const want: number[] = [];
    for (let t = 0; t < 5; t++) {
      v = 0.9 * v + (1 - 0.9) * (2 * x);
      x -= 0.1 * v;
      want.push(x);
    }
    expect(descend(course, q, 5)).toEqual(want);
  });

  it("initialVelocity defaults to 'gradient' (PyTorch) and refuses anything else", () => {
    expect(new SGD([scalar(1)], { learningRate: 0.1, momentum: 0.9 }).initialVelocity).toBe('gradient');
    const p = scalar(1);
    expect(() => new SGD([p], { learningRate: 0.1, initialVelocity: 'zeros' as 'zero' })).toThrow(
      new RangeError(`SGD: expected initialVelocity 'gradient' or 'zero', got "zeros"`),
    );
  });

  it('Nesterov: x := x − α·(g + μ·v)', () => {
    const p = scalar(1);
    // v₁ = 2, step 2 + 1.8 = 3.8 → 0.62; g₂ = 1.24, v₂ = 3.04, step 1.24 + 2.736 = 3.976 → 0.2224;
    // g₃ = 0.4448, v₃ = 3.1808, step 0.4448 + 2.86272 = 3.30752 → −0.108352.
    expectIterates(
      descend(new SGD([p], { learningRate: 0.1, momentum: 0.9, nesterov: true }), p, 3),
      [0.62, 0.2224, -0.108352],
    );
  });

  it('weight decay λ adds λ·x to the gradient (L2), with and without momentum', () => {
    const p = scalar(1);
    // g = 2.1x: x_t = 0.79^t.
    expectIterates(descend(new SGD([p], { learningRate: 0.1, weightDecay: 0.1 }), p, 3), [0.79, 0.6241, 0.493039]);
    const q = scalar(1);
    // v₁ = 2.1 → 0.79; g₂ = 1.659, v₂ = 1.89 + 1.659 = 3.549 → 0.4351; g₃ = 0.91371, v₃ = 4.10781 → 0.024319.
    expectIterates(
      descend(new SGD([q], { learningRate: 0.1, momentum: 0.9, weightDecay: 0.1 }), q, 3),
      [0.79, 0.4351, 0.024319],
    );
  });

  it('updates every element of every parameter independently', () => {
    const W = {
      name: 'W',
      value: Matrix.from([
        [1, -2],
        [0.5, 3],
      ]),
      grad: Matrix.zeros(2, 2),
    };
    const b = { name: 'b', value: Matrix.from([[4]]), grad: Matrix.zeros(1, 1) };
    const optimizer = new SGD([W, b], { learningRate: 0.1, momentum: 0.9 });
    for (let t = 0; t < 3; t++) {
      W.grad.data.forEach((_, i, g) => (g[i] = 2 * W.value.data[i]));
      b.grad.data[0] = 2 * b.value.data[0];
      optimizer.step();
    }
    // x₃ = 0.062·x₀ for each element (the update is linear in x₀ on x²).
    expectIterates(Array.from(W.value.data), [0.062, -0.124, 0.031, 0.186]);
    expectIterates([b.value.data[0]], [0.248]);
  });

  it('defaults and attributes', () => {
    const optimizer = new SGD([scalar(1)], { learningRate: 1.2 });
    expect([
      optimizer.type,
      optimizer.learningRate,
      optimizer.momentum,
      optimizer.dampening,
      optimizer.nesterov,
      optimizer.weightDecay,
    ]).toEqual(['SGD', 1.2, 0, 0, false, 0]);
    expect(optimizer.toJSON()).toEqual({
      type: 'SGD',
      config: {
        learningRate: 1.2,
        momentum: 0,
        dampening: 0,
        nesterov: false,
        weightDecay: 0,
        initialVelocity: 'gradient',
      },
      step: 0,
      slots: {},
    });
    expect(Object.keys(new SGD([scalar(1)], { learningRate: 1, momentum: 0.5 }).toJSON().slots)).toEqual(['momentum']);
  });
});
