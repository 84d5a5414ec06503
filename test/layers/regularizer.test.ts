/**
 * Dense's `regularizer: { l1, l2 }`: the penalty and the gradient against numpy (written once with
 * python3, pasted below), gradient checks with the penalty in the cost, `penalty(m)` through nested
 * models, the penalty in `fit`'s loss and history, `evaluate` and the explicit loop (bit for bit), the
 * relation to SGD's `weightDecay`, saving and loading (older JSON without it too), and bad input.
 */
import { describe, expect, it } from 'vitest';
import { Sigmoid, Tanh } from '../../src/activations/index.js';
import { loadModel } from '../../src/io/load.js';
import { Dense } from '../../src/layers/dense.js';
import { BinaryCrossEntropy } from '../../src/losses/index.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { gradientCheck } from '../../src/model/gradient-check.js';
import { Sequential } from '../../src/model/sequential.js';
import { SGD } from '../../src/optimizers/sgd.js';
import { createPredictor } from '../../src/predict.js';
import { evaluate, fit } from '../../src/train/index.js';
import { bits, expectThrow } from './helpers.js';

describe('the penalty and its gradient', () => {
  // python3: W = [[0.5, -1], [0, 2]]; A = [[1, -2, 0.5], [0.25, 1.5, -1]]; dZ = [[0.1, -0.2, 0.3], [-0.4, 0.5, 0.05]]
  // m = 3, l1 = 0.3, l2 = 0.7: dW = dZ @ A.T + (l2/m)·W + (l1/m)·np.sign(W);
  // penalty = (l2/(2m))·np.sum(np.square(W)) + (l1/m)·np.sum(np.abs(W))
  const NUMPY = {
    dW: [0.8666666666666667, -0.9083333333333332, -1.375, 1.1666666666666667],
    penalty: 0.9624999999999999,
  };
  const layer = () => {
    const dense = new Dense(2, 2, { regularizer: { l1: 0.3, l2: 0.7 } });
    dense.weight.value.data.set([0.5, -1, 0, 2]);
    return dense;
  };
  const A = Matrix.from([
    [1, -2, 0.5],
    [0.25, 1.5, -1],
  ]);
  const dZ = Matrix.from([
    [0.1, -0.2, 0.3],
    [-0.4, 0.5, 0.05],
  ]);

  it('penalty(m) = l2/(2m)·ΣW² + l1/m·Σ|W| (numpy), each part alone as its formula', () => {
    expect(layer().penalty(3)).toBe(NUMPY.penalty);
    const l2 = new Dense(2, 2, { regularizer: { l2: 0.7 } });
    l2.weight.value.data.set([0.5, -1, 0, 2]);
    expect(l2.penalty(3)).toBe((0.7 / 6) * 5.25);
    const l1 = new Dense(2, 2, { regularizer: { l1: 0.3 } });
    l1.weight.value.data.set([0.5, -1, 0, 2]);
    expect(l1.penalty(3)).toBe((0.3 / 3) * 3.5);
    expect(new Dense(2, 2).penalty(3)).toBe(0);
    expect(l2.regularizer).toEqual({ l1: 0, l2: 0.7 });
    expect(new Dense(2, 2).regularizer).toBeNull();
  });

  it('backward adds l2/m·W + l1/m·sign(W) to dW (numpy), and nothing to db', () => {
    const dense = layer();
    dense.forward(A);
    dense.backward(dZ);
    NUMPY.dW.forEach((v, i) => expect(dense.weight.grad.data[i]).toBeCloseTo(v, 15));
    const plain = new Dense(2, 2);
    plain.weight.value.data.set([0.5, -1, 0, 2]);
    plain.forward(A);
    plain.backward(dZ);
    expect(bits(dense.bias!.grad.data)).toEqual(bits(plain.bias!.grad.data));
    // accumulates: a second backward doubles the gradient exactly
    const once = dense.weight.grad.data.slice();
    dense.backward(dZ);
    expect(bits(dense.weight.grad.data)).toEqual(bits(once.map((v) => 2 * v)));
  });

  it('gradientCheck agrees with the penalty in the cost (L1, L2 and both, nested too)', () => {
    const X = Matrix.randn(3, 7, { random: 5 }),
      Y = Matrix.from([[1, 0, 1, 1, 0, 0, 1]]);
    for (const regularizer of [{ l2: 2 }, { l1: 0.5 }, { l1: 0.3, l2: 1.5 }]) {
      const model = new Sequential([
        new Dense(3, 4, { seed: 1, regularizer }),
        new Tanh(),
        new Sequential([new Dense(4, 1, { seed: 2, regularizer })]),
        new Sigmoid(),
      ]);
      const result = gradientCheck(model, new BinaryCrossEntropy(), X, Y);
      expect(result.difference, JSON.stringify(regularizer)).toBeLessThan(1e-7);
      expect(result.worst.difference).toBeLessThan(1e-6);
    }
  });
});

describe('the penalty in the cost: Sequential.penalty, fit, evaluate, the explicit loop', () => {
  const X = Matrix.randn(2, 8, { random: 3 }),
    Y = Matrix.from([[1, 0, 0, 1, 1, 0, 1, 0]]);
  const build = () =>
    new Sequential([
      new Dense(2, 4, { seed: 1, regularizer: { l2: 0.8 } }),
      new Tanh(),
      new Sequential([new Dense(4, 3, { seed: 2, regularizer: { l1: 0.2 } }), new Tanh()]),
      new Dense(3, 1, { seed: 3 }),
      new Sigmoid(),
    ]);

  it('model.penalty(m) is the sum of the layers’, through nested models; 0 with none', () => {
    const model = build();
    const dense = model.parameters().length;
    expect(dense).toBe(6);
    const first = model.layers[0] as Dense;
    const inner = (model.layers[2] as Sequential).layers[0] as Dense;
    expect(model.penalty(8)).toBe(0 + first.penalty(8) + inner.penalty(8));
    expect(model.penalty(8)).toBeGreaterThan(0);
    expect(new Sequential([new Dense(2, 1)]).penalty(5)).toBe(0);
    expectThrow(() => model.penalty(0), RangeError, 'Sequential.penalty: expected m to be a positive integer, got 0');
    expectThrow(() => first.penalty(1.5), RangeError, 'Dense.penalty: expected m to be a positive integer, got 1.5');
  });

  it('fit’s loss and history include the penalty, bit for bit as the explicit loop', () => {
    const loss = new BinaryCrossEntropy();
    const reference = build();
    const optimizer = new SGD(reference.parameters(), { learningRate: 0.5 });
    const costs: number[] = [];
    for (let epoch = 0; epoch < 5; epoch++) {
      const cost = loss.forward(reference.forward(X), Y) + reference.penalty(X.cols);
      optimizer.zeroGrad();
      reference.backward(loss.backward());
      optimizer.step();
      costs.push(cost);
    }
    const model = build();
    const dataLoss = loss.forward(model.forward(X), Y);
    const history = fit(model, X, Y, {
      loss,
      optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
      epochs: 5,
      validationData: [X, Y],
    });
    expect(bits(history.loss)).toEqual(bits(costs));
    expect(history.loss[0]).toBeGreaterThan(dataLoss);
    expect(bits(model.parameters().flatMap((p) => Array.from(p.value.data)))).toEqual(
      bits(reference.parameters().flatMap((p) => Array.from(p.value.data))),
    );
    // validation and evaluate report the penalised cost too (as Keras does)
    const evaluation = evaluate(model, X, Y, { loss });
    expect(evaluation.loss).toBe(loss.forward(model.predict(X), Y) + model.penalty(X.cols));
    expect(history.history.val_loss[4]).toBeGreaterThan(0);
  });

  it('with SGD, l2 = λ on a layer without bias is weightDecay = λ/m, bit for bit', () => {
    const m = X.cols;
    const run = (regularized: boolean) => {
      const model = new Sequential([
        new Dense(2, 3, { seed: 4, useBias: false, ...(regularized ? { regularizer: { l2: 0.4 } } : {}) }),
        new Tanh(),
        new Dense(3, 1, { seed: 5, useBias: false, ...(regularized ? { regularizer: { l2: 0.4 } } : {}) }),
        new Sigmoid(),
      ]);
      const optimizer = new SGD(model.parameters(), { learningRate: 0.3, weightDecay: regularized ? 0 : 0.4 / m });
      const loss = new BinaryCrossEntropy();
      for (let i = 0; i < 10; i++) {
        loss.forward(model.forward(X), Y);
        optimizer.zeroGrad();
        model.backward(loss.backward());
        optimizer.step();
      }
      return bits(model.parameters().flatMap((p) => Array.from(p.value.data)));
    };
    expect(run(true)).toEqual(run(false));
  });
});

describe('saving and loading', () => {
  it('the JSON carries config.regularizer; the copy predicts and penalises the same bits', () => {
    const model = new Sequential([new Dense(2, 3, { seed: 1, regularizer: { l2: 0.1 } }), new Tanh()]);
    const json = JSON.parse(JSON.stringify(model));
    expect(json.layers[0].config).toEqual({
      inputSize: 2,
      outputSize: 3,
      useBias: true,
      init: 'xavier',
      regularizer: { l1: 0, l2: 0.1 },
    });
    const copy = loadModel(json);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(json));
    expect(copy.penalty(4)).toBe(model.penalty(4));
    const X = Matrix.from([[1], [-2]]);
    expect(bits(createPredictor(json).predict(X).data)).toEqual(bits(model.predict(X).data));
  });

  it('JSON without a regularizer (older files) loads as before, without one', () => {
    const json = JSON.parse(JSON.stringify(new Sequential([new Dense(2, 1, { seed: 1 })])));
    expect(Object.keys(json.layers[0].config)).toEqual(['inputSize', 'outputSize', 'useBias', 'init']);
    expect((loadModel(json).layers[0] as Dense).regularizer).toBeNull();
  });

  it('loadModel and createPredictor refuse a bad saved regularizer with the same message', () => {
    const model = (regularizer: unknown) => ({
      format: 'bottomup.sequential',
      version: 1,
      layers: [{ type: 'Dense', config: { inputSize: 1, outputSize: 1, regularizer }, weights: { W: [1], b: [0] } }],
    });
    const cases: [unknown, string][] = [
      [{ l2: -1 }, 'expected layers[0].config.regularizer.l2 to be a finite number >= 0, got -1'],
      [{ l1: null }, 'expected layers[0].config.regularizer.l1 to be a finite number >= 0, got null'],
      [{ l2: '1' }, 'expected layers[0].config.regularizer.l2 to be a finite number >= 0, got "1"'],
      [{ l3: 1 }, 'expected layers[0].config.regularizer keys among l1, l2, got unknown key "l3"'],
      [0.1, 'expected layers[0].config.regularizer to be an object, got 0.1'],
    ];
    for (const [regularizer, message] of cases) {
      expectThrow(() => loadModel(model(regularizer) as never), TypeError, `loadModel: ${message}`);
      expectThrow(() => createPredictor(model(regularizer) as never), TypeError, `createPredictor: ${message}`);
    }
  });
});

describe('bad input', () => {
  it('refuses negative or non-finite penalties, unknown keys and a regularizer that is not an object', () => {
    expectThrow(
      () => new Dense(2, 1, { regularizer: { l2: -1 } }),
      RangeError,
      'Dense: expected regularizer.l2 >= 0, got -1',
    );
    expectThrow(
      () => new Dense(2, 1, { regularizer: { l1: Number.POSITIVE_INFINITY } }),
      RangeError,
      'Dense: expected regularizer.l1 >= 0, got Infinity',
    );
    expectThrow(
      () => new Dense(2, 1, { regularizer: { l1: '1' as unknown as number } }),
      TypeError,
      'Dense: expected regularizer.l1 to be a number, got "1"',
    );
    expectThrow(
      () => new Dense(2, 1, { regularizer: { l3: 1 } as never }),
      TypeError,
      'Dense.regularizer: expected options among l1, l2, got unknown option "l3"',
    );
    expectThrow(
      () => new Dense(2, 1, { regularizer: 0.5 as never }),
      TypeError,
      'Dense.regularizer: expected an options object, got 0.5',
    );
  });
});
