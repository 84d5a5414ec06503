/**
 * Dense: shapes, the forward and backward products against naive loops (bit for bit), gradient
 * accumulation, the input-gradient switch, buffer reuse, options, errors and description.
 */
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/errors.js';
import { Dense } from '../../src/layers/dense.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { SGD } from '../../src/optimizers/sgd.js';
import { Random } from '../../src/random.js';

/** Naive W·X + b, each element summed in increasing k from 0, then + b (the engine's order). */
function naiveForward(W: Matrix, X: Matrix, b: Matrix | null): Matrix {
  const out = new Matrix(W.rows, X.cols);
  for (let i = 0; i < W.rows; i++) {
    for (let j = 0; j < X.cols; j++) {
      let s = 0;
      for (let k = 0; k < W.cols; k++) s += W.get(i, k) * X.get(k, j);
      out.set(i, j, b === null ? s : s + b.get(i, 0));
    }
  }
  return out;
}

/** Naive (dW, db, dA) for dZ, A, W: dW = dZ·Aᵀ, db = Σ_j dZ, dA = Wᵀ·dZ. */
function naiveBackward(W: Matrix, A: Matrix, dZ: Matrix): { dW: Matrix; db: Matrix; dA: Matrix } {
  const dW = new Matrix(W.rows, W.cols),
    db = new Matrix(W.rows, 1),
    dA = new Matrix(W.cols, A.cols);
  for (let i = 0; i < W.rows; i++) {
    for (let k = 0; k < W.cols; k++) {
      let s = 0;
      for (let j = 0; j < A.cols; j++) s += dZ.get(i, j) * A.get(k, j);
      dW.set(i, k, s);
    }
    let s = 0;
    for (let j = 0; j < A.cols; j++) s += dZ.get(i, j);
    db.set(i, 0, s);
  }
  for (let k = 0; k < W.cols; k++) {
    for (let j = 0; j < A.cols; j++) {
      let s = 0;
      for (let i = 0; i < W.rows; i++) s += W.get(i, k) * dZ.get(i, j);
      dA.set(k, j, s);
    }
  }
  return { dW, db, dA };
}

/** A Dense(3 → 4) with a non-zero bias, an input (3, 5) and a dZ (4, 5). */
function setup(): { layer: Dense; X: Matrix; dZ: Matrix } {
  const layer = new Dense(3, 4, { seed: 1 });
  layer.bias!.value.data.set([0.5, -0.25, 1, 0]);
  return { layer, X: Matrix.randn(3, 5, { random: 2 }), dZ: Matrix.randn(4, 5, { random: 3 }) };
}

describe('shapes and values', () => {
  it('W is (outputSize, inputSize), b is (outputSize, 1), grads alike; Z is (outputSize, m)', () => {
    const { layer, X, dZ } = setup();
    expect(layer.weight.value.shape).toEqual([4, 3]);
    expect(layer.weight.grad.shape).toEqual([4, 3]);
    expect(layer.bias!.value.shape).toEqual([4, 1]);
    expect(layer.bias!.grad.shape).toEqual([4, 1]);
    expect([layer.inputSize, layer.outputSize]).toEqual([3, 4]);
    expect(layer.forward(X).shape).toEqual([4, 5]);
    expect(layer.backward(dZ).shape).toEqual([3, 5]);
    expect(layer.parameters()).toEqual([layer.weight, layer.bias]);
    expect(layer.parameters()[0]).toBe(layer.weight);
    expect(layer.parameters().map((p) => p.name)).toEqual(['W', 'b']);
    expect(layer.computeOutputSize(3)).toBe(4);
  });

  it('forward is W·X + b, bit for bit the naive loop', () => {
    const { layer, X } = setup();
    const Z = layer.forward(X);
    expect(Z.equals(naiveForward(layer.weight.value, X, layer.bias!.value))).toBe(true);
    // A hand-checked case: W = [[1, 2], [3, 4]], b = [1, −1], x = (1, 1).
    const small = new Dense(2, 2, { init: 'zeros' });
    small.weight.value.data.set([1, 2, 3, 4]);
    small.bias!.value.data.set([1, -1]);
    expect(
      small
        .forward(
          Matrix.from([
            [1, 0],
            [1, 2],
          ]),
        )
        .toArray(),
    ).toEqual([
      [4, 5],
      [6, 7],
    ]);
  });

  it('backward: dW = dZ·Aᵀ, db = Σ_columns dZ, returns dA = Wᵀ·dZ, bit for bit the naive loops', () => {
    const { layer, X, dZ } = setup();
    layer.forward(X);
    const dA = layer.backward(dZ);
    const ref = naiveBackward(layer.weight.value, X, dZ);
    expect(layer.weight.grad.equals(ref.dW)).toBe(true);
    expect(layer.bias!.grad.equals(ref.db)).toBe(true);
    expect(dA.equals(ref.dA)).toBe(true);
  });

  it('forward and backward leave their inputs unchanged', () => {
    const { layer, X, dZ } = setup();
    const x = X.clone(),
      dz = dZ.clone();
    layer.forward(X);
    layer.backward(dZ);
    expect(X.equals(x)).toBe(true);
    expect(dZ.equals(dz)).toBe(true);
  });

  it('useBias: false — no b, Z = W·X, parameters [W]', () => {
    const layer = new Dense(3, 2, { seed: 4, useBias: false });
    expect(layer.bias).toBeNull();
    expect(layer.parameters()).toEqual([layer.weight]);
    const X = Matrix.randn(3, 4, { random: 5 });
    expect(layer.forward(X).equals(naiveForward(layer.weight.value, X, null))).toBe(true);
    const dZ = Matrix.randn(2, 4, { random: 6 });
    expect(layer.backward(dZ).equals(naiveBackward(layer.weight.value, X, dZ).dA)).toBe(true);
    expect(layer.toJSON()).toEqual({
      type: 'Dense',
      config: { inputSize: 3, outputSize: 2, useBias: false, init: 'xavier' },
      weights: { W: Array.from(layer.weight.value.data) },
    });
  });
});

describe('gradients accumulate', () => {
  it('two identical backwards give exactly twice the gradient; zeroGrad clears', () => {
    const { layer, X, dZ } = setup();
    layer.forward(X);
    layer.backward(dZ);
    const dW1 = layer.weight.grad.clone(),
      db1 = layer.bias!.grad.clone();
    layer.backward(dZ);
    expect(layer.weight.grad.equals(dW1.scale(2))).toBe(true);
    expect(layer.bias!.grad.equals(db1.scale(2))).toBe(true);
    new SGD(layer.parameters(), { learningRate: 1 }).zeroGrad();
    expect(layer.weight.grad.data.every((v) => v === 0)).toBe(true);
    expect(layer.bias!.grad.data.every((v) => v === 0)).toBe(true);
    layer.backward(dZ);
    expect(layer.weight.grad.equals(dW1)).toBe(true);
    expect(layer.bias!.grad.equals(db1)).toBe(true);
  });

  it('two half-batches accumulate to the full batch’s gradient (to rounding)', () => {
    const { layer, X, dZ } = setup();
    layer.forward(X);
    layer.backward(dZ);
    const full = layer.weight.grad.clone();
    layer.weight.grad.fill(0);
    const cols = (M: Matrix, from: number, to: number): Matrix =>
      Matrix.from(M.toArray().map((r) => r.slice(from, to)));
    layer.forward(cols(X, 0, 2));
    layer.backward(cols(dZ, 0, 2));
    layer.forward(cols(X, 2, 5));
    layer.backward(cols(dZ, 2, 5));
    expect(layer.weight.grad.approxEquals(full, 1e-14)).toBe(true);
  });

  it('backward(dZ, false) accumulates the parameter gradients, skips dA and returns dZ', () => {
    const { layer, X, dZ } = setup();
    layer.forward(X);
    const dA = layer.backward(dZ);
    const dAbefore = dA.clone();
    const dW = layer.weight.grad.clone(),
      db = layer.bias!.grad.clone();
    const dZ2 = dZ.scale(3);
    expect(layer.backward(dZ2, false)).toBe(dZ2);
    // The dA buffer was not touched (its product was skipped) …
    expect(dA.equals(dAbefore)).toBe(true);
    // … but the parameter gradients were accumulated: dW + 3·dW.
    expect(layer.weight.grad.approxEquals(dW.scale(4), 1e-14)).toBe(true);
    expect(layer.bias!.grad.approxEquals(db.scale(4), 1e-14)).toBe(true);
  });
});

describe('buffers', () => {
  it('forward and backward reuse their buffers while the batch size is unchanged', () => {
    const { layer, X, dZ } = setup();
    const Z1 = layer.forward(X);
    const dA1 = layer.backward(dZ);
    expect(layer.forward(Matrix.randn(3, 5, { random: 9 }))).toBe(Z1);
    expect(layer.backward(dZ)).toBe(dA1);
    expect(dA1).not.toBe(Z1);
  });

  it('alternating batch sizes (full mini-batch, short last one) reuse both sets of buffers', () => {
    const layer = new Dense(3, 2, { seed: 1 });
    const Z4 = layer.forward(Matrix.zeros(3, 4));
    const dA4 = layer.backward(Matrix.zeros(2, 4));
    const Z1 = layer.forward(Matrix.zeros(3, 1));
    const dA1 = layer.backward(Matrix.zeros(2, 1));
    expect(Z1).not.toBe(Z4);
    for (let epoch = 0; epoch < 3; epoch++) {
      expect(layer.forward(Matrix.zeros(3, 4))).toBe(Z4);
      expect(layer.backward(Matrix.zeros(2, 4))).toBe(dA4);
      expect(layer.forward(Matrix.zeros(3, 1))).toBe(Z1);
      expect(layer.backward(Matrix.zeros(2, 1))).toBe(dA1);
    }
  });
});

describe('initialisers', () => {
  const stats = (M: Matrix): { mean: number; std: number; min: number; max: number } => {
    const d = Array.from(M.data);
    const mean = d.reduce((s, v) => s + v, 0) / d.length;
    const std = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / d.length);
    return { mean, std, min: Math.min(...d), max: Math.max(...d) };
  };
  // 40 000 weights: the sample std is within about 0.35% of the true one (1/√(2N)); allow 2%.
  const nIn = 400,
    nOut = 100,
    N = nIn * nOut;

  it('small: the course’s randn·0.01 — std ≈ 0.01, exactly Matrix.randn(out, in, { scale: 0.01 })', () => {
    const layer = new Dense(nIn, nOut, { init: 'small', seed: 1 });
    const s = stats(layer.weight.value);
    expect(Math.abs(s.std / 0.01 - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.mean)).toBeLessThan((4 * 0.01) / Math.sqrt(N));
    const hidden = new Dense(2, 4, { init: 'small', seed: 3 });
    expect(hidden.weight.value.equals(Matrix.randn(4, 2, { scale: 0.01, random: 3 }))).toBe(true);
  });

  it('xavier (the default): uniform within ±√(6/(in + out)), variance limit²/3', () => {
    const layer = new Dense(nIn, nOut, { seed: 2 });
    expect(layer.init).toBe('xavier');
    const limit = Math.sqrt(6 / (nIn + nOut));
    const s = stats(layer.weight.value);
    expect(s.max).toBeLessThan(limit);
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.max).toBeGreaterThan(0.999 * limit);
    expect(s.min).toBeLessThan(-0.999 * limit);
    expect(Math.abs(s.std / (limit / Math.sqrt(3)) - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.mean)).toBeLessThan((4 * limit) / Math.sqrt(3 * N));
  });

  it('he: normal with std √(2/in)', () => {
    const s = stats(new Dense(nIn, nOut, { init: 'he', seed: 3 }).weight.value);
    expect(Math.abs(s.std / Math.sqrt(2 / nIn) - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.mean)).toBeLessThan((4 * Math.sqrt(2 / nIn)) / Math.sqrt(N));
  });

  it('lecun: normal with std √(1/in)', () => {
    const s = stats(new Dense(nIn, nOut, { init: 'lecun', seed: 4 }).weight.value);
    expect(Math.abs(s.std / Math.sqrt(1 / nIn) - 1)).toBeLessThan(0.02);
  });

  it('zeros: all zero; biases always start at zero', () => {
    expect(new Dense(5, 3, { init: 'zeros' }).weight.value.data.every((v) => v === 0)).toBe(true);
    for (const init of ['zeros', 'small', 'xavier', 'he', 'lecun'] as const) {
      const layer = new Dense(5, 3, { init, seed: 1 });
      expect(layer.bias!.value.data.every((v) => v === 0)).toBe(true);
      expect(layer.weight.grad.data.every((v) => v === 0)).toBe(true);
    }
  });

  it('seeded: the same seed gives identical weights, a different seed different ones', () => {
    for (const init of ['small', 'xavier', 'he', 'lecun'] as const) {
      const a = new Dense(6, 4, { init, seed: 42 }),
        b = new Dense(6, 4, { init, seed: 42 });
      expect(a.weight.value.equals(b.weight.value)).toBe(true);
      expect(a.weight.value.equals(new Dense(6, 4, { init, seed: 43 }).weight.value)).toBe(false);
    }
  });

  it('a Random as seed is drawn from (and advanced): the same generator state gives the same layers', () => {
    const r1 = new Random(7),
      r2 = new Random(7);
    const a1 = new Dense(3, 3, { seed: r1 }),
      b1 = new Dense(3, 3, { seed: r1 });
    const a2 = new Dense(3, 3, { seed: r2 }),
      b2 = new Dense(3, 3, { seed: r2 });
    expect(a1.weight.value.equals(a2.weight.value)).toBe(true);
    expect(b1.weight.value.equals(b2.weight.value)).toBe(true);
    expect(a1.weight.value.equals(b1.weight.value)).toBe(false);
    expect(new Dense(3, 3, { seed: 7 }).weight.value.equals(a1.weight.value)).toBe(true);
  });
});

describe('errors', () => {
  it('sizes must be positive integers', () => {
    for (const [value, text] of [
      [0, '0'],
      [-1, '-1'],
      [2.5, '2.5'],
      [Number.NaN, 'NaN'],
      [Infinity, 'Infinity'],
    ] as const) {
      expect(() => new Dense(value as number, 2)).toThrowError(
        new RangeError(`Dense: expected inputSize to be a positive integer, got ${text}`),
      );
      expect(() => new Dense(2, value as number)).toThrowError(
        new RangeError(`Dense: expected outputSize to be a positive integer, got ${text}`),
      );
    }
    // The wrong kind of value is a TypeError.
    expect(() => new Dense('3' as unknown as number, 2)).toThrowError(
      new TypeError('Dense: expected inputSize to be a number, got "3"'),
    );
    expect(() => new Dense(2, null as unknown as number)).toThrowError(
      new TypeError('Dense: expected outputSize to be a number, got null'),
    );
  });

  it('options: unknown init, unknown option, bad seed, non-boolean useBias', () => {
    expect(() => new Dense(2, 2, { init: 'glorot' as 'xavier' })).toThrowError(
      new RangeError('Dense: expected init among zeros, small, xavier, he, lecun, got "glorot"'),
    );
    expect(() => new Dense(2, 2, { bias: false } as object)).toThrowError(
      new TypeError('Dense: expected options among init, seed, useBias, regularizer, got unknown option "bias"'),
    );
    expect(() => new Dense(2, 2, { seed: Number.NaN })).toThrowError(
      new RangeError('Dense: expected seed to be an integer in [0, 2^32 − 1], got NaN'),
    );
    expect(() => new Dense(2, 2, { seed: '1' as unknown as number })).toThrowError(
      new TypeError('Dense: expected seed to be a number or a Random, got "1"'),
    );
    expect(() => new Dense(2, 2, { useBias: 0 as unknown as boolean })).toThrowError(
      new TypeError('Dense: expected useBias to be a boolean, got 0'),
    );
  });

  it('forward: input with the wrong number of rows is a ShapeError', () => {
    const layer = new Dense(3, 4, { seed: 1 });
    const call = (): Matrix => layer.forward(Matrix.zeros(2, 5));
    expect(call).toThrow(ShapeError);
    expect(call).toThrowError('Dense.forward: expected input (3, m), got input (2, 5)');
  });

  it('backward before forward, and dZ of the wrong shape', () => {
    const layer = new Dense(3, 4, { seed: 1 });
    expect(() => layer.backward(Matrix.zeros(4, 5))).toThrowError(
      new Error('Dense.backward: expected a forward() first, got none'),
    );
    layer.forward(Matrix.zeros(3, 5));
    for (const [r, c] of [
      [4, 6],
      [3, 5],
      [5, 4],
    ]) {
      const call = (): Matrix => layer.backward(Matrix.zeros(r, c));
      expect(call).toThrow(ShapeError);
      expect(call).toThrowError(`Dense.backward: expected dZ (4, 5), got dZ (${r}, ${c})`);
    }
    expect(layer.weight.grad.data.every((v) => v === 0)).toBe(true);
  });

  it('computeOutputSize names the layer', () => {
    const call = (): number => new Dense(3, 4).computeOutputSize(5);
    expect(call).toThrow(ShapeError);
    expect(call).toThrowError('Dense(3 → 4): expected 3 input features, got 5');
  });

  it('a throwing forward leaves the last forward usable', () => {
    const { layer, X, dZ } = setup();
    layer.forward(X);
    const Z = layer.forward(X).clone();
    expect(() => layer.forward(Matrix.zeros(4, 5))).toThrow(ShapeError);
    const dA = layer.backward(dZ);
    expect(dA.equals(naiveBackward(layer.weight.value, X, dZ).dA)).toBe(true);
    expect(layer.weight.grad.equals(naiveBackward(layer.weight.value, X, dZ).dW)).toBe(true);
    expect(layer.forward(X).equals(Z)).toBe(true);
  });
});

describe('description', () => {
  it('toString and toJSON', () => {
    const layer = new Dense(2, 3, { init: 'small', seed: 1 });
    layer.bias!.value.data.set([1, 2, 3]);
    expect(layer.toString()).toBe('Dense(2 → 3)');
    expect(layer.toJSON()).toEqual({
      type: 'Dense',
      config: { inputSize: 2, outputSize: 3, useBias: true, init: 'small' },
      weights: { W: Array.from(layer.weight.value.data), b: [1, 2, 3] },
    });
    // Row-major W, as JSON numbers that round-trip exactly.
    const json = JSON.parse(JSON.stringify(layer)) as { weights: { W: number[] } };
    expect(json.weights.W).toEqual(layer.weight.value.toArray().flat());
  });
});
