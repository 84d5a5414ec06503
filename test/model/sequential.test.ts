/**
 * Sequential: construction checks with exact messages, the course's parameter names, forward/backward
 * against composing the layers by hand, shape errors, predict, summary, checkFinite, calls that throw
 * changing no weight, and the design's explicit training loop (decreasing cost, bit-identical reruns).
 */
import { describe, expect, it } from 'vitest';
import { ReLU, Sigmoid, Softmax, Tanh } from '../../src/activations/index.js';
import { ShapeError } from '../../src/errors.js';
import { Dense } from '../../src/layers/dense.js';
import type { Layer, LayerJSON } from '../../src/layers/layer.js';
import type { Parameter } from '../../src/parameter.js';
import { BinaryCrossEntropy } from '../../src/losses/index.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { Sequential } from '../../src/model/sequential.js';
import { SGD } from '../../src/optimizers/sgd.js';
import { Random } from '../../src/random.js';

/** The course's 2-layer network: 2 → 4 tanh → 1 sigmoid, initialised with randn·0.01. */
function twoLayerNetwork(options?: { checkFinite?: boolean }): { model: Sequential; d1: Dense; d2: Dense } {
  const d1 = new Dense(2, 4, { init: 'small', seed: 1 });
  const d2 = new Dense(4, 1, { init: 'small', seed: 2 });
  return { model: new Sequential([d1, new Tanh(), d2, new Sigmoid()], options), d1, d2 };
}

const snapshot = (model: Sequential): Float64Array[] =>
  model.parameters().flatMap((p) => [p.value.data.slice(), p.grad.data.slice()]);

function expectBitIdentical(a: readonly Float64Array[], b: readonly Float64Array[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => {
    expect(x.length).toBe(b[i].length);
    x.forEach((v, j) => expect(Object.is(v, b[i][j]), `array ${i} element ${j}`).toBe(true));
  });
}

function expectThrowExact(call: () => unknown, type: new (...args: never[]) => Error, message: string): void {
  let caught: unknown;
  try {
    call();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a throw').toBeInstanceOf(type);
  expect((caught as Error).message).toBe(message);
}

describe('construction', () => {
  it('layers that do not fit: a ShapeError naming both layers and their positions', () => {
    expectThrowExact(
      () => new Sequential([new Dense(2, 4), new Tanh(), new Dense(3, 1)]),
      ShapeError,
      'Sequential: expected Dense(3 → 1) (layer 2) to take the 4 outputs of Tanh() (layer 1), got inputSize 3',
    );
    expectThrowExact(
      () => new Sequential([new Dense(2, 4), new Dense(5, 1), new Sigmoid()]),
      ShapeError,
      'Sequential: expected Dense(5 → 1) (layer 1) to take the 4 outputs of Dense(2 → 4) (layer 0), got inputSize 5',
    );
  });

  it('sizes: inputSize from the first Dense, outputSize from the last', () => {
    const { model } = twoLayerNetwork();
    expect([model.inputSize, model.outputSize]).toEqual([2, 1]);
    const leading = new Sequential([new Tanh(), new Dense(3, 2), new Softmax()]);
    expect([leading.inputSize, leading.outputSize]).toEqual([3, 2]);
    const free = new Sequential([new ReLU()]);
    expect([free.inputSize, free.outputSize]).toEqual([undefined, undefined]);
    expect(free.forward(Matrix.from([[-1, 2]])).toArray()).toEqual([[0, 2]]);
  });

  it('bad arguments', () => {
    expectThrowExact(
      () => new Sequential([]),
      TypeError,
      'Sequential: expected a non-empty array of layers, got an empty array',
    );
    expectThrowExact(
      () => new Sequential(new Dense(2, 1) as unknown as Layer[]),
      TypeError,
      'Sequential: expected a non-empty array of layers, got an object',
    );
    expectThrowExact(
      () => new Sequential([new Dense(2, 1), 'Sigmoid' as unknown as Layer]),
      TypeError,
      'Sequential: expected layers[1] to be a layer (forward, backward, parameters, computeOutputSize), got "Sigmoid"',
    );
    expectThrowExact(
      () => new Sequential([new Dense(2, 1)], { check: true } as object),
      TypeError,
      'Sequential: expected options among checkFinite, got unknown option "check"',
    );
  });

  it('parameters are W[1], b[1], W[2], b[2] — the layers’ own Parameter objects, in order', () => {
    const { model, d1, d2 } = twoLayerNetwork();
    const params = model.parameters();
    expect(params.map((p) => p.name)).toEqual(['W[1]', 'b[1]', 'W[2]', 'b[2]']);
    expect(params).toEqual([d1.weight, d1.bias, d2.weight, d2.bias]);
    params.forEach((p, i) => expect(p).toBe([d1.weight, d1.bias, d2.weight, d2.bias][i]));
    expect(model.parameters()[2]).toBe(params[2]);
    // Layers without parameters are not counted; layers without bias give no b[l].
    const three = new Sequential([
      new Dense(3, 2, { useBias: false }),
      new ReLU(),
      new Dense(2, 2),
      new Tanh(),
      new Dense(2, 1, { useBias: false }),
    ]);
    expect(three.parameters().map((p) => p.name)).toEqual(['W[1]', 'W[2]', 'b[2]', 'W[3]']);
  });
});

describe('forward and backward', () => {
  it('forward composes the layers; backward chains them (bit for bit the same as by hand)', () => {
    const { model } = twoLayerNetwork();
    const X = Matrix.randn(2, 5, { random: 3 });
    const dY = Matrix.randn(1, 5, { random: 4 });
    const out = model.forward(X).clone();
    model.zeroGrad();
    const dX = model.backward(dY).clone();
    const grads = model.parameters().map((p) => p.grad.clone());

    // The same layers, by hand, in a twin network.
    const twin = twoLayerNetwork();
    const layers = twin.model.layers;
    let A = X;
    for (const layer of layers) A = layer.forward(A);
    expect(A.equals(out)).toBe(true);
    let g = dY;
    for (let i = layers.length - 1; i >= 0; i--) g = layers[i].backward(g);
    expect(g.equals(dX)).toBe(true);
    twin.model.parameters().forEach((p, i) => expect(p.grad.equals(grads[i])).toBe(true));
  });

  it('forward: X with the wrong number of rows, or no columns, is a ShapeError', () => {
    const { model } = twoLayerNetwork();
    expectThrowExact(
      () => model.forward(Matrix.zeros(3, 5)),
      ShapeError,
      'Sequential.forward: expected X (2, m) with m >= 1 for Dense(2 → 4), got X (3, 5)',
    );
    expectThrowExact(
      () => model.forward(Matrix.zeros(2, 0)),
      ShapeError,
      'Sequential.forward: expected X (2, m) with m >= 1 for Dense(2 → 4), got X (2, 0)',
    );
  });

  it('backward: before any forward, and dYhat of another shape', () => {
    const { model } = twoLayerNetwork();
    expectThrowExact(
      () => model.backward(Matrix.zeros(1, 5)),
      Error,
      'Sequential.backward: expected a forward() first, got none',
    );
    model.forward(Matrix.zeros(2, 5));
    expectThrowExact(
      () => model.backward(Matrix.zeros(1, 4)),
      ShapeError,
      'Sequential.backward: expected dYhat (1, 5) like the last output, got dYhat (1, 4)',
    );
    expectThrowExact(
      () => model.backward(Matrix.zeros(2, 5)),
      ShapeError,
      'Sequential.backward: expected dYhat (1, 5) like the last output, got dYhat (2, 5)',
    );
  });

  it('backward(dY, false) returns null and accumulates exactly the same parameter gradients', () => {
    const a = twoLayerNetwork(),
      b = twoLayerNetwork();
    const X = Matrix.randn(2, 6, { random: 5 }),
      dY = Matrix.randn(1, 6, { random: 6 });
    a.model.forward(X);
    expect(a.model.backward(dY)).toBeInstanceOf(Matrix);
    b.model.forward(X);
    expect(b.model.backward(dY, false)).toBeNull();
    expectBitIdentical(snapshot(a.model), snapshot(b.model));
  });

  it('backward accumulates; zeroGrad clears every parameter', () => {
    const { model } = twoLayerNetwork();
    model.forward(Matrix.randn(2, 3, { random: 7 }));
    const dY = Matrix.randn(1, 3, { random: 8 });
    model.backward(dY);
    const once = model.parameters().map((p) => p.grad.clone());
    model.backward(dY);
    model.parameters().forEach((p, i) => expect(p.grad.equals(once[i].scale(2))).toBe(true));
    model.zeroGrad();
    expect(model.parameters().every((p) => p.grad.data.every((v) => v === 0))).toBe(true);
  });

  it('predict returns a copy the caller owns', () => {
    const { model } = twoLayerNetwork();
    const X = Matrix.randn(2, 4, { random: 9 });
    const out = model.forward(X);
    const P = model.predict(X);
    expect(P).not.toBe(model.forward(X));
    expect(P.equals(out)).toBe(true);
    const kept = P.clone();
    model.forward(Matrix.randn(2, 4, { random: 10 }));
    expect(P.equals(kept)).toBe(true);
    expect(P.equals(out)).toBe(false); // the forward buffer moved on, the copy did not
    expect(() => model.predict(Matrix.zeros(1, 4))).toThrow(ShapeError);
  });

  it('a user-defined layer (with a parameter) works inside a Sequential', () => {
    /** A = s·Z with a learnable scalar s. */
    class Scale implements Layer {
      readonly s: Parameter = { name: 's', value: Matrix.from([[1.5]]), grad: Matrix.zeros(1, 1) };
      private Z: Matrix | null = null;
      forward(Z: Matrix): Matrix {
        this.Z = Z;
        return Z.scale(this.s.value.data[0]);
      }
      backward(dA: Matrix): Matrix {
        this.s.grad.data[0] += dA.data.reduce((t, v, i) => t + v * this.Z!.data[i], 0);
        return dA.scale(this.s.value.data[0]);
      }
      parameters(): Parameter[] {
        return [this.s];
      }
      computeOutputSize(n: number): number {
        return n;
      }
      toJSON(): LayerJSON {
        return { type: 'Scale' };
      }
    }
    const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Scale(), new Dense(3, 1, { seed: 2 })]);
    expect(model.parameters().map((p) => p.name)).toEqual(['W[1]', 'b[1]', 's[2]', 'W[3]', 'b[3]']);
    expect(model.forward(Matrix.zeros(2, 2)).shape).toEqual([1, 2]);
  });
});

describe('summary', () => {
  it('the 2-layer network', () => {
    expect(twoLayerNetwork().model.summary()).toBe(
      [
        'Layer            Output shape  Params',
        '-------------------------------------',
        '0: Dense(2 → 4)  (4, m)            12',
        '1: Tanh()        (4, m)             0',
        '2: Dense(4 → 1)  (1, m)             5',
        '3: Sigmoid()     (1, m)             0',
        '-------------------------------------',
        'Total params: 17',
      ].join('\n'),
    );
  });

  it('a leading activation takes the width of the first Dense', () => {
    expect(new Sequential([new ReLU(), new Dense(3, 2, { useBias: false })]).summary()).toBe(
      [
        'Layer            Output shape  Params',
        '-------------------------------------',
        '0: ReLU()        (3, m)             0',
        '1: Dense(3 → 2)  (2, m)             6',
        '-------------------------------------',
        'Total params: 6',
      ].join('\n'),
    );
  });
});

describe('checkFinite', () => {
  it('names the layer whose output first holds a NaN (a NaN weight in layer 2), and the position', () => {
    const { model, d2 } = twoLayerNetwork({ checkFinite: true });
    const X = Matrix.randn(2, 3, { random: 11 });
    model.forward(X);
    d2.weight.value.set(0, 2, Number.NaN);
    const before = snapshot(model);
    expectThrowExact(
      () => model.forward(X),
      RangeError,
      'Sequential.forward: expected finite values in the output of Dense(4 → 1) (layer 2), got NaN at (0, 0)',
    );
    expectBitIdentical(snapshot(model), before);
    // Without the check the NaN goes through silently.
    model.checkFinite = false;
    expect(model.forward(X).data.every(Number.isNaN)).toBe(true);
  });

  it('names the position of a NaN or Infinity in X', () => {
    const { model } = twoLayerNetwork({ checkFinite: true });
    const X = Matrix.randn(2, 4, { random: 12 });
    X.set(1, 3, Number.NaN);
    expectThrowExact(
      () => model.forward(X),
      RangeError,
      'Sequential.forward: expected finite values in X, got NaN at (1, 3)',
    );
    X.set(1, 3, 0);
    X.set(0, 2, -Infinity);
    expectThrowExact(
      () => model.forward(X),
      RangeError,
      'Sequential.forward: expected finite values in X, got -Infinity at (0, 2)',
    );
  });

  it('backward names the layer whose input gradient is first non-finite', () => {
    const { model } = twoLayerNetwork({ checkFinite: true });
    model.forward(Matrix.randn(2, 2, { random: 13 }));
    expectThrowExact(
      () => model.backward(Matrix.from([[1, Infinity]])),
      RangeError,
      'Sequential.backward: expected finite values in the input gradient of Sigmoid() (layer 3), got Infinity ' +
        'at (0, 1)',
    );
  });

  it('after a forward that failed part-way, backward refuses instead of mixing two batches', () => {
    // Layers 0–1 saw the new batch before layer 2 failed; their caches no longer match the old output.
    const { model, d2 } = twoLayerNetwork({ checkFinite: true });
    model.forward(Matrix.randn(2, 3, { random: 14 }));
    d2.weight.value.set(0, 0, Infinity);
    expect(() => model.forward(Matrix.randn(2, 3, { random: 15 }))).toThrow(RangeError);
    expectThrowExact(
      () => model.backward(Matrix.zeros(1, 3)),
      Error,
      'Sequential.backward: expected a forward() first, got none',
    );
  });
});

describe('a call that throws changes no weight', () => {
  it('forward with a bad X, backward with a bad dYhat, backward before forward', () => {
    const { model } = twoLayerNetwork();
    const X = Matrix.randn(2, 5, { random: 16 });
    model.forward(X);
    model.backward(Matrix.randn(1, 5, { random: 17 }));
    const before = snapshot(model);
    expect(() => model.forward(Matrix.zeros(3, 5))).toThrow(ShapeError);
    expect(() => model.backward(Matrix.zeros(1, 4))).toThrow(ShapeError);
    expect(() => twoLayerNetwork().model.backward(Matrix.zeros(1, 5))).toThrow(Error);
    expectBitIdentical(snapshot(model), before);
    // The rejected forward changed nothing, so the previous one is still usable and gives the same gradient.
    const dY = Matrix.randn(1, 5, { random: 18 });
    model.zeroGrad();
    model.backward(dY);
    const g1 = model.parameters().map((p) => p.grad.clone());
    model.forward(X);
    model.zeroGrad();
    model.backward(dY);
    model.parameters().forEach((p, i) => expect(p.grad.equals(g1[i])).toBe(true));
  });
});

describe('the explicit loop of the design', () => {
  /** 40 points in [−1, 1]², labelled 1 where x₁·x₂ > 0 (XOR quadrants). */
  function data(): { X: Matrix; Y: Matrix } {
    const rng = new Random(0);
    const X = new Matrix(2, 40),
      Y = new Matrix(1, 40);
    for (let j = 0; j < 40; j++) {
      const a = rng.uniform(-1, 1),
        b = rng.uniform(-1, 1);
      X.set(0, j, a);
      X.set(1, j, b);
      Y.set(0, j, a * b > 0 ? 1 : 0);
    }
    return { X, Y };
  }

  function train(iterations: number): { costs: number[]; model: Sequential } {
    const { X, Y } = data();
    const model = new Sequential([
      new Dense(2, 4, { init: 'small', seed: 1 }),
      new Tanh(),
      new Dense(4, 1, { init: 'small', seed: 2 }),
      new Sigmoid(),
    ]);
    const loss = new BinaryCrossEntropy();
    const optimizer = new SGD(model.parameters(), { learningRate: 1.2 });
    const costs: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const cost = loss.forward(model.forward(X), Y);
      costs.push(cost);
      optimizer.zeroGrad();
      model.backward(loss.backward());
      optimizer.step();
    }
    return { costs, model };
  }

  it('2 → 4 tanh → 1 sigmoid, init small, SGD 1.2: the cost falls from ln 2 and the data is learned', () => {
    const { costs, model } = train(1000);
    // randn·0.01 weights give ŷ ≈ 0.5 everywhere: J₀ ≈ ln 2.
    expect(Math.abs(costs[0] - Math.LN2)).toBeLessThan(1e-5);
    expect(costs[999]).toBeLessThan(0.05);
    expect(costs[999]).toBeLessThan(costs[0] / 10);
    const { X, Y } = data();
    const P = model.predict(X);
    const correct = Array.from(P.data).filter((p, j) => (p > 0.5 ? 1 : 0) === Y.data[j]).length;
    expect(correct).toBe(40);
  });

  it('is bit-identical across two runs with the same seeds', () => {
    const a = train(300),
      b = train(300);
    expect(a.costs).toEqual(b.costs);
    a.costs.forEach((c, i) => expect(Object.is(c, b.costs[i])).toBe(true));
    expectBitIdentical(snapshot(a.model), snapshot(b.model));
  });
});
