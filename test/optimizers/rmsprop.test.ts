/**
 * RMSprop by closed-form steps on f(x) = x² (gradient 2x), from x₀ = 1, with α = 0.01, ρ = 0.99,
 * ε = 1e-8 — plain, with momentum, centred, and with weight decay. Reference iterates were computed
 * to 50 digits from PyTorch's documented update rule.
 */
import { describe, expect, it } from 'vitest';
import { RMSprop } from '../../src/optimizers/rmsprop.js';
import { descend, expectIterates, scalar } from './helpers.js';

describe('RMSprop on f(x) = x²', () => {
  it('plain: s := ρs + (1 − ρ)g², x := x − α·g/(√s + ε)', () => {
    const p = scalar(1);
    const xs = descend(new RMSprop([p], { learningRate: 0.01 }), p, 3);
    // Step 1: s = 0.01·4 = 0.04, x = 1 − 0.01·2/(0.2 + 1e-8).
    expectIterates(xs, [1 - 0.02 / (0.2 + 1e-8), 0.832917967970033, 0.779982273243635]);
    expectIterates(xs, [0.9000000049999998, 0.832917967970033, 0.779982273243635]);
  });

  it('momentum μ = 0.9: b := μb + g/(√s + ε), x := x − α·b', () => {
    const p = scalar(1);
    expectIterates(
      descend(new RMSprop([p], { learningRate: 0.01, momentum: 0.9 }), p, 3),
      [0.9000000049999998, 0.7429179724700329, 0.5529149342289623],
    );
  });

  it('centred: ḡ := ρḡ + (1 − ρ)g, denominator √(s − ḡ²) + ε', () => {
    const p = scalar(1);
    const xs = descend(new RMSprop([p], { learningRate: 0.01, centered: true }), p, 3);
    // Step 1: s = 0.04, ḡ = 0.02, √(0.04 − 0.0004).
    expectIterates(xs, [1 - 0.02 / (Math.sqrt(0.0396) + 1e-8), 0.8317593797115448, 0.7780684107534112]);
    const q = scalar(1);
    expectIterates(
      descend(new RMSprop([q], { learningRate: 0.01, centered: true, momentum: 0.9 }), q, 3),
      [0.8994962235245836, 0.7413059808836701, 0.5496501653165233],
    );
  });

  it('weight decay λ = 0.1 adds λ·x to the gradient', () => {
    const p = scalar(1);
    expectIterates(
      descend(new RMSprop([p], { learningRate: 0.01, weightDecay: 0.1 }), p, 3),
      [0.9000000047619046, 0.8329179676226509, 0.7799822728275055],
    );
  });

  it('centred, with a constant gradient: the variance estimate goes to 0 but never below (no NaN)', () => {
    // s − ḡ² = (1 − ρᵗ)ρᵗ·g² → 0; rounding used to take it below 0, and √ of that gave NaN weights.
    for (const rho of [0.5, 0.9, 0.99]) {
      for (let k = 1; k <= 40; k++) {
        const g = k * 0.0137;
        const p = scalar(0);
        const optimizer = new RMSprop([p], { learningRate: 1e-3, rho, centered: true });
        descend(optimizer, p, 2000, () => g);
        expect(Number.isNaN(p.value.data[0]), `ρ = ${rho}, g = ${g}`).toBe(false);
        expect(optimizer.toJSON().slots.square[0].every(Number.isFinite)).toBe(true);
      }
    }
  });

  it('defaults and slots', () => {
    expect(new RMSprop([scalar(1)]).toJSON()).toEqual({
      type: 'RMSprop',
      config: { learningRate: 0.01, rho: 0.99, epsilon: 1e-8, momentum: 0, centered: false, weightDecay: 0 },
      step: 0,
      slots: { square: [[0]] },
    });
    expect(Object.keys(new RMSprop([scalar(1)], { momentum: 0.5, centered: true }).toJSON().slots)).toEqual([
      'square',
      'momentum',
      'mean',
    ]);
  });
});
