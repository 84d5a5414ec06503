import { describe, expect, it } from 'vitest';
import { Adagrad, Matrix, type Parameter, loadOptimizerState } from '../../src/index.js';

/** One parameter holding `values`, with its gradient set per step. */
function param(values: number[]): Parameter {
  const value = Matrix.from([values]);
  return { name: 'W', value, grad: Matrix.zeros(value.rows, value.cols) };
}

describe('Adagrad', () => {
  it("follows PyTorch's rule: lrDecay, weightDecay and the initial accumulator (reference from the rule in Python)", () => {
    const p = param([0.5, -1, 2]);
    const opt = new Adagrad([p], { learningRate: 0.1, lrDecay: 0.01, weightDecay: 0.05, initialAccumulatorValue: 0.1 });
    for (const g of [
      [0.3, -0.2, 1.5],
      [-0.1, 0.4, 0],
      [2, -3, 0.25],
    ]) {
      p.grad.data.set(g);
      opt.step();
    }
    expect(Array.from(p.value.data)).toEqual([0.3496399225204671, -0.9066603289809099, 1.8758888130220754]);
    expect(Array.from(opt.slots.sum[0])).toEqual([4.30134294589722, 9.590662519650927, 2.787934717614185]);
    expect(opt.stepCount).toBe(3);
    expect(opt.toJSON().config).toEqual({
      learningRate: 0.1,
      lrDecay: 0.01,
      epsilon: 1e-10,
      initialAccumulatorValue: 0.1,
      weightDecay: 0.05,
    });
  });

  it('resumes exactly from its saved state (the step count drives the decay)', () => {
    const run = (split: boolean): number[] => {
      const p = param([1, 2]);
      let opt = new Adagrad([p], { learningRate: 0.05, lrDecay: 0.1 });
      for (let t = 0; t < 6; t++) {
        if (split && t === 3) {
          const saved = JSON.parse(JSON.stringify(opt));
          opt = new Adagrad([p], { learningRate: 0.05, lrDecay: 0.1 });
          loadOptimizerState(opt, saved);
        }
        p.grad.data.set([Math.sin(t + 1), Math.cos(t)]);
        opt.step();
      }
      return Array.from(p.value.data);
    };
    expect(run(true)).toEqual(run(false));
  });

  it('refuses a negative running sum on load and bad hyperparameters, changing nothing', () => {
    const p = param([1, 2]);
    const opt = new Adagrad([p]);
    const saved = opt.toJSON();
    saved.slots.sum[0][1] = -1;
    expect(() => loadOptimizerState(opt, saved)).toThrow(RangeError);
    expect(Array.from(opt.slots.sum[0])).toEqual([0, 0]);
    expect(() => new Adagrad([p], { epsilon: 0 })).toThrow(new RangeError('Adagrad: expected epsilon > 0, got 0'));
    expect(() => new Adagrad([p], { lrDecay: -1 })).toThrow(new RangeError('Adagrad: expected lrDecay >= 0, got -1'));
    expect(() => new Adagrad([p], { initialAccumulatorValue: -0.1 })).toThrow(
      new RangeError('Adagrad: expected initialAccumulatorValue >= 0, got -0.1'),
    );
    expect(() => new Adagrad([p], { rho: 0.9 } as never)).toThrow(TypeError);
  });
});
