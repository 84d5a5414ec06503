import { describe, expect, it } from 'vitest';
import {
  Dense,
  SGD,
  constantLr,
  cosineDecay,
  exponentialDecay,
  inverseTimeDecay,
  linearWarmup,
  scheduleLrDecay,
  stepDecay,
} from '../../src/index.js';

describe('the course’s interval decay', () => {
  it('schedule_lr_decay(0.5, 100, 0.3, 100) as the notebook prints it', () => {
    expect(scheduleLrDecay(0.5, 100, 0.3, 100)).toBe(0.3846153846153846);
    expect(scheduleLrDecay(0.5, 99, 0.3, 100)).toBe(0.5);
    expect(scheduleLrDecay(0.1, 2500, 1)).toBe(0.1 / 3);
  });

  it('is inverseTimeDecay with staircase, and update_lr is inverseTimeDecay per epoch', () => {
    const s = inverseTimeDecay(0.5, { decayRate: 0.3, decaySteps: 100, staircase: true });
    for (const e of [0, 99, 100, 250, 1000]) expect(s(e)).toBe(scheduleLrDecay(0.5, e, 0.3, 100));
    // update_lr(learning_rate0, epoch_num, decay_rate) = learning_rate0 / (1 + decay_rate * epoch_num)
    expect(inverseTimeDecay(0.5, { decayRate: 1 })(2)).toBe(0.5 / 3);
  });

  it('refuses bad arguments by name', () => {
    expect(() => scheduleLrDecay(0, 1, 1)).toThrow(
      new RangeError('scheduleLrDecay: expected learningRate0 > 0, got 0'),
    );
    expect(() => scheduleLrDecay(0.1, 1.5, 1)).toThrow(RangeError);
    expect(() => scheduleLrDecay(0.1, 1, 1, 0)).toThrow(RangeError);
  });
});

describe('schedules', () => {
  it("step and exponential decay (PyTorch's StepLR, ExponentialLR), with exact powers", () => {
    const s = stepDecay(0.1, { stepSize: 10, gamma: 0.5 });
    expect([0, 9, 10, 25].map(s)).toEqual([0.1, 0.1, 0.05, 0.025]);
    expect([0, 1, 2, 3].map(exponentialDecay(0.1, { gamma: 0.9 }))).toEqual([
      0.1, 0.09000000000000001, 0.08100000000000002, 0.0729,
    ]);
    expect(stepDecay(1, { stepSize: 1 })(3)).toBe(0.0010000000000000002);
  });

  it('cosine annealing reaches the minimum at T and stays there (values from the closed form in Python)', () => {
    expect([0, 1, 2, 3, 4, 5].map(cosineDecay(0.1, { steps: 4, minimum: 0.01 }))).toEqual([
      0.1, 0.08681980515339464, 0.05500000000000001, 0.023180194846605363, 0.01, 0.01,
    ]);
  });

  it('linear warm-up into another schedule', () => {
    expect([0, 1, 2, 3, 4, 5].map(linearWarmup(constantLr(0.4), { steps: 4 }))).toEqual([
      0.1, 0.17500000000000002, 0.25, 0.32500000000000007, 0.4, 0.4,
    ]);
    const w = linearWarmup(stepDecay(0.2, { stepSize: 2, gamma: 0.5 }), { steps: 2, start: 0.1 });
    expect([0, 1, 2, 3, 4].map(w)).toEqual([0.1, 0.15000000000000002, 0.2, 0.2, 0.1]);
  });

  it('drives the explicit loop: optimizer.learningRate = schedule(epoch)', () => {
    const layer = new Dense(1, 1, { init: 'zeros', useBias: false });
    const opt = new SGD(layer.parameters(), { learningRate: 1 });
    const schedule = stepDecay(1, { stepSize: 1, gamma: 0.5 });
    for (let epoch = 0; epoch < 3; epoch++) {
      opt.learningRate = schedule(epoch);
      layer.weight.grad.fill(1);
      opt.step();
    }
    expect(layer.weight.value.get(0, 0)).toBe(-1.75);
  });

  it('bad options and epochs are named', () => {
    expect(() => stepDecay(0.1, { stepSize: 0 })).toThrow(RangeError);
    expect(() => stepDecay(0.1, { stepSize: 1, gamma: 1.5 })).toThrow(
      new RangeError('stepDecay: expected gamma in (0, 1], got 1.5'),
    );
    expect(() => exponentialDecay(0.1, { gamma: 0 })).toThrow(
      new RangeError('exponentialDecay: expected gamma in (0, 1], got 0'),
    );
    expect(() => exponentialDecay(0.1, { gamma: 0.5, step: 1 } as never)).toThrow(TypeError);
    expect(() => cosineDecay(0.1, { steps: 10, minimum: 0.2 })).toThrow(
      new RangeError('cosineDecay: expected minimum below learningRate 0.1, got 0.2'),
    );
    expect(() => linearWarmup(0.1 as never, { steps: 2 })).toThrow(TypeError);
    expect(() => stepDecay(0.1, { stepSize: 1 })(-1)).toThrow(
      new RangeError('stepDecay: expected t to be an integer >= 0, got -1'),
    );
    expect(() => constantLr(0.1)(0.5)).toThrow(RangeError);
  });
});
