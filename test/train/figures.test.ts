/**
 * The names of `fit`'s figures — Keras's, one spelling everywhere: `loss`, the metrics under their
 * canonical names (aliases such as `'acc'` and `'mse'` resolve to them), `val_loss` and `val_<metric>`
 * in the epoch logs, the history, early stopping's `monitor` and the progress line.
 */
import { describe, expect, it } from 'vitest';
import { BinaryCrossEntropy, Dense, SGD, Sequential, Sigmoid, evaluate, fit, moons } from '../../src/index.js';

const data = moons({ m: 40, noise: 0.2, seed: 2 });
const val = moons({ m: 20, noise: 0.2, seed: 3 });
const net = () => new Sequential([new Dense(2, 1, { seed: 5 }), new Sigmoid()]);
const run = (extra: Record<string, unknown>) => {
  const model = net();
  return fit(model, data.X, data.Y, {
    loss: new BinaryCrossEntropy(),
    optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
    epochs: 4,
    validationData: [val.X, val.Y],
    ...extra,
  });
};

describe('figure names', () => {
  it("aliases (Keras's and short) are recorded under the canonical names, with the same values", () => {
    const aliased = run({ metrics: ['acc', 'mse', 'mean_absolute_error'] });
    const canonical = run({ metrics: ['accuracy', 'meanSquaredError', 'meanAbsoluteError'] });
    expect(Object.keys(aliased.history)).toEqual([
      'loss',
      'accuracy',
      'meanSquaredError',
      'meanAbsoluteError',
      'val_loss',
      'val_accuracy',
      'val_meanSquaredError',
      'val_meanAbsoluteError',
    ]);
    expect(aliased.history).toEqual(canonical.history);
    expect(Object.keys(aliased.epochs[0])).toEqual(['epoch', ...Object.keys(aliased.history)]);
    expect(
      evaluate(net(), data.X, data.Y, { loss: new BinaryCrossEntropy(), metrics: ['acc', 'mae'] }).metrics,
    ).toEqual(
      evaluate(net(), data.X, data.Y, { loss: new BinaryCrossEntropy(), metrics: ['accuracy', 'meanAbsoluteError'] })
        .metrics,
    );
  });

  it('the progress line names the figures as the logs do', () => {
    const lines: string[] = [];
    run({ metrics: ['acc'], epochs: 1, progress: { write: (t: string) => void lines.push(t), tty: false } });
    expect(lines[0]).toMatch(/ loss \d\.\d{4} accuracy \d\.\d{4} val_loss \d\.\d{4} val_accuracy \d\.\d{4} /);
  });

  it("early stopping's monitor takes the figure names and the aliases ('val_acc' is val_accuracy)", () => {
    const a = run({ metrics: ['accuracy'], epochs: 30, earlyStopping: { monitor: 'val_acc', patience: 0 } });
    const b = run({ metrics: ['accuracy'], epochs: 30, earlyStopping: { monitor: 'val_accuracy', patience: 0 } });
    expect(a.history).toEqual(b.history);
    expect(a.bestEpoch).toBe(b.bestEpoch);
    const mse = run({ metrics: ['mse'], epochs: 30, earlyStopping: { monitor: 'val_mean_squared_error' } });
    // mode 'min' from the canonical name meanSquaredError: stops once val_meanSquaredError rises
    const values = mse.history.val_meanSquaredError;
    expect(values[mse.bestEpoch!]).toBe(Math.min(...values));
  });

  const bad: [string, Record<string, unknown>, ErrorConstructor, string][] = [
    [
      'the old spelling valLoss',
      { earlyStopping: { monitor: 'valLoss' } },
      RangeError,
      'fit: expected earlyStopping.monitor among loss, val_loss (or a metric\'s alias), got "valLoss"',
    ],
    [
      'the old spelling val:accuracy',
      { metrics: ['accuracy'], earlyStopping: { monitor: 'val:accuracy' } },
      RangeError,
      "fit: expected earlyStopping.monitor among loss, accuracy, val_loss, val_accuracy (or a metric's alias), got " +
        '"val:accuracy"',
    ],
    [
      'a metric given twice under two names',
      { metrics: ['acc', 'accuracy'] },
      RangeError,
      'fit: expected each metric once, got accuracy twice',
    ],
    [
      'a metric of your own posing as a validation figure',
      { metrics: { val_score: () => 1 } },
      RangeError,
      'fit: expected metric names other than loss and epoch, not starting with val_, got "val_score"',
    ],
    [
      'a metric of your own named loss',
      { metrics: { loss: () => 1 } },
      RangeError,
      'fit: expected metric names other than loss and epoch, not starting with val_, got "loss"',
    ],
    [
      'an unknown metric name',
      { metrics: ['val_accuracy'] },
      TypeError,
      'fit: expected metric names among accuracy, precision, recall, f1, meanSquaredError, meanAbsoluteError, r2 ' +
        '(or an alias: acc, mse, mae, mean_squared_error, mean_absolute_error, f1_score, r2_score), got "val_accuracy"',
    ],
  ];
  for (const [what, extra, type, message] of bad) {
    it(`refuses ${what}, before any step`, () => {
      const model = net();
      const before = model.parameters().map((p) => p.value.data.slice());
      const call = () =>
        fit(model, data.X, data.Y, {
          loss: new BinaryCrossEntropy(),
          optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
          validationData: [val.X, val.Y],
          ...extra,
        });
      expect(call).toThrowError(new type(message));
      expect(call).toThrow(type);
      expect(model.parameters().map((p) => p.value.data)).toEqual(before);
    });
  }
});
