/**
 * Composition (#14.6): a `Sequential` as a layer of another. Through any nesting, forward, backward,
 * parameters, predict and training with every optimizer give exactly the bits of the same layers in
 * one flat model; gradients equal central finite differences (property, fixed seed); parameter names
 * carry their path; summary() shows the tree; shared instances are refused at every level.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Adam,
  AdamW,
  BinaryCrossEntropy,
  Dense,
  type Layer,
  Matrix,
  MeanSquaredError,
  type Optimizer,
  type Parameter,
  RMSprop,
  ReLU,
  SGD,
  Sequential,
  Sigmoid,
  Tanh,
  fit,
  gradientCheck,
  loadModel,
} from '../../src/index.js';
import { expectThrowExact } from '../matrix/helpers.js';

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

/** 2 → 4 ReLU → [4 → 3 tanh → [3 → 3 sigmoid]] → 1 sigmoid, and the same layers' weights flat. */
function pair(): { nested: Sequential; flat: Sequential } {
  const make = () => [
    new Dense(2, 4, { init: 'he', seed: 1 }),
    new ReLU(),
    new Dense(4, 3, { seed: 2 }),
    new Tanh(),
    new Dense(3, 3, { seed: 3 }),
    new Sigmoid(),
    new Dense(3, 1, { seed: 4 }),
    new Sigmoid(),
  ];
  const a = make();
  const nested = new Sequential([a[0], a[1], new Sequential([a[2], a[3], new Sequential([a[4], a[5]])]), a[6], a[7]]);
  return { nested, flat: new Sequential(make()) };
}

const X = Matrix.randn(2, 9, { random: 5 });
const Y = new Matrix(1, 9, [1, 0, 1, 1, 0, 0, 1, 0, 1]);

describe('a Sequential inside a Sequential', () => {
  it('forward, backward and every gradient are the bits of the flat model', () => {
    const { nested, flat } = pair();
    const loss = new BinaryCrossEntropy();
    const out = [nested, flat].map((model) => {
      const yhat = model.forward(X).clone();
      loss.forward(yhat, Y);
      const dX = (model.backward(loss.backward()) as Matrix).clone();
      return { yhat, dX, grads: model.parameters().map((p) => p.grad.data.slice()) };
    });
    expect(sameBits(out[0].yhat.data, out[1].yhat.data)).toBe(true);
    expect(sameBits(out[0].dX.data, out[1].dX.data)).toBe(true);
    expect(out[0].grads.length).toBe(8);
    out[0].grads.forEach((g, i) => expect(sameBits(g, out[1].grads[i]), `grad ${i}`).toBe(true));
    expect(nested.predict(X).equals(flat.predict(X))).toBe(true);
    expect(nested.forward(X).get(0, 0)).toBeCloseTo(flat.forward(X).get(0, 0), 15);
  });

  it('backward(dY, false) skips dX through the nesting and accumulates the same gradients', () => {
    const { nested, flat } = pair();
    const dY = Matrix.fill(1, 9, 0.25);
    nested.forward(X);
    flat.forward(X);
    expect(nested.backward(dY, false)).toBeNull();
    flat.backward(dY);
    nested.parameters().forEach((p, i) => expect(sameBits(p.grad.data, flat.parameters()[i].grad.data)).toBe(true));
  });

  it('names parameters with their path: W[l] at the top, W[l.k] inside layer l, one .k per level', () => {
    const { nested } = pair();
    expect(nested.parameters().map((p) => p.name)).toEqual([
      'W[1]',
      'b[1]',
      'W[2.1]',
      'b[2.1]',
      'W[2.2.1]',
      'b[2.2.1]',
      'W[3]',
      'b[3]',
    ]);
    // The inner model's parameters are the same objects, named for the outermost model.
    const inner = nested.layers[2] as Sequential;
    expect(inner.parameters()[0]).toBe(nested.parameters()[2]);
    expect(inner.parameters().map((p) => p.name)).toEqual(['W[2.1]', 'b[2.1]', 'W[2.2.1]', 'b[2.2.1]']);
  });

  it('sizes: inputSize, outputSize, computeOutputSize and toString', () => {
    const inner = new Sequential([new Dense(4, 3, { seed: 1 }), new Tanh()]);
    expect([inner.inputSize, inner.outputSize, inner.computeOutputSize(4), inner.toString()]).toEqual([
      4,
      3,
      3,
      'Sequential(4 → 3)',
    ]);
    const any = new Sequential([new Tanh()]);
    expect([any.computeOutputSize(7), any.toString()]).toEqual([7, 'Sequential(n → n)']);
    const model = new Sequential([
      any,
      new Dense(2, 5, { seed: 1 }),
      inner.layers.length ? new Sequential([new Tanh()]) : any,
    ]);
    expect([model.inputSize, model.outputSize]).toEqual([2, 5]);
    expectThrowExact(() => inner.computeOutputSize(5), RangeError, 'Dense(4 → 3): expected 4 input features, got 5');
  });

  it('a nested model that does not fit is a ShapeError naming both layers', () => {
    expectThrowExact(
      () => new Sequential([new Dense(2, 4, { seed: 1 }), new Sequential([new Dense(3, 1, { seed: 2 })])]),
      RangeError,
      'Sequential: expected Sequential(3 → 1) (layer 1) to take the 4 outputs of Dense(2 → 4) (layer 0), got ' +
        'inputSize 3',
    );
  });

  it('summary() lists a nested model’s layers under its row, indented, numbered by path', () => {
    expect(pair().nested.summary()).toBe(
      [
        'Layer                     Output shape  Params',
        '----------------------------------------------',
        '0: Dense(2 → 4)           (4, m)            12',
        '1: ReLU()                 (4, m)             0',
        '2: Sequential(4 → 3)      (3, m)            27',
        '  2.0: Dense(4 → 3)       (3, m)            15',
        '  2.1: Tanh()             (3, m)             0',
        '  2.2: Sequential(3 → 3)  (3, m)            12',
        '    2.2.0: Dense(3 → 3)   (3, m)            12',
        '    2.2.1: Sigmoid()      (3, m)             0',
        '3: Dense(3 → 1)           (1, m)             4',
        '4: Sigmoid()              (1, m)             0',
        '----------------------------------------------',
        'Total params: 43',
      ].join('\n'),
    );
  });

  const optimizers: [string, (p: Parameter[]) => Optimizer][] = [
    ['SGD', (p) => new SGD(p, { learningRate: 0.5 })],
    [
      'SGD with Nesterov momentum and weight decay',
      (p) => new SGD(p, { learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 }),
    ],
    ['Adam', (p) => new Adam(p, { learningRate: 0.01 })],
    ['AdamW', (p) => new AdamW(p, { learningRate: 0.01, weightDecay: 0.1 })],
    ['RMSprop centred with momentum', (p) => new RMSprop(p, { learningRate: 0.005, momentum: 0.5, centered: true })],
  ];
  it.each(optimizers)('training with %s: 40 steps give the flat model’s weights bit for bit', (_name, make) => {
    const { nested, flat } = pair();
    const loss = new BinaryCrossEntropy();
    const costs = [nested, flat].map((model) => {
      const optimizer = make(model.parameters());
      const seen: number[] = [];
      for (let i = 0; i < 40; i++) {
        seen.push(loss.forward(model.forward(X), Y));
        optimizer.zeroGrad();
        model.backward(loss.backward());
        optimizer.step();
      }
      return seen;
    });
    expect(costs[0]).toEqual(costs[1]);
    expect(costs[0][39]).toBeLessThan(costs[0][0]);
    nested.parameters().forEach((p, i) => expect(sameBits(p.value.data, flat.parameters()[i].value.data)).toBe(true));
  });

  it('fit trains a nested model exactly as the flat one', () => {
    const { nested, flat } = pair();
    const [a, b] = [nested, flat].map((model) =>
      fit(model, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new Adam(model.parameters(), { learningRate: 0.01 }),
        epochs: 5,
        batchSize: 4,
        seed: 7,
      }),
    );
    expect(a.loss).toEqual(b.loss);
  });

  it('toJSON writes a nested model as { type: "Sequential", layers }; loadModel rebuilds it bit for bit', () => {
    const { nested } = pair();
    const json = JSON.parse(JSON.stringify(nested));
    expect(json.layers.map((l: { type: string }) => l.type)).toEqual([
      'Dense',
      'ReLU',
      'Sequential',
      'Dense',
      'Sigmoid',
    ]);
    expect(Object.keys(json.layers[2])).toEqual(['type', 'layers']);
    expect(json.layers[2].layers[2]).toEqual({
      type: 'Sequential',
      layers: [json.layers[2].layers[2].layers[0], { type: 'Sigmoid' }],
    });
    const copy = loadModel(json);
    expect(copy.layers[2]).toBeInstanceOf(Sequential);
    expect(copy.summary()).toBe(nested.summary());
    expect(copy.parameters().map((p) => p.name)).toEqual(nested.parameters().map((p) => p.name));
    expect(sameBits(copy.predict(X).data, nested.predict(X).data)).toBe(true);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(nested));
  });
});

describe('gradients through nested models equal central finite differences (property, fixed seed)', () => {
  type Tree = { size: number; layers: (Tree | { units: number; act: 'Tanh' | 'Sigmoid' })[] };
  /** Builds layers from a tree: each leaf a Dense + activation, each subtree a nested Sequential. */
  function build(tree: Tree, seed: { n: number }): { layers: Layer[]; size: number } {
    let size = tree.size;
    const layers: Layer[] = [];
    for (const node of tree.layers) {
      if ('units' in node) {
        layers.push(new Dense(size, node.units, { seed: seed.n++ }), node.act === 'Tanh' ? new Tanh() : new Sigmoid());
        size = node.units;
      } else {
        const inner = build({ ...node, size }, seed);
        layers.push(new Sequential(inner.layers));
        size = inner.size;
      }
    }
    return { layers, size };
  }
  const leaf = fc.record({
    units: fc.integer({ min: 1, max: 4 }),
    act: fc.constantFrom('Tanh' as const, 'Sigmoid' as const),
  });
  const { tree } = fc.letrec<{ tree: Tree['layers'] }>((tie) => ({
    tree: fc.array(
      fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        tie('tree').map((layers) => ({ size: 0, layers })),
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  }));

  it('gradientCheck over generated trees of nested models (input included) is below 1e-6', () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), (layers, nx, m) => {
        const built = build({ size: nx, layers }, { n: 1 });
        // a tree of empty subtrees has no Dense: give it one at the end
        const all = [...built.layers, new Dense(built.size, 1, { seed: 99 })];
        const model = new Sequential(all);
        const Xs = Matrix.randn(nx, m, { random: nx * 10 + m });
        const Ys = Matrix.randn(1, m, { random: m });
        const result = gradientCheck(model, new MeanSquaredError(), Xs, Ys, { input: true, epsilon: 1e-6 });
        expect(result.parameters.map((e) => e.name)).toEqual([...model.parameters().map((p) => p.name), 'X']);
        expect(new Set(result.parameters.map((e) => e.name)).size).toBe(result.parameters.length);
        expect(result.difference).toBeLessThan(1e-6);
      }),
      { seed: 20260314, numRuns: 60 },
    );
  });
});

describe('shared instances are refused across nesting levels', () => {
  const msg = (at: string, what: string, first: string) =>
    `Sequential: expected each layer instance once, got ${at}, the same ${what} as ${first}: create a new layer ` +
    'for each use (layers cannot share an instance)';

  it('the same Dense inside the inner model and in the outer one', () => {
    const d = new Dense(3, 3, { seed: 1 });
    const inner = new Sequential([d, new Tanh()]);
    expectThrowExact(
      () => new Sequential([inner, d]),
      TypeError,
      msg('layers[1]', 'Dense(3 → 3)', 'layers[0].layers[0]'),
    );
    expectThrowExact(
      () => new Sequential([d, inner]),
      TypeError,
      msg('layers[1].layers[0]', 'Dense(3 → 3)', 'layers[0]'),
    );
  });

  it('the inner model used twice, or with one of its own layers', () => {
    const inner = new Sequential([new Dense(3, 3, { seed: 1 }), new Tanh()]);
    expectThrowExact(
      () => new Sequential([inner, new ReLU(), inner]),
      TypeError,
      msg('layers[2]', 'Sequential(3 → 3)', 'layers[0]'),
    );
    expectThrowExact(
      () => new Sequential([inner, inner.layers[1]]),
      TypeError,
      msg('layers[1]', 'Tanh()', 'layers[0].layers[1]'),
    );
  });

  it('two nested models sharing a layer, two levels down', () => {
    const t = new Tanh();
    const a = new Sequential([new Sequential([new Dense(2, 2, { seed: 1 }), t])]);
    const b = new Sequential([new Sequential([new Dense(2, 2, { seed: 2 }), t])]);
    expectThrowExact(
      () => new Sequential([a, b]),
      TypeError,
      msg('layers[1].layers[0].layers[1]', 'Tanh()', 'layers[0].layers[0].layers[1]'),
    );
  });

  it('a parameter shared between a nested layer and an outer one', () => {
    const d = new Dense(2, 2, { seed: 1 });
    const tied: Layer = {
      inputSize: 2,
      forward: (A) => A,
      backward: (G) => G,
      parameters: () => [d.weight],
      computeOutputSize: (n) => n,
      toString: () => 'Tied',
      toJSON: () => ({ type: 'Tied' }),
    };
    expectThrowExact(
      () => new Sequential([new Sequential([new Tanh(), d]), tied]),
      TypeError,
      'Sequential: expected each parameter in one layer, got W[1.1] of Tied (layer 1) also in Dense(2 → 2) ' +
        '(layer 0.1): layers cannot share weights',
    );
  });

  it('nothing is renamed by a refused model: the inner model keeps its names', () => {
    const d = new Dense(2, 2, { seed: 1 });
    const inner = new Sequential([new Tanh(), d]);
    expect(() => new Sequential([inner, inner])).toThrow(TypeError);
    const tied = {
      ...new Tanh(),
      inputSize: 2,
      parameters: () => [d.weight],
      toString: () => 'Tied',
    } as unknown as Layer;
    Object.assign(tied, { forward: (A: Matrix) => A, backward: (G: Matrix) => G, computeOutputSize: (n: number) => n });
    expect(() => new Sequential([new Dense(2, 2, { seed: 2 }), inner, tied])).toThrow(TypeError);
    expect(inner.parameters().map((p) => p.name)).toEqual(['W[1]', 'b[1]']);
  });
});

describe('nesting depth', () => {
  const nest = (levels: number): Sequential => {
    let model = new Sequential([new Dense(2, 2, { seed: 1 })]);
    for (let i = 1; i < levels; i++) model = new Sequential([model]);
    return model;
  };
  it('32 levels of layers build, save and load', () => {
    const model = nest(32);
    expect(model.parameters().map((p) => p.name)).toEqual([`W[${'1.'.repeat(31)}1]`, `b[${'1.'.repeat(31)}1]`]);
    expect(sameBits(loadModel(JSON.parse(JSON.stringify(model))).predict(X).data, model.predict(X).data)).toBe(true);
  });
  it('a 33rd level is a RangeError', () => {
    const deep = nest(32);
    expectThrowExact(
      () => new Sequential([deep]),
      RangeError,
      'Sequential: expected layers nested at most 32 levels deep, got 33 levels',
    );
  });
});
