/**
 * Sequential against careless and hostile callers (#10): shared instances, holes, a layer list
 * changed after construction, all-or-nothing backward with checkFinite, saving non-finite weights,
 * and plain arrays where a Matrix belongs.
 */
import { describe, expect, it } from 'vitest';
import {
  BinaryCrossEntropy,
  Dense,
  type Layer,
  Matrix,
  Sequential,
  Sigmoid,
  Tanh,
  gradientCheck,
  loadModel,
} from '../../src/index.js';
import { expectThrowExact } from '../matrix/helpers.js';

const X = Matrix.randn(2, 7, { random: 3 });
const Y = new Matrix(1, 7, [1, 0, 1, 1, 0, 0, 1]);

describe('a layer instance used twice (#10.1): refused at construction', () => {
  it('the same activation twice', () => {
    const t = new Tanh();
    expectThrowExact(
      () => new Sequential([new Dense(2, 3, { seed: 1 }), t, new Dense(3, 3, { seed: 2 }), t]),
      TypeError,
      'Sequential: expected each layer instance once, got layers[3], the same Tanh() as layers[1]: create a new ' +
        'layer for each use (layers cannot share an instance)',
    );
  });

  it('the same Dense twice', () => {
    const d = new Dense(2, 2, { seed: 1 });
    expectThrowExact(
      () => new Sequential([d, new Tanh(), d]),
      TypeError,
      'Sequential: expected each layer instance once, got layers[2], the same Dense(2 → 2) as layers[0]: create a ' +
        'new layer for each use (layers cannot share an instance)',
    );
  });

  it('two layers sharing one parameter (a custom layer reusing a Dense weight)', () => {
    const d = new Dense(2, 2, { seed: 1 });
    const tied: Layer = {
      inputSize: 2,
      forward: (A: Matrix) => A,
      backward: (dA: Matrix) => dA,
      parameters: () => [d.parameters()[0]],
      computeOutputSize: (n: number) => n,
      toString: () => 'Tied',
    } as unknown as Layer;
    expect(() => new Sequential([d, tied])).toThrowError(
      new TypeError(
        'Sequential: expected each parameter in one layer, got W[1] of Tied (layer 1) also in Dense(2 → 2) (layer 0): ' +
          'layers cannot share weights',
      ),
    );
  });

  it('without sharing, the gradient check of the same architecture is exact (the case that read 0.39 before)', () => {
    const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh(), new Dense(3, 3, { seed: 2 }), new Tanh()]);
    const Y3 = Matrix.uniform(3, 7, { random: 4, low: 0.1, high: 0.9 });
    const head = new Sequential([...model.layers, new Dense(3, 3, { seed: 5 }), new Sigmoid()]);
    expect(gradientCheck(head, new BinaryCrossEntropy(), X, Y3).difference).toBeLessThan(1e-7);
  });
});

describe('holes in the layer array (#10.11)', () => {
  it('a hole is named at once, whatever the length', () => {
    expectThrowExact(
      () => new Sequential(new Array(5)),
      TypeError,
      'Sequential: expected layers[0] to be a layer (forward, backward, parameters, computeOutputSize), got a hole ' +
        '(an empty slot of a sparse array)',
    );
    const sparse: Layer[] = [new Dense(2, 1, { seed: 1 })];
    sparse[2] = new Sigmoid();
    expectThrowExact(
      () => new Sequential(sparse),
      TypeError,
      'Sequential: expected layers[1] to be a layer (forward, backward, parameters, computeOutputSize), got a hole ' +
        '(an empty slot of a sparse array)',
    );
    const started = performance.now();
    expect(() => new Sequential(new Array(2 ** 27))).toThrowError(/layers\[0\].*a hole/);
    // (not a timing test: the point is that it fails on the first slot rather than walking 2^27)
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('the layer list cannot change after construction (#10.15)', () => {
  it('push, assignment and splice throw; forward, toJSON and parameters stay as built', () => {
    const model = new Sequential([new Dense(2, 1, { seed: 1 })]);
    const layers = model.layers as Layer[];
    expect(() => layers.push(new Sigmoid())).toThrowError(TypeError);
    expect(() => {
      layers[0] = new Sigmoid();
    }).toThrowError(TypeError);
    expect(() => layers.splice(0, 1)).toThrowError(TypeError);
    expect(model.layers).toHaveLength(1);
    expect(model.toJSON().layers.map((l) => l.type)).toEqual(['Dense']);
    expect(model.forward(X).shape).toEqual([1, 7]);
  });
});

describe('checkFinite: a backward that throws leaves every gradient as it was (#10.7)', () => {
  it('a non-finite gradient at layer 2 does not leave its addition in W[2].grad', () => {
    const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh(), new Dense(3, 1, { seed: 2 })], {
      checkFinite: true,
    });
    for (const p of model.parameters()) p.grad.data.fill(0.25);
    // W[2] so large that dA[1] = W[2]ᵀ·dZ[2] overflows, after dW[2] has been added into W[2].grad
    model.parameters()[2].value.data.fill(1e300);
    const before = model.parameters().map((p) => Array.from(p.grad.data));
    model.forward(X);
    expect(() => model.backward(Matrix.fill(1, 7, 1e10))).toThrowError(
      /^Sequential\.backward: expected finite values in the input gradient of Dense\(3 → 1\) \(layer 2\), got -?Infinity at/,
    );
    expect(model.parameters().map((p) => Array.from(p.grad.data))).toEqual(before);
  });

  it('a layer that throws part-way (a custom layer) also leaves the gradients as they were', () => {
    const boom: Layer = {
      forward: (A: Matrix) => A,
      backward: () => {
        throw new Error('boom');
      },
      parameters: () => [],
      computeOutputSize: (n: number) => n,
      toString: () => 'Boom',
    } as unknown as Layer;
    const model = new Sequential([new Dense(2, 3, { seed: 1 }), boom, new Dense(3, 1, { seed: 2 })], {
      checkFinite: true,
    });
    model.forward(X);
    const before = model.parameters().map((p) => Array.from(p.grad.data));
    expect(() => model.backward(Matrix.ones(1, 7))).toThrowError('boom');
    // Dense 2's backward ran (and accumulated) before Boom threw: put back
    expect(model.parameters().map((p) => Array.from(p.grad.data))).toEqual(before);
    // and with a good backward the gradients are exactly those of a fresh model
    const twin = new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh(), new Dense(3, 1, { seed: 2 })]);
    twin.forward(X);
    twin.backward(Matrix.ones(1, 7));
    expect(Array.from(model.parameters()[2].grad.data)).toEqual(before[2]);
  });
});

describe('toJSON refuses non-finite weights (#10.5)', () => {
  it('names the layer, the parameter and the position; a finite model round-trips', () => {
    const model = new Sequential([
      new Dense(2, 3, { seed: 1 }),
      new Tanh(),
      new Dense(3, 1, { seed: 2 }),
      new Sigmoid(),
    ]);
    expect(loadModel(JSON.parse(JSON.stringify(model))).predict(X).data).toEqual(model.predict(X).data);
    model.parameters()[2].value.data[1] = Number.NaN;
    expectThrowExact(
      () => model.toJSON(),
      RangeError,
      'Sequential.toJSON: expected finite values in W[2] of Dense(3 → 1) (layer 2), got NaN at (0, 1)',
    );
    expect(() => JSON.stringify(model)).toThrowError(RangeError);
    const dense = new Dense(2, 1, { seed: 1 });
    dense.parameters()[1].value.data[0] = Number.NEGATIVE_INFINITY;
    expectThrowExact(
      () => dense.toJSON(),
      RangeError,
      'Dense.toJSON: expected finite values in b, got -Infinity at (0, 0)',
    );
  });
});

describe('plain arrays, null and detached buffers where a Matrix belongs (#10.13, #14.4)', () => {
  const model = new Sequential([new Dense(2, 1, { seed: 1 }), new Sigmoid()]);
  const hint = ': use Matrix.fromSamples(examples) for one array per example, or Matrix.from(rows) for rows';

  it('forward, predict, backward, a loss and gradientCheck name the argument and hint at the fix', () => {
    const array = [
      [1, 2],
      [3, 4],
    ] as unknown as Matrix;
    expectThrowExact(
      () => model.forward(array),
      TypeError,
      `Sequential.forward: expected X to be a Matrix, got an array${hint}`,
    );
    expectThrowExact(
      () => model.predict(array),
      TypeError,
      `Sequential.forward: expected X to be a Matrix, got an array${hint}`,
    );
    expectThrowExact(
      () => model.forward(null as unknown as Matrix),
      TypeError,
      'Sequential.forward: expected X to be a Matrix, got null',
    );
    model.forward(X);
    expectThrowExact(
      () => model.backward(undefined as unknown as Matrix),
      TypeError,
      'Sequential.backward: expected dYhat to be a Matrix, got undefined',
    );
    expectThrowExact(
      () => new BinaryCrossEntropy().forward(array, Y),
      TypeError,
      `BinaryCrossEntropy.forward: expected prediction to be a Matrix, got an array${hint}`,
    );
    expectThrowExact(
      () => gradientCheck(model, new BinaryCrossEntropy(), array, Y),
      TypeError,
      `gradientCheck: expected X to be a Matrix, got an array${hint}`,
    );
    expectThrowExact(
      () => new Tanh().forward(array),
      TypeError,
      `Tanh.forward: expected Z to be a Matrix, got an array${hint}`,
    );
    expectThrowExact(
      () => new Dense(2, 1).forward(array),
      TypeError,
      `Dense.forward: expected input to be a Matrix, got an array${hint}`,
    );
  });

  it('a matrix whose buffer was transferred (postMessage) is refused instead of training on nothing (#10.2)', () => {
    const Xt = Matrix.randn(2, 400, { random: 1 });
    structuredClone(Xt.data.buffer, { transfer: [Xt.data.buffer] });
    expect(Xt.shape).toEqual([2, 400]);
    expect(Xt.data.length).toBe(0);
    const message =
      'Sequential.forward: expected X.data to hold 2·400 = 800 values for (2, 400), got 0 (was its buffer ' +
      'transferred, e.g. by postMessage?)';
    expectThrowExact(() => model.forward(Xt), RangeError, message);
  });
});
