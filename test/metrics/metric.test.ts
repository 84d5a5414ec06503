import { describe, expect, it } from 'vitest';
import * as metrics from '../../src/metrics/index.js';
import { getMetric, metricsByName, type Metric } from '../../src/metrics/metric.js';
import { Matrix } from '../../src/matrix/index.js';
import { expectThrowExact } from '../matrix/helpers.js';

describe('metricsByName and getMetric', () => {
  it('map each name to the function of that name', () => {
    expect(Object.keys(metricsByName)).toEqual([
      'accuracy',
      'precision',
      'recall',
      'f1',
      'meanSquaredError',
      'meanAbsoluteError',
      'r2',
    ]);
    for (const [name, fn] of Object.entries(metricsByName)) {
      expect(fn).toBe((metrics as Record<string, unknown>)[name]);
      expect(getMetric(name as keyof typeof metricsByName)).toBe(fn);
    }
  });

  it('pass a metric function through unchanged', () => {
    const custom: Metric = (p, t) => p.sub(t).sum();
    expect(getMetric(custom)).toBe(custom);
    expect(getMetric('accuracy')(Matrix.from([[0.8, 0.3]]), Matrix.from([[1, 1]]))).toBe(0.5);
  });

  it("resolves Keras's names and the short aliases to the built-in metrics", () => {
    expect(getMetric('acc')).toBe(metricsByName.accuracy);
    expect(getMetric('mse')).toBe(metricsByName.meanSquaredError);
    expect(getMetric('mean_squared_error')).toBe(metricsByName.meanSquaredError);
    expect(getMetric('mae')).toBe(metricsByName.meanAbsoluteError);
    expect(getMetric('mean_absolute_error')).toBe(metricsByName.meanAbsoluteError);
    expect(getMetric('f1_score')).toBe(metricsByName.f1);
    expect(getMetric('r2_score')).toBe(metricsByName.r2);
    // an alias is an own key only: inherited names are not aliases
    expectThrowExact(
      () => getMetric('hasOwnProperty' as never),
      TypeError,
      'getMetric: expected a metric function or one of accuracy, precision, recall, f1, meanSquaredError, ' +
        'meanAbsoluteError, r2 (or an alias: acc, mse, mae, mean_squared_error, mean_absolute_error, f1_score, ' +
        'r2_score), got "hasOwnProperty"',
    );
  });

  it('rejects unknown names with the list of known ones', () => {
    const known =
      'accuracy, precision, recall, f1, meanSquaredError, meanAbsoluteError, r2 (or an alias: acc, mse, mae, ' +
      'mean_squared_error, mean_absolute_error, f1_score, r2_score)';
    expectThrowExact(
      () => getMetric('Accuracy' as never),
      TypeError,
      `getMetric: expected a metric function or one of ${known}, got "Accuracy"`,
    );
    expectThrowExact(
      () => getMetric('toString' as never),
      TypeError,
      `getMetric: expected a metric function or one of ${known}, got "toString"`,
    );
    expectThrowExact(
      () => getMetric(3 as never),
      TypeError,
      `getMetric: expected a metric function or one of ${known}, got 3`,
    );
  });

  it('src/metrics/index re-exports exactly the public metrics', () => {
    expect(Object.keys(metrics).sort()).toEqual(
      [
        'accuracy',
        'confusionMatrix',
        'f1',
        'getMetric',
        'meanAbsoluteError',
        'meanSquaredError',
        'metricAliases',
        'metricsByName',
        'precision',
        'r2',
        'recall',
      ].sort(),
    );
  });
});
