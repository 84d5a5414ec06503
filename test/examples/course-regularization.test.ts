/**
 * examples/course-regularization.ts: the course's regularization assignment on noisy moons (the
 * course's football data is not available). The numbers are this library's own, pinned exactly (every
 * draw is NumpyRandom's and the arithmetic is deterministic); the law they show is the course's: without
 * regularization the network fits the training set best and the test set worst.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  KEEP,
  LAMBDA,
  type Regularization,
  type RegularizationRun,
  courseNetwork,
  noisyMoons,
  regularizationRun,
} from '../../examples/course-regularization.js';
import { BinaryCrossEntropy, Dense, Dropout } from '../../src/index.js';

// printed by `npx tsx examples/course-regularization.ts`
const NONE_COSTS = [0.997074461270482, 0.15834823560298877, 0.13165116971590854];
const L2_COSTS = [1.0410755540685848, 0.2764596900665129, 0.2755067233167412];
const DROPOUT_COSTS = [1.0261819757092845, 0.2564989929481179, 0.217449081815182];

const runs = {} as Record<Regularization, RegularizationRun>;
beforeAll(() => {
  for (const r of ['none', 'l2', 'dropout'] as const) runs[r] = regularizationRun(r);
}, 300_000);

describe('examples/course-regularization.ts (moons noise 0.35, 2-20-3-1, α 0.3, 30 000 iterations)', () => {
  it('draws 200 training and 200 test examples, half of each class', () => {
    const { X, Y, testX, testY } = noisyMoons();
    expect([X.shape, Y.shape, testX.shape, testY.shape]).toEqual([
      [2, 200],
      [1, 200],
      [2, 200],
      [1, 200],
    ]);
    expect([Y.sum(), testY.sum()]).toEqual([100, 100]);
  });

  it('builds dropout with rate 1 − keep after each hidden ReLU, and L2 λ on every Dense', () => {
    const kinds = (r: Regularization) => courseNetwork(r).layers.map((l) => l.constructor.name);
    expect(kinds('none')).toEqual(['Dense', 'ReLU', 'Dense', 'ReLU', 'Dense', 'Identity']);
    const dropout = courseNetwork('dropout').layers;
    expect(dropout.map((l) => l.constructor.name)).toEqual([
      'Dense',
      'ReLU',
      'Dropout',
      'Dense',
      'ReLU',
      'Dropout',
      'Dense',
      'Identity',
    ]);
    for (const l of dropout) if (l instanceof Dropout) expect(l.rate).toBe(1 - KEEP);
    const l2 = courseNetwork('l2').layers.filter((l): l is Dense => l instanceof Dense);
    expect(l2.map((l) => l.penalty(2) > 0)).toEqual([true, true, true]);
  });

  it("starts from the course's weights: the same W in the three runs, LeCun randn / √n[l−1]", () => {
    const weights = (r: Regularization) =>
      courseNetwork(r)
        .parameters()
        .map((p) => Array.from(p.value.data));
    expect(weights('l2')).toEqual(weights('none'));
    expect(weights('dropout')).toEqual(weights('none'));
  });

  it('the L2 cost at iteration 0 is the unregularized cost plus λ/(2m)·ΣW², computed here', () => {
    const { X, Y } = noisyMoons();
    const model = courseNetwork('none');
    const cost = new BinaryCrossEntropy({ fromLogits: true }).forward(model.forward(X), Y);
    let squares = 0;
    for (const layer of model.layers) {
      if (layer instanceof Dense) for (const w of layer.weight.value.data) squares += w * w;
    }
    expect(runs.none.costs[0]).toBe(cost);
    expect(runs.l2.costs[0]).toBeCloseTo(cost + (LAMBDA / (2 * 200)) * squares, 14);
    expect(runs.l2.costs[0]).toBeGreaterThan(runs.none.costs[0]);
  });

  it('pins the costs at iterations 0, 10 000 and 20 000', () => {
    expect(runs.none.costs).toEqual(NONE_COSTS);
    expect(runs.l2.costs).toEqual(L2_COSTS);
    expect(runs.dropout.costs).toEqual(DROPOUT_COSTS);
  });

  it('pins the accuracies: none 92.5% / 82%, L2 92% / 87%, dropout 92% / 86.5%', () => {
    expect([runs.none.train, runs.none.test]).toEqual([0.925, 0.82]);
    expect([runs.l2.train, runs.l2.test]).toEqual([0.92, 0.87]);
    expect([runs.dropout.train, runs.dropout.test]).toEqual([0.92, 0.865]);
  });

  it('shows the law: no regularization fits the training set best and the test set worst', () => {
    const { none, l2, dropout } = runs;
    expect(none.train).toBeGreaterThan(Math.max(l2.train, dropout.train));
    expect(none.test).toBeLessThan(Math.min(l2.test, dropout.test));
  });

  it('the trained dropout model predicts in evaluation mode: the same numbers every call', () => {
    const { model } = runs.dropout;
    const { testX } = noisyMoons();
    const first = Array.from(model.predict(testX).data);
    expect(Array.from(model.predict(testX).data)).toEqual(first);
    // predict switches to evaluation mode even when the model is left in training mode
    model.train();
    expect(Array.from(model.predict(testX).data)).toEqual(first);
    // a training-mode forward draws masks, so it differs
    expect(Array.from(model.forward(testX).data)).not.toEqual(first);
    model.eval();
  });
});
