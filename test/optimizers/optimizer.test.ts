/**
 * What every optimizer shares: step() reads grad and never writes it, zeroGrad() clears it,
 * hyperparameters are validated with the bad value in the message, the learning rate is a validated
 * setter, and toJSON()/loadOptimizerState() resume training bit-exactly, rejecting malformed state without
 * changing anything.
 */
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/errors.js';
import type { Parameter } from '../../src/parameter.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { Adam, AdamW } from '../../src/optimizers/adam.js';
import type { Optimizer, OptimizerJSON } from '../../src/optimizers/optimizer.js';
import { RMSprop } from '../../src/optimizers/rmsprop.js';
import { Adagrad } from '../../src/optimizers/adagrad.js';
import { SGD } from '../../src/optimizers/sgd.js';
import { Random } from '../../src/random.js';
import { loadOptimizerState } from '../../src/io/optimizer-state.js';

/** Two parameters, (2, 3) and (2, 1), with seeded values. */
function params(seed: number): Parameter[] {
  return [
    { name: 'W', value: Matrix.randn(2, 3, { random: seed }), grad: Matrix.zeros(2, 3) },
    { name: 'b', value: Matrix.randn(2, 1, { random: seed + 1 }), grad: Matrix.zeros(2, 1) },
  ];
}

function copyParams(ps: readonly Parameter[]): Parameter[] {
  return ps.map((p) => ({ name: p.name, value: p.value.clone(), grad: p.grad.clone() }));
}

/** Seeded gradients, a function of the values (like a real loss) plus noise from `rng`. */
function setGrads(ps: readonly Parameter[], rng: Random): void {
  for (const p of ps) p.grad.data.forEach((_, i, g) => (g[i] = 2 * p.value.data[i] + rng.normal()));
}

const MAKERS: [string, (ps: Parameter[]) => Optimizer][] = [
  ['SGD', (ps) => new SGD(ps, { learningRate: 0.1 })],
  ['SGD momentum', (ps) => new SGD(ps, { learningRate: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 })],
  ['SGD nesterov', (ps) => new SGD(ps, { learningRate: 0.1, momentum: 0.9, nesterov: true })],
  ['Adam', (ps) => new Adam(ps, { learningRate: 0.01, weightDecay: 0.01 })],
  ['AdamW', (ps) => new AdamW(ps, { learningRate: 0.01 })],
  ['RMSprop', (ps) => new RMSprop(ps, { learningRate: 0.01, momentum: 0.5, centered: true, weightDecay: 0.01 })],
  ['Adagrad', (ps) => new Adagrad(ps, { learningRate: 0.1, lrDecay: 0.01, weightDecay: 0.01 })],
];

describe.each(MAKERS)('%s', (_, make) => {
  it('step() updates values from grad and never writes grad', () => {
    const ps = params(1);
    const optimizer = make(ps);
    const rng = new Random(2);
    for (let t = 0; t < 3; t++) {
      setGrads(ps, rng);
      const grads = ps.map((p) => p.grad.clone());
      const values = ps.map((p) => p.value.clone());
      optimizer.step();
      ps.forEach((p, i) => {
        expect(p.grad.equals(grads[i])).toBe(true);
        expect(p.value.equals(values[i])).toBe(false);
      });
      expect(optimizer.stepCount).toBe(t + 1);
    }
  });

  it('zeroGrad() clears every gradient and nothing else', () => {
    const ps = params(3);
    const optimizer = make(ps);
    setGrads(ps, new Random(4));
    const values = ps.map((p) => p.value.clone());
    optimizer.zeroGrad();
    ps.forEach((p, i) => {
      expect(Array.from(p.grad.data)).toEqual(new Array(p.grad.size).fill(0));
      expect(p.value.equals(values[i])).toBe(true);
    });
    expect(optimizer.stepCount).toBe(0);
  });

  it('keeps its own copy of the parameter list', () => {
    const ps = params(5);
    const optimizer = make(ps);
    ps.pop();
    expect(optimizer.parameters.length).toBe(2);
  });

  it('toJSON → JSON text → loadOptimizerState resumes bit-exactly', () => {
    const ps = params(6);
    const a = make(ps);
    const rngA = new Random(7);
    for (let t = 0; t < 3; t++) {
      setGrads(ps, rngA);
      a.step();
    }
    const saved = JSON.parse(JSON.stringify(a.toJSON())) as OptimizerJSON;
    const qs = copyParams(ps);
    const b = loadOptimizerState(make(qs), saved);
    expect(b.stepCount).toBe(3);
    expect(b.toJSON()).toEqual(a.toJSON());
    // A fresh optimizer without the state, for contrast.
    const rs = copyParams(ps);
    const fresh = make(rs);
    const rngB = new Random(8),
      rngC = new Random(8),
      rngD = new Random(8);
    for (let t = 0; t < 4; t++) {
      setGrads(ps, rngB);
      a.step();
      setGrads(qs, rngC);
      b.step();
      setGrads(rs, rngD);
      fresh.step();
    }
    ps.forEach((p, i) => expect(qs[i].value.equals(p.value)).toBe(true));
    expect(b.toJSON()).toEqual(a.toJSON());
    if (Object.keys(saved.slots).length > 0) expect(rs[0].value.equals(ps[0].value)).toBe(false);
  });

  it('loadOptimizerState rejects malformed state with exact messages and changes nothing', () => {
    const ps = params(9);
    const optimizer = make(ps);
    const rng = new Random(10);
    for (let t = 0; t < 2; t++) {
      setGrads(ps, rng);
      optimizer.step();
    }
    const good = optimizer.toJSON();
    const type = optimizer.type;
    const op = 'loadOptimizerState';
    const names = Object.keys(good.slots);
    const bad = (patch: Partial<OptimizerJSON>): OptimizerJSON => ({ ...structuredClone(good), ...patch });
    const cases: [unknown, Error][] = [
      [null, new TypeError(`${op}: expected an object, got null`)],
      ['state', new TypeError(`${op}: expected an object, got "state"`)],
      [
        bad({ type: type === 'SGD' ? 'Adam' : 'SGD' }),
        new TypeError(`${op}: expected type "${type}", got "${type === 'SGD' ? 'Adam' : 'SGD'}"`),
      ],
      [bad({ step: -1 }), new RangeError(`${op}: expected step to be a non-negative integer, got -1`)],
      [bad({ step: 1.5 }), new RangeError(`${op}: expected step to be a non-negative integer, got 1.5`)],
      [
        bad({ step: '2' as unknown as number }),
        new RangeError(`${op}: expected step to be a non-negative integer, got "2"`),
      ],
      [
        bad({ slots: null as unknown as OptimizerJSON['slots'] }),
        new TypeError(`${op}: expected slots to be an object, got null`),
      ],
      [
        bad({ slots: { ...structuredClone(good.slots), extra: [] } }),
        new TypeError(`${op}: expected slots [${names.join(', ')}], got [${[...names, 'extra'].join(', ')}]`),
      ],
    ];
    if (names.length > 0) {
      const last = names[names.length - 1];
      const withSlot = (value: unknown): OptimizerJSON =>
        bad({ slots: { ...structuredClone(good.slots), [last]: value as number[][] } });
      const slot = good.slots[last];
      cases.push(
        [bad({ slots: {} }), new TypeError(`${op}: expected slots [${names.join(', ')}], got []`)],
        [withSlot([slot[0]]), new RangeError(`${op}: expected slots.${last} to hold 2 arrays, got 1`)],
        [withSlot('x'), new RangeError(`${op}: expected slots.${last} to hold 2 arrays, got "x"`)],
        [withSlot([slot[0], [1, 2, 3]]), new RangeError(`${op}: expected slots.${last}[1] of length 2, got 3`)],
        [withSlot([slot[0], 7]), new RangeError(`${op}: expected slots.${last}[1] of length 2, got 7`)],
        // JSON turns NaN and Infinity into null.
        [
          withSlot([[0, 0, null, 0, 0, 0], slot[1]]),
          new RangeError(`${op}: expected finite numbers in slots.${last}[0], got null at 2`),
        ],
        [
          withSlot([slot[0], [0, Infinity]]),
          new RangeError(`${op}: expected finite numbers in slots.${last}[1], got Infinity at 1`),
        ],
      );
    }
    for (const [json, error] of cases) {
      expect(() => loadOptimizerState(optimizer, json as OptimizerJSON)).toThrowError(error);
      expect(optimizer.toJSON()).toEqual(good);
    }
    // Nothing changed: the next steps equal those of an untouched twin.
    const qs = copyParams(ps);
    const twin = loadOptimizerState(make(qs), structuredClone(good));
    const r1 = new Random(11),
      r2 = new Random(11);
    for (let t = 0; t < 3; t++) {
      setGrads(ps, r1);
      optimizer.step();
      setGrads(qs, r2);
      twin.step();
    }
    ps.forEach((p, i) => expect(p.value.equals(qs[i].value)).toBe(true));
  });

  it('the learning rate is a validated setter', () => {
    const optimizer = make(params(12));
    const before = optimizer.learningRate;
    for (const [value, text] of [
      [0, '0'],
      [-0.5, '-0.5'],
      [Number.NaN, 'NaN'],
      [Infinity, 'Infinity'],
      ['0.1', '"0.1"'],
    ] as const) {
      const error = typeof value === 'string' ? TypeError : RangeError;
      const what = typeof value === 'string' ? 'to be a number' : '> 0';
      expect(() => {
        optimizer.learningRate = value as number;
      }).toThrowError(new error(`${optimizer.type}.learningRate: expected learningRate ${what}, got ${text}`));
      expect(optimizer.learningRate).toBe(before);
    }
    optimizer.learningRate = 0.5;
    expect(optimizer.learningRate).toBe(0.5);
    expect(optimizer.toJSON().config.learningRate).toBe(0.5);
  });
});

describe('the learning rate set between steps is the one used', () => {
  it('SGD', () => {
    const p: Parameter = { name: 'x', value: Matrix.from([[1]]), grad: Matrix.from([[2]]) };
    const optimizer = new SGD([p], { learningRate: 0.25 });
    optimizer.step();
    optimizer.learningRate = 0.125;
    optimizer.step();
    expect(p.value.data[0]).toBe(1 - 0.5 - 0.25);
  });
});

describe('construction is validated', () => {
  const one = (): Parameter[] => [{ name: 'x', value: Matrix.zeros(1, 1), grad: Matrix.zeros(1, 1) }];

  it('the learning rate: negative, zero, NaN, Infinity, missing', () => {
    for (const [value, text] of [
      [-1, '-1'],
      [0, '0'],
      [Number.NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [-Infinity, '-Infinity'],
    ] as const) {
      expect(() => new SGD(one(), { learningRate: value as number })).toThrowError(
        new RangeError(`SGD: expected learningRate > 0, got ${text}`),
      );
      expect(() => new Adam(one(), { learningRate: value })).toThrowError(
        new RangeError(`Adam: expected learningRate > 0, got ${text}`),
      );
      expect(() => new AdamW(one(), { learningRate: value })).toThrowError(
        new RangeError(`AdamW: expected learningRate > 0, got ${text}`),
      );
      expect(() => new RMSprop(one(), { learningRate: value })).toThrowError(
        new RangeError(`RMSprop: expected learningRate > 0, got ${text}`),
      );
    }
    // A missing or string learning rate is the wrong kind of value: a TypeError.
    expect(() => new SGD(one(), { learningRate: undefined as unknown as number })).toThrowError(
      new TypeError('SGD: expected learningRate to be a number, got undefined'),
    );
    expect(() => new Adam(one(), { learningRate: '0.1' as unknown as number })).toThrowError(
      new TypeError('Adam: expected learningRate to be a number, got "0.1"'),
    );
    // JavaScript callers may leave the options out entirely: SGD has no default learning rate.
    expect(() => new (SGD as unknown as new (p: Parameter[]) => SGD)(one())).toThrowError(
      new TypeError('SGD: expected learningRate to be a number, got undefined'),
    );
  });

  it('betas, rho, momentum and dampening in [0, 1); epsilon > 0; weight decay >= 0', () => {
    const cases: [() => unknown, Error][] = [
      [() => new Adam(one(), { beta1: 1 }), new RangeError('Adam: expected beta1 in [0, 1), got 1')],
      [() => new Adam(one(), { beta1: -0.1 }), new RangeError('Adam: expected beta1 in [0, 1), got -0.1')],
      [() => new Adam(one(), { beta2: 1.5 }), new RangeError('Adam: expected beta2 in [0, 1), got 1.5')],
      [() => new Adam(one(), { beta2: Number.NaN }), new RangeError('Adam: expected beta2 in [0, 1), got NaN')],
      [() => new AdamW(one(), { beta1: 1 }), new RangeError('AdamW: expected beta1 in [0, 1), got 1')],
      [() => new Adam(one(), { epsilon: 0 }), new RangeError('Adam: expected epsilon > 0, got 0')],
      [() => new Adam(one(), { weightDecay: -0.01 }), new RangeError('Adam: expected weightDecay >= 0, got -0.01')],
      [
        () => new AdamW(one(), { weightDecay: Infinity }),
        new RangeError('AdamW: expected weightDecay >= 0, got Infinity'),
      ],
      [
        () => new SGD(one(), { learningRate: 1, momentum: 1 }),
        new RangeError('SGD: expected momentum in [0, 1), got 1'),
      ],
      [
        () => new SGD(one(), { learningRate: 1, momentum: -0.5 }),
        new RangeError('SGD: expected momentum in [0, 1), got -0.5'),
      ],
      [
        () => new SGD(one(), { learningRate: 1, momentum: 0.9, dampening: 1 }),
        new RangeError('SGD: expected dampening in [0, 1), got 1'),
      ],
      [
        () => new SGD(one(), { learningRate: 1, weightDecay: -1 }),
        new RangeError('SGD: expected weightDecay >= 0, got -1'),
      ],
      [() => new RMSprop(one(), { rho: 1 }), new RangeError('RMSprop: expected rho in [0, 1), got 1')],
      [() => new RMSprop(one(), { momentum: 1 }), new RangeError('RMSprop: expected momentum in [0, 1), got 1')],
      [() => new RMSprop(one(), { epsilon: -1e-8 }), new RangeError('RMSprop: expected epsilon > 0, got -1e-8')],
      [
        () => new RMSprop(one(), { weightDecay: Number.NaN }),
        new RangeError('RMSprop: expected weightDecay >= 0, got NaN'),
      ],
    ];
    for (const [make, error] of cases) expect(make).toThrowError(error);
  });

  it('Nesterov needs momentum and no dampening; booleans must be booleans', () => {
    expect(() => new SGD(one(), { learningRate: 1, nesterov: true })).toThrowError(
      new RangeError('SGD: expected momentum > 0 and dampening = 0 with nesterov, got momentum 0 and dampening 0'),
    );
    expect(() => new SGD(one(), { learningRate: 1, nesterov: true, momentum: 0.9, dampening: 0.5 })).toThrowError(
      new RangeError('SGD: expected momentum > 0 and dampening = 0 with nesterov, got momentum 0.9 and dampening 0.5'),
    );
    // A JavaScript 'false' string is truthy: it must not switch Nesterov (or centring) on.
    expect(
      () => new SGD(one(), { learningRate: 1, momentum: 0.9, nesterov: 'false' as unknown as boolean }),
    ).toThrowError(new TypeError('SGD: expected nesterov to be a boolean, got "false"'));
    expect(() => new RMSprop(one(), { centered: 'false' as unknown as boolean })).toThrowError(
      new TypeError('RMSprop: expected centered to be a boolean, got "false"'),
    );
  });

  it('unknown option names', () => {
    expect(() => new SGD(one(), { learningRate: 1, lr: 1 } as object as { learningRate: number })).toThrowError(
      new TypeError(
        'SGD: expected options among learningRate, momentum, dampening, nesterov, weightDecay, initialVelocity, got unknown option "lr"',
      ),
    );
    expect(() => new Adam(one(), { betas: [0.9, 0.999] } as object)).toThrowError(
      new TypeError(
        'Adam: expected options among learningRate, beta1, beta2, epsilon, weightDecay, got unknown option "betas"',
      ),
    );
    expect(() => new AdamW(one(), { decay: 0.1 } as object)).toThrowError(
      new TypeError(
        'AdamW: expected options among learningRate, beta1, beta2, epsilon, weightDecay, got unknown option "decay"',
      ),
    );
    expect(() => new RMSprop(one(), { alpha: 0.9 } as object)).toThrowError(
      new TypeError(
        'RMSprop: expected options among learningRate, rho, epsilon, momentum, centered, weightDecay, got ' +
          'unknown option "alpha"',
      ),
    );
  });

  it('the parameter list: an array, not empty, of { name, value, grad } with matching shapes', () => {
    expect(() => new SGD([], { learningRate: 1 })).toThrowError(
      new RangeError('SGD: expected at least one parameter, got an empty list'),
    );
    expect(() => new Adam([])).toThrowError(new RangeError('Adam: expected at least one parameter, got an empty list'));
    const model = { parameters: one };
    expect(() => new SGD(model as unknown as Parameter[], { learningRate: 1 })).toThrowError(
      new TypeError('SGD: expected an array of parameters (model.parameters()), got an object'),
    );
    expect(() => new RMSprop(undefined as unknown as Parameter[])).toThrowError(
      new TypeError('RMSprop: expected an array of parameters (model.parameters()), got undefined'),
    );
    expect(() => new Adam([...one(), null as unknown as Parameter])).toThrowError(
      new TypeError('Adam: expected parameters[1] to be { name, value: Matrix, grad: Matrix }, got null'),
    );
    expect(() => new Adam([{ name: 'x', value: [[1]], grad: [[0]] } as unknown as Parameter])).toThrowError(
      new TypeError('Adam: expected parameters[0] to be { name, value: Matrix, grad: Matrix }, got an object'),
    );
    const call = (): SGD =>
      new SGD([{ name: 'W', value: Matrix.zeros(2, 3), grad: Matrix.zeros(3, 2) }], { learningRate: 1 });
    expect(call).toThrow(ShapeError);
    expect(call).toThrowError('SGD: expected parameters[0].grad (2, 3) like its value, got (3, 2)');
  });
});
