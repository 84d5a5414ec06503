import { describe, expect, it } from 'vitest';
import {
  BinaryCrossEntropy,
  CategoricalCrossEntropy,
  Dense,
  Matrix,
  MeanSquaredError,
  Sequential,
  ShapeError,
  Softmax,
  SGD,
  Tanh,
  Standardizer,
  evaluate,
  fit,
  oneHot,
} from '../../src/index.js';
import { transposeHint } from '../../src/validate/values.js';

/** The message a call throws, with its class. */
function thrown(f: () => unknown): [string, string] {
  try {
    f();
  } catch (e) {
    return [(e as Error).constructor.name, (e as Error).message];
  }
  throw new Error('expected a throw');
}

describe('transposeHint', () => {
  it('hints only when the columns are the rows wanted and the rows are not', () => {
    expect(transposeHint('X', 3, 2, 2)).toBe(
      ': one column per example — did you mean Matrix.fromSamples(examples), or X.transpose()?',
    );
    expect(transposeHint('X', 3, 4, 2)).toBe('');
    expect(transposeHint('X', 2, 2, 2)).toBe('');
    expect(transposeHint('X', 2, 3, 2)).toBe('');
  });
});

describe('one row per example where one column per example is wanted', () => {
  // Three examples of two features, written as rows: Matrix.from reads them as (3, 2).
  const rows = Matrix.from([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh()]);

  it('Sequential.forward and predict hint at fromSamples and transpose', () => {
    const message =
      'Sequential.forward: expected X (2, m) with m >= 1 for Dense(2 → 3), got X (3, 2): one column per ' +
      'example — did you mean Matrix.fromSamples(examples), or X.transpose()?';
    expect(thrown(() => model.forward(rows))).toEqual(['ShapeError', message]);
    expect(thrown(() => model.predict(rows))).toEqual(['ShapeError', message]);
    expect(model.predict(rows.transpose()).rows).toBe(3);
  });

  it('Dense.forward hints too', () => {
    expect(thrown(() => new Dense(2, 3, { seed: 1 }).forward(rows))).toEqual([
      'ShapeError',
      'Dense.forward: expected input (2, m), got input (3, 2): one column per example — did you mean ' +
        'Matrix.fromSamples(examples), or input.transpose()?',
    ]);
  });

  it('no hint when the shape fits no way round', () => {
    expect(thrown(() => model.forward(Matrix.zeros(3, 4)))).toEqual([
      'ShapeError',
      'Sequential.forward: expected X (2, m) with m >= 1 for Dense(2 → 3), got X (3, 4)',
    ]);
  });

  it('a loss whose target is the prediction transposed hints at it', () => {
    const prediction = Matrix.from([[0.2, 0.7, 0.9]]);
    expect(thrown(() => new BinaryCrossEntropy().forward(prediction, Matrix.from([[0], [1], [1]])))).toEqual([
      'ShapeError',
      'BinaryCrossEntropy.forward: expected target (1, 3) like the prediction, got prediction (1, 3) and ' +
        'target (3, 1): one column per example — did you mean Matrix.fromSamples(examples), or target.transpose()?',
    ]);
    expect(thrown(() => new MeanSquaredError().forward(prediction, Matrix.zeros(2, 3)))).toEqual([
      'ShapeError',
      'MeanSquaredError.forward: expected target (1, 3) like the prediction, got prediction (1, 3) and target (2, 3)',
    ]);
  });
});

describe('CategoricalCrossEntropy with integer class labels', () => {
  const prediction = new Sequential([new Dense(2, 3, { seed: 4 }), new Softmax()]).predict(
    Matrix.from([
      [1, 2, 3, 4],
      [0, 1, 0, 1],
    ]),
  );
  const loss = new CategoricalCrossEntropy();

  it('hints at oneHot when the target is one row of class indices', () => {
    const [kind, message] = thrown(() => loss.forward(prediction, Matrix.from([[0, 2, 1, 2]])));
    expect(kind).toBe('ShapeError');
    expect(message).toBe(
      'CategoricalCrossEntropy.forward: expected target (3, 4) like the prediction, got prediction (3, 4) and ' +
        'target (1, 4): the target looks like class indices — one-hot encode them with oneHot(labels, 3), or use ' +
        'SparseCategoricalCrossEntropy',
    );
  });

  it('no class-index hint when a value is not a class index', () => {
    expect(thrown(() => loss.forward(prediction, Matrix.from([[0, 3, 1, 2]])))[1]).toBe(
      'CategoricalCrossEntropy.forward: expected target (3, 4) like the prediction, got prediction (3, 4) and ' +
        'target (1, 4)',
    );
    expect(thrown(() => loss.forward(prediction, Matrix.from([[0, 0.5, 1, 2]])))[1]).toMatch(/target \(1, 4\)$/);
  });

  it('the error is a ShapeError and the loss keeps no state from the failed call', () => {
    expect(() => loss.forward(prediction, Matrix.from([[0, 2, 1, 2]]))).toThrow(ShapeError);
    expect(() => loss.backward()).toThrow('CategoricalCrossEntropy.backward: expected a forward() first, got none');
  });
});

describe('fit names the same mistakes', () => {
  const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Softmax()]);
  const X = Matrix.from([
    [1, 2, 3, 4],
    [0, 1, 0, 1],
  ]);
  const options = () => ({
    loss: new CategoricalCrossEntropy(),
    optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
    epochs: 1,
  });

  it('class indices for Y', () => {
    const before = model.parameters().map((p) => Array.from(p.value.data));
    expect(thrown(() => fit(model, X, Matrix.from([[0, 2, 1, 2]]), options()))).toEqual([
      'ShapeError',
      "fit: expected Y (3, m) for the model's 3 outputs, got Y (1, 4): Y looks like class indices — one-hot " +
        'encode them with oneHot(labels, 3), or use SparseCategoricalCrossEntropy',
    ]);
    expect(model.parameters().map((p) => Array.from(p.value.data))).toEqual(before);
  });

  it('one row per example for X', () => {
    expect(thrown(() => fit(model, X.transpose(), oneHot([0, 2, 1, 2], 3), options()))).toEqual([
      'ShapeError',
      "fit: expected X (2, m) for the model's 2 inputs, got X (4, 2): one column per example — did you mean " +
        'Matrix.fromSamples(examples), or X.transpose()?',
    ]);
  });
});

describe('Matrix.from(rows) of one row per example: every ShapeError that follows hints at fromSamples', () => {
  // Four examples of two features written as rows, as Matrix.from reads them: (4, 2) for a 2-input model.
  const examples = [
    [1, 0],
    [2, 1],
    [3, 0],
    [4, 1],
  ];
  const rows = Matrix.from(examples);
  const hint = (name: string): string =>
    `: one column per example — did you mean Matrix.fromSamples(examples), or ${name}.transpose()?`;
  const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Softmax()]);
  const Y = oneHot([0, 2, 1, 2], 3);

  it('evaluate', () => {
    expect(thrown(() => evaluate(model, rows, Y, { loss: new CategoricalCrossEntropy() }))).toEqual([
      'ShapeError',
      `evaluate: expected X (2, m) for the model's 2 inputs, got X (4, 2)${hint('X')}`,
    ]);
  });

  it("fit's validationData", () => {
    const X = Matrix.fromSamples(examples);
    const before = model.parameters().map((p) => Array.from(p.value.data));
    expect(
      thrown(() =>
        fit(model, X, Y, {
          loss: new CategoricalCrossEntropy(),
          optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
          epochs: 1,
          validationData: [rows, Y],
        }),
      ),
    ).toEqual([
      'ShapeError',
      "fit: expected validationData X (2, m) for the model's 2 inputs, got validationData X (4, 2)" +
        hint('validationData X'),
    ]);
    expect(model.parameters().map((p) => Array.from(p.value.data))).toEqual(before);
  });

  it('a fitted scaler', () => {
    const scaler = new Standardizer().fit(Matrix.fromSamples(examples));
    expect(thrown(() => scaler.transform(rows))).toEqual([
      'ShapeError',
      `Standardizer.transform: expected X with 2 rows (features), got X (4, 2)${hint('X')}`,
    ]);
  });

  it('and Matrix.fromSamples(examples), the fix, is accepted everywhere', () => {
    const X = Matrix.fromSamples(examples);
    expect(X.equals(rows.transpose())).toBe(true);
    expect(model.predict(X).shape).toEqual([3, 4]);
    expect(evaluate(model, X, Y, { loss: new CategoricalCrossEntropy() }).loss).toBeGreaterThan(0);
  });
});
