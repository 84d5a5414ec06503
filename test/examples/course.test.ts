/**
 * The course examples reproduce the notebooks' numbers, against numpy running the notebooks' own
 * code on the same data (test/fixtures/course/generate.py): the cost every 1 000 iterations or epochs
 * to 1e-6 and the final accuracies to the example. The course's printed figures are those too:
 * 50/50, 83/86 and 99.3/96% for the initializations; 79.7, 79.7 and 94% for the optimizers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseGradientCheck, courseTestCase } from '../../examples/course-gradient-check.js';
import { initializationRun } from '../../examples/course-initialization.js';
import { optimizationRun } from '../../examples/course-optimization.js';

interface Run {
  costs: Record<string, number | 'inf'>;
  train: number;
  test?: number;
}
const hex = (x: number): string => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
};

const course = JSON.parse(readFileSync(join(__dirname, '../fixtures/course/course.json'), 'utf8')) as {
  initialization: Record<'zeros' | 'random' | 'he', Run>;
  optimization: Record<string, Run>;
  gradientCheck: { x: string[]; parameters: Record<string, string[]>; difference: number };
};

/** numpy's costs at 0, 1 000, 2 000, … in order. */
const costsOf = (run: Run) => Object.values(run.costs);

describe('examples/course-initialization.ts (circles, 2-10-5-1, α 0.01, 15 000 iterations)', () => {
  it('zeros: the cost stays at log 2 and nothing is learned (50% / 50%)', () => {
    const run = initializationRun('zeros');
    for (const cost of run.costs) expect(cost).toBeCloseTo(Math.LN2, 12);
    expect([run.train, run.test]).toEqual([0.5, 0.5]);
    expect([course.initialization.zeros.train, course.initialization.zeros.test]).toEqual([0.5, 0.5]);
  });

  it("randn·10: the course's first cost is infinite, the from-logits cost is finite (83% / 86%)", () => {
    const run = initializationRun('random');
    const want = costsOf(course.initialization.random);
    expect(want[0]).toBe('inf');
    expect(run.saturated).toBe(300); // every σ(Z) rounds to exactly 0 or 1: −log(0) in the course's cost
    expect(Number.isFinite(run.costs[0])).toBe(true);
    expect(run.costs[0]).toBeCloseTo(1773.5859549373833, 6);
    // (numpy's later costs are not comparable: its nansum drops the 0·log(0) terms of examples that stay
    // saturated, which the from-logits cost counts)
    expect(run.train).toBeCloseTo(course.initialization.random.train, 10);
    expect(run.test).toBeCloseTo(course.initialization.random.test ?? Number.NaN, 10);
    expect([run.train, run.test]).toEqual([0.83, 0.86]);
  });

  it('He: 0.8830537463419761 at iteration 0, 99.3% / 96%', () => {
    const run = initializationRun('he');
    const want = costsOf(course.initialization.he);
    expect(want[0]).toBe(0.8830537463419761);
    run.costs.forEach((cost, k) => expect(cost, `iteration ${k * 1000}`).toBeCloseTo(want[k] as number, 6));
    expect(run.train).toBeCloseTo(0.9933333333333333, 10);
    expect(run.test).toBe(0.96);
  });
});

describe('examples/course-optimization.ts (moons, 2-5-2-1, mini-batches of 64)', () => {
  const cases = [
    ['gd', false, 0.7967],
    ['momentum', false, 0.7967],
    ['adam', false, 0.94],
    ['gd', true, 0.9433],
    ['momentum', true, 0.9533],
    ['adam', true, 0.94],
  ] as const;
  for (const [method, decay, accuracy] of cases) {
    const name = `${method}${decay ? '-decay' : ''}`;
    it(`${name}: numpy's costs to 1e-6 and ${(accuracy * 100).toFixed(1)}% training accuracy`, () => {
      const run = optimizationRun(method, decay);
      const want = costsOf(course.optimization[name]);
      expect(run.costs).toHaveLength(want.length);
      run.costs.forEach((cost, k) => expect(cost, `epoch ${k * 1000}`).toBeCloseTo(want[k] as number, 6));
      expect(run.train).toBe(course.optimization[name].train);
      expect(run.train).toBeCloseTo(accuracy, 4);
    });
  }
});

describe('examples/course-gradient-check.ts (gradient_check_n_test_case, ε = 1e-7)', () => {
  it("draws the course's x and parameters bit for bit", () => {
    const { model, X } = courseTestCase();
    expect(Array.from(X.data, hex)).toEqual(course.gradientCheck.x);
    const names = ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'];
    model.parameters().forEach((p, i) => {
      expect(Array.from(p.value.data, hex), names[i]).toEqual(course.gradientCheck.parameters[names[i]]);
    });
  });

  it('gives a difference under 2e-7, within 1% of numpy running the course (1.1890913024229996e-07)', () => {
    const { difference } = courseGradientCheck();
    expect(course.gradientCheck.difference).toBe(1.1890913024229996e-7);
    expect(difference).toBeLessThan(2e-7);
    expect(Math.abs(difference / course.gradientCheck.difference - 1)).toBeLessThan(0.01);
  });
});
