/**
 * Training and evaluation modes: `train()` / `eval()` return the model and reach every layer with
 * modes at any depth (through nested models and through composite layers without modes of their
 * own); `predict`, `evaluate` and `fit`'s validation run in evaluation mode and put the mode back;
 * `fit` trains in training mode; saved models record no mode.
 */
import { describe, expect, it } from 'vitest';
import { Sigmoid, Tanh } from '../../src/activations/index.js';
import { Dense } from '../../src/layers/dense.js';
import type { Layer, LayerJSON } from '../../src/layers/layer.js';
import { BinaryCrossEntropy } from '../../src/losses/index.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { Sequential } from '../../src/model/sequential.js';
import { SGD } from '../../src/optimizers/sgd.js';
import type { Parameter } from '../../src/parameter.js';
import { evaluate, fit } from '../../src/train/index.js';
import { loadModel } from '../../src/io/load.js';

/** An identity layer with modes that records the mode of every forward. */
class ModeSpy implements Layer {
  training = true;
  readonly seen: boolean[] = [];
  train(mode = true): this {
    this.training = mode;
    return this;
  }
  forward(input: Matrix): Matrix {
    this.seen.push(this.training);
    return input;
  }
  backward(gradOutput: Matrix): Matrix {
    return gradOutput;
  }
  parameters(): Parameter[] {
    return [];
  }
  computeOutputSize(inputSize: number): number {
    return inputSize;
  }
  toString(): string {
    return 'ModeSpy()';
  }
  toJSON(): LayerJSON {
    return { type: 'Identity' };
  }
}

/** A composite layer without modes of its own: its inner layers are reached through `layers`. */
class Block implements Layer {
  constructor(readonly inner: Sequential) {}
  get layers(): readonly Layer[] {
    return this.inner.layers;
  }
  forward(x: Matrix): Matrix {
    return this.inner.forward(x);
  }
  backward(dy: Matrix): Matrix {
    return this.inner.backward(dy);
  }
  parameters(): Parameter[] {
    return this.inner.parameters();
  }
  computeOutputSize(n: number): number {
    return this.inner.computeOutputSize(n);
  }
  toString(): string {
    return 'Block';
  }
  toJSON(): LayerJSON {
    return { type: 'Block', layers: this.inner.toJSON().layers };
  }
}

function network() {
  const spies = [new ModeSpy(), new ModeSpy(), new ModeSpy()];
  const nested = new Sequential([new Dense(3, 3, { seed: 2 }), spies[1]]);
  const block = new Block(new Sequential([spies[2], new Tanh()]));
  const model = new Sequential([
    new Dense(2, 3, { seed: 1 }),
    spies[0],
    nested,
    block,
    new Dense(3, 1, { seed: 3 }),
    new Sigmoid(),
  ]);
  return { model, nested, spies };
}

const X = Matrix.from([
  [0.5, -1, 2, 0.25],
  [1, 0, -0.5, 3],
]);
const Y = Matrix.from([[1, 0, 1, 0]]);

describe('train() and eval()', () => {
  it('a new model is in training mode; eval() and train() return the model and reach every level', () => {
    const { model, nested, spies } = network();
    expect(model.training).toBe(true);
    expect(model.eval()).toBe(model);
    expect(model.training).toBe(false);
    expect(nested.training).toBe(false);
    expect(spies.map((s) => s.training)).toEqual([false, false, false]);
    expect(model.train()).toBe(model);
    expect([model.training, nested.training, ...spies.map((s) => s.training)]).toEqual([true, true, true, true, true]);
    expect(model.train(false).training).toBe(false);
    expect(spies.map((s) => s.training)).toEqual([false, false, false]);
  });

  it('forward runs in the current mode', () => {
    const { model, spies } = network();
    model.forward(X);
    model.eval().forward(X);
    expect(spies[0].seen).toEqual([true, false]);
    expect(spies[2].seen).toEqual([true, false]);
  });

  it('refuses a mode that is not a boolean, changing nothing', () => {
    const { model } = network();
    expect(() => model.train('no' as unknown as boolean)).toThrow(
      new TypeError('Sequential.train: expected mode to be a boolean, got "no"'),
    );
    expect(model.training).toBe(true);
  });

  it('saved models record no mode: the JSON is the same in both modes, and a loaded model trains', () => {
    const { model } = network();
    const plain = new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh()]);
    const before = JSON.stringify(plain);
    expect(JSON.stringify(plain.eval())).toBe(before);
    expect(JSON.stringify(model.eval())).toBe(JSON.stringify(model.train()));
    expect(loadModel(JSON.parse(before)).training).toBe(true);
  });
});

describe('predict, evaluate and fit', () => {
  it('predict runs in evaluation mode and puts the mode back', () => {
    const { model, spies } = network();
    const P = model.predict(X);
    expect(P.shape).toEqual([1, 4]);
    expect(spies[1].seen).toEqual([false]);
    expect(model.training).toBe(true);
    expect(spies[1].training).toBe(true);
    model.eval().predict(X);
    expect(spies[1].seen).toEqual([false, false]);
    expect(model.training).toBe(false);
  });

  it('predict puts the mode back when forward throws', () => {
    const { model } = network();
    expect(() => model.predict(Matrix.zeros(3, 2))).toThrow(RangeError);
    expect(model.training).toBe(true);
  });

  it('evaluate runs in evaluation mode and puts the mode back', () => {
    const { model, spies } = network();
    const { loss } = evaluate(model, X, Y, { loss: new BinaryCrossEntropy() });
    expect(loss).toBeGreaterThan(0);
    expect(spies[0].seen).toEqual([false]);
    expect(model.training).toBe(true);
    expect(spies[0].training).toBe(true);
  });

  it('fit trains in training mode, validates in evaluation mode, and leaves the mode as it was', () => {
    for (const start of [true, false]) {
      const { model, spies } = network();
      model.train(start);
      fit(model, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
        epochs: 2,
        batchSize: 2,
        validationData: [X, Y],
      });
      // per epoch: two training batches, then one validation forward
      expect(spies[1].seen).toEqual([true, true, false, true, true, false]);
      expect(model.training).toBe(start);
      expect(spies.map((s) => s.training)).toEqual([start, start, start]);
    }
  });

  it('fit puts the mode back when a callback throws', () => {
    const { model } = network();
    model.eval();
    expect(() =>
      fit(model, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
        onEpochEnd: () => {
          throw new Error('stop');
        },
      }),
    ).toThrow('stop');
    expect(model.training).toBe(false);
  });
});
