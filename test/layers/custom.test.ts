/**
 * The custom-layer contract (#14.6): layers written by a user — a learnable scale made with
 * `parameter()`, a residual block wrapping an inner `Sequential`, a gated block with a parameter of
 * its own besides its inner layers — train through `Sequential`, get path names, are refused when
 * shared, and back-propagate what central finite differences give (property, fixed seed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Dense,
  type Layer,
  type LayerJSON,
  MODEL_FORMAT,
  MODEL_VERSION,
  Matrix,
  MeanSquaredError,
  type Parameter,
  Sequential,
  ShapeError,
  Tanh,
  gradientCheck,
  loadModel,
  parameter,
} from '../../src/index.js';
import { expectThrowExact } from '../matrix/helpers.js';

/** `y = g ⊙ (x + f(x))`: a residual block with a learnable per-feature gate `g` of its own. */
class GatedResidual implements Layer {
  readonly g: Parameter;
  private sum: Matrix | null = null;
  constructor(readonly inner: Sequential) {
    if (inner.inputSize === undefined || inner.inputSize !== inner.outputSize) {
      throw new ShapeError(`GatedResidual: expected f to keep the number of features, got ${inner.toString()}`);
    }
    this.g = parameter('g', Matrix.randn(inner.inputSize, 1, { random: 11 }));
  }
  get inputSize(): number | undefined {
    return this.inner.inputSize;
  }
  get layers(): readonly Layer[] {
    return this.inner.layers;
  }
  forward(x: Matrix): Matrix {
    this.sum = this.inner.forward(x).add(x);
    return this.sum.map((v, i) => v * this.g.value.data[i]);
  }
  backward(dy: Matrix): Matrix {
    const s = this.sum as Matrix;
    for (let i = 0; i < dy.rows; i++)
      for (let j = 0; j < dy.cols; j++) this.g.grad.data[i] += dy.get(i, j) * s.get(i, j);
    const ds = dy.map((v, i) => v * this.g.value.data[i]);
    return this.inner.backward(ds).add(ds);
  }
  parameters(): Parameter[] {
    return [this.g, ...this.inner.parameters()];
  }
  computeOutputSize(n: number): number {
    return this.inner.computeOutputSize(n);
  }
  toString(): string {
    return `GatedResidual(${this.inner.toString()})`;
  }
  toJSON(): LayerJSON {
    return { type: 'GatedResidual', weights: { g: Array.from(this.g.value.data) }, layers: this.inner.toJSON().layers };
  }
}

const block = (n: number, seed: number) =>
  new GatedResidual(new Sequential([new Dense(n, n, { seed }), new Tanh(), new Dense(n, n, { seed: seed + 1 })]));

describe('a composite layer of your own', () => {
  it('its own parameters are named at its place, its inner layers’ with a path', () => {
    const model = new Sequential([new Dense(2, 3, { seed: 1 }), block(3, 2), new Dense(3, 1, { seed: 4 })]);
    expect(model.parameters().map((p) => p.name)).toEqual([
      'W[1]',
      'b[1]',
      'g[2]',
      'W[2.1]',
      'b[2.1]',
      'W[2.2]',
      'b[2.2]',
      'W[3]',
      'b[3]',
    ]);
    expect(model.summary().split('\n').slice(2, 7)).toEqual([
      '0: Dense(2 → 3)                      (3, m)             9',
      '1: GatedResidual(Sequential(3 → 3))  (3, m)            27',
      '  1.0: Dense(3 → 3)                  (3, m)            12',
      '  1.1: Tanh()                        (3, m)             0',
      '  1.2: Dense(3 → 3)                  (3, m)            12',
    ]);
  });

  it('an inner layer used again outside the block is refused, naming both places', () => {
    const b = block(3, 2);
    expectThrowExact(
      () => new Sequential([b, b.inner.layers[1]]),
      TypeError,
      'Sequential: expected each layer instance once, got layers[1], the same Tanh() as layers[0].layers[1]: ' +
        'create a new layer for each use (layers cannot share an instance)',
    );
  });

  it('gradients equal central finite differences over generated sizes and data (property, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 1000 }),
        (nx, n, m, seed) => {
          const model = new Sequential([
            new Dense(nx, n, { seed }),
            block(n, seed + 1),
            new Tanh(),
            block(n, seed + 3),
          ]);
          const X = Matrix.randn(nx, m, { random: seed });
          const Y = Matrix.randn(n, m, { random: seed + 7 });
          const result = gradientCheck(model, new MeanSquaredError(), X, Y, { input: true, epsilon: 1e-6 });
          expect(result.parameters.length).toBe(model.parameters().length + 1);
          expect(result.difference).toBeLessThan(1e-6);
        },
      ),
      { seed: 20260315, numRuns: 40 },
    );
  });

  it('saved and loaded through a factory that rebuilds the inner model: bit-identical predictions', () => {
    const model = new Sequential([new Dense(2, 3, { seed: 1 }), block(3, 2), new Dense(3, 1, { seed: 4 })]);
    const factory = (json: LayerJSON): Layer => {
      const b = new GatedResidual(
        loadModel({ format: MODEL_FORMAT, version: MODEL_VERSION, layers: json.layers ?? [] }),
      );
      b.g.value.data.set(json.weights?.g ?? []);
      return b;
    };
    const copy = loadModel(JSON.parse(JSON.stringify(model)), { layers: { GatedResidual: factory } });
    const X = Matrix.randn(2, 4, { random: 9 });
    expect(copy.parameters().map((p) => p.name)).toEqual(model.parameters().map((p) => p.name));
    expect(copy.predict(X).equals(model.predict(X))).toBe(true);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(model));
  });
});
