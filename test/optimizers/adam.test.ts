/**
 * Adam and AdamW by closed-form steps on f(x) = x² (gradient 2x), from x₀ = 1, with α = 0.1,
 * β₁ = 0.9, β₂ = 0.999, ε = 1e-8. Reference iterates were computed to 50 digits from Kingma & Ba's
 * textbook form `x := x − α·m̂/(√v̂ + ε)`, `m̂ = m/(1 − β₁ᵗ)`, `v̂ = v/(1 − β₂ᵗ)`.
 */
import { describe, expect, it } from 'vitest';
import { Adam, AdamW } from '../../src/optimizers/adam.js';
import { descend, expectIterates, scalar } from './helpers.js';

describe('Adam on f(x) = x²', () => {
  it('three steps', () => {
    const p = scalar(1);
    expectIterates(
      descend(new Adam([p], { learningRate: 0.1 }), p, 3),
      [0.9000000005, 0.8004122286917922, 0.7015862729460296],
    );
  });

  it('bias correction: the first step is α·g/(|g| + ε) whatever the gradient’s scale', () => {
    // Without the correction it would be α·(0.1g)/(√0.001·|g| + ε) ≈ 0.316·α.
    const p = scalar(1);
    expectIterates(descend(new Adam([p], { learningRate: 0.1 }), p, 1), [1 - (0.1 * 2) / (2 + 1e-8)]);
    const q = scalar(1);
    expectIterates(
      descend(new Adam([q], { learningRate: 0.1 }), q, 1, (x) => 2000 * x),
      [1 - (0.1 * 2000) / (2000 + 1e-8)],
    );
    const r = scalar(1);
    expectIterates(
      descend(new Adam([r], { learningRate: 0.1 }), r, 1, (x) => -2e-6 * x),
      [1 + (0.1 * 2e-6) / (2e-6 + 1e-8)],
    );
  });

  it('bias correction at step 2: m̂ = m/(1 − 0.81), v̂ = v/(1 − 0.998001), written out', () => {
    const p = scalar(1);
    const [x1, x2] = descend(new Adam([p], { learningRate: 0.1 }), p, 2);
    const g2 = 2 * x1;
    const m = 0.9 * (0.1 * 2) + 0.1 * g2;
    const v = 0.999 * (0.001 * 4) + 0.001 * g2 * g2;
    expectIterates([x2], [x1 - (0.1 * (m / 0.19)) / (Math.sqrt(v / 0.001999) + 1e-8)]);
  });

  it('weight decay (L2): g := grad + λ·x before the moments', () => {
    const p = scalar(1);
    expectIterates(
      descend(new Adam([p], { learningRate: 0.1, weightDecay: 0.1 }), p, 3),
      [0.9000000004761904, 0.8004122286431947, 0.7015862728718207],
    );
    // With a zero loss gradient the L2 term is normalised like any gradient: steps of about α.
    const q = scalar(1);
    expectIterates(
      descend(new Adam([q], { learningRate: 0.1, weightDecay: 0.1 }), q, 3, () => 0),
      [0.900000009999999, 0.80041224808215, 0.7015863025553354],
    );
  });

  it('one state per parameter: two parameters together equal two separate optimizers', () => {
    const a = scalar(1),
      b = scalar(-3);
    const together = new Adam([a, b], { learningRate: 0.05 });
    const a2 = scalar(1),
      b2 = scalar(-3);
    const sa = new Adam([a2], { learningRate: 0.05 }),
      sb = new Adam([b2], { learningRate: 0.05 });
    for (let t = 0; t < 5; t++) {
      a.grad.data[0] = 2 * a.value.data[0];
      b.grad.data[0] = 10 * b.value.data[0];
      together.step();
      a2.grad.data[0] = 2 * a2.value.data[0];
      b2.grad.data[0] = 10 * b2.value.data[0];
      sa.step();
      sb.step();
    }
    expect(a.value.data[0]).toBe(a2.value.data[0]);
    expect(b.value.data[0]).toBe(b2.value.data[0]);
  });

  it('defaults: α = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 0', () => {
    const optimizer = new Adam([scalar(1)]);
    expect(optimizer.toJSON()).toEqual({
      type: 'Adam',
      config: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 },
      step: 0,
      slots: { m: [[0]], v: [[0]] },
    });
  });

  it('the moments after one step are (1 − β₁)·g and (1 − β₂)·g²', () => {
    const p = scalar(1);
    const optimizer = new Adam([p], { learningRate: 0.1 });
    descend(optimizer, p, 1);
    const { slots, step } = optimizer.toJSON();
    expect(step).toBe(1);
    expectIterates(slots.m[0], [0.2]);
    expectIterates(slots.v[0], [0.004]);
  });
});

describe('AdamW on f(x) = x²', () => {
  it('decoupled decay: x := x·(1 − α·λ), then the Adam step on the loss gradient alone', () => {
    const p = scalar(1);
    const xs = descend(new AdamW([p], { learningRate: 0.1, weightDecay: 0.1 }), p, 3);
    // Step 1: 1·(1 − 0.01) − 0.1·2/(2 + 1e-8).
    expectIterates(xs, [0.99 - (0.1 * 2) / (2 + 1e-8), 0.7815718559365041, 0.675101221640069]);
    expectIterates(xs, [0.8900000004999999, 0.7815718559365041, 0.675101221640069]);
  });

  it('with a zero loss gradient only the decay acts: x_t = (1 − α·λ)^t (Adam’s L2 would step by ≈ α)', () => {
    const p = scalar(1);
    expectIterates(
      descend(new AdamW([p], { learningRate: 0.1, weightDecay: 0.1 }), p, 3, () => 0),
      [0.99, 0.9801, 0.970299],
    );
  });

  it('default λ = 0.01, and λ = 0 is exactly Adam', () => {
    const optimizer = new AdamW([scalar(1)], { learningRate: 0.1 });
    expect(optimizer.weightDecay).toBe(0.01);
    expect(optimizer.type).toBe('AdamW');
    const p = scalar(1),
      q = scalar(1);
    const w = descend(new AdamW([p], { learningRate: 0.1, weightDecay: 0 }), p, 4);
    const a = descend(new Adam([q], { learningRate: 0.1 }), q, 4);
    expect(w).toEqual(a);
  });
});
