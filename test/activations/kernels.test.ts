/**
 * The activation kernel table (src/activations/kernels.ts): every kind's forward and backward give
 * exactly the bits of the per-element formula on bottomup's scalar functions (the loops the table
 * replaced), at every length around the 64-value blocks, in place as well as out of place, leaving
 * their inputs alone; the table's defaults; and the imports that keep it fit for the inference runtime.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, type ActivationType } from '../../src/activations/kernels.js';
import * as activations from '../../src/activations/index.js';
import { exp } from '../../src/math/exp.js';
import { expm1 } from '../../src/math/expm1.js';
import { sigmoid } from '../../src/math/sigmoid.js';
import { softplus } from '../../src/math/softplus.js';
import { tanh } from '../../src/math/tanh.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { Random } from '../../src/random.js';

const LAMBDA = 1.0507009873554804934193349852946;
const ALPHA = 1.6732632423543772848170429916717;
const C = Math.sqrt(2 / Math.PI);
const K = 0.044715;

/** g(x) and g′(x)·da per element, written on the scalar functions: the oracle for the elementwise kinds. */
type Scalar = {
  g: (x: number, alpha: number) => number;
  dg: (x: number, a: number, da: number, alpha: number) => number;
};

const SCALAR: Record<Exclude<ActivationType, 'Softmax'>, Scalar> = {
  Sigmoid: { g: (x) => sigmoid(x), dg: (_x, s, da) => da * s * (1 - s) },
  Tanh: { g: (x) => tanh(x), dg: (_x, t, da) => da * (1 - t * t) },
  ReLU: { g: (x) => (x > 0 ? x : 0), dg: (x, _a, da) => (x > 0 ? da : 0) },
  LeakyReLU: { g: (x, al) => (x > 0 ? x : al * x), dg: (x, _a, da, al) => (x > 0 ? da : al * da) },
  Identity: { g: (x) => x, dg: (_x, _a, da) => da },
  ELU: { g: (x, al) => (x > 0 ? x : al * expm1(x)), dg: (x, _a, da, al) => (x > 0 ? da : da * al * exp(x)) },
  SELU: {
    g: (x) => (x > 0 ? LAMBDA * x : LAMBDA * ALPHA * expm1(x)),
    dg: (x, _a, da) => (x > 0 ? LAMBDA * da : da * LAMBDA * ALPHA * exp(x)),
  },
  GELU: {
    g: (x) => 0.5 * x * (1 + tanh(C * (x + K * x * x * x))),
    dg: (x, _a, da) => {
      const t = tanh(C * (x + K * x * x * x));
      const sech2 = 1 - t * t;
      return da * (sech2 === 0 ? 0.5 * (1 + t) : 0.5 * (1 + t) + 0.5 * x * sech2 * C * (1 + 3 * K * x * x));
    },
  },
  Softplus: { g: (x) => softplus(x), dg: (x, _a, da) => da * sigmoid(x) },
  SiLU: {
    g: (x) => x * sigmoid(x),
    dg: (x, _a, da) => {
      const s = sigmoid(x);
      return da * s * (1 + x * (1 - s));
    },
  },
};

/** Softmax per column on the scalar exp: the oracle for the one per-column kind. */
function softmaxRef(z: Float64Array, rows: number, cols: number): Float64Array {
  const a = new Float64Array(z.length);
  for (let j = 0; j < cols; j++) {
    let max = -Infinity;
    for (let i = 0; i < rows; i++) if (z[i * cols + j] > max) max = z[i * cols + j];
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      const e = exp(z[i * cols + j] - max);
      a[i * cols + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let i = 0; i < rows; i++) a[i * cols + j] *= inv;
  }
  return a;
}

function softmaxBackRef(a: Float64Array, da: Float64Array, rows: number, cols: number): Float64Array {
  const dz = new Float64Array(a.length);
  for (let j = 0; j < cols; j++) {
    let dot = 0;
    for (let i = 0; i < rows; i++) dot += a[i * cols + j] * da[i * cols + j];
    for (let i = 0; i < rows; i++) dz[i * cols + j] = a[i * cols + j] * (da[i * cols + j] - dot);
  }
  return dz;
}

const EDGES = [
  0,
  -0,
  5e-324,
  -5e-324,
  1e-310,
  -1e-310,
  2 ** -60,
  -(2 ** -60),
  1,
  -1,
  22,
  -22,
  40,
  -40,
  700,
  -700,
  710,
  -710,
  750,
  -750,
  1e154,
  -1e154,
  2e154,
  -2e154,
  1e300,
  -1e300,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Infinity,
  -Infinity,
  NaN,
];

/** `n` seeded pre-activations: moderate, wide, tiny and huge, with the edge cases spread through. */
function values(n: number, seed: number): Float64Array {
  const r = new Random(seed);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const kind = r.int(8);
    z[i] =
      kind === 0
        ? EDGES[r.int(EDGES.length)]
        : kind === 1
          ? (r.next() - 0.5) * 100
          : kind === 2
            ? (r.next() - 0.5) * 1e-6
            : kind === 3
              ? (r.next() - 0.5) * 1600
              : r.normal() * 3;
  }
  return z;
}

const same = (x: ArrayLike<number>, y: ArrayLike<number>): boolean =>
  x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));

/** The first index where two arrays differ in bits, for the failure message. */
function firstDiff(x: ArrayLike<number>, y: ArrayLike<number>): string {
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return `at ${i}: ${x[i]} vs ${y[i]}`;
  return 'none';
}

const KINDS = Object.keys(ACTIVATIONS) as ActivationType[];
/** (rows, cols) shapes whose sizes sit on, and one either side of, the 64-value blocks. */
const SHAPES: [number, number][] = [
  [1, 1],
  [1, 63],
  [8, 8],
  [5, 13],
  [1, 129],
  [3, 64],
  [7, 150],
  [16, 400],
];
const ALPHAS: Partial<Record<ActivationType, number[]>> = { LeakyReLU: [0.01, -0.5], ELU: [1, 0.3] };

describe('ACTIVATIONS', () => {
  it('has one kernel per Activation class, keyed by its type', () => {
    expect(KINDS).toEqual([
      'Sigmoid',
      'Tanh',
      'ReLU',
      'LeakyReLU',
      'Softmax',
      'Identity',
      'ELU',
      'SELU',
      'GELU',
      'Softplus',
      'SiLU',
    ]);
    for (const k of KINDS) {
      const Class = (activations as unknown as Record<string, new () => activations.Activation>)[k];
      expect(new Class().type).toBe(k);
    }
  });

  it('holds the default alpha of the kinds that take one, and none for the rest', () => {
    expect(ACTIVATIONS.LeakyReLU.alpha).toBe(0.01);
    expect(ACTIVATIONS.ELU.alpha).toBe(1);
    for (const k of KINDS) if (k !== 'LeakyReLU' && k !== 'ELU') expect('alpha' in ACTIVATIONS[k], k).toBe(false);
    expect(new activations.LeakyReLU().alpha).toBe(0.01);
    expect(new activations.ELU().alpha).toBe(1);
  });

  it('imports only src/math/ (no class, Matrix or Scratch, so the inference runtime stays small)', () => {
    const source = readFileSync(new URL('../../src/activations/kernels.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const path of imports) expect(path).toMatch(/^\.\.\/math\/[a-z0-9]+\.js$/);
  });
});

describe.each(KINDS)('%s kernel', (kind) => {
  const kernel = ACTIVATIONS[kind];
  const alphas = ALPHAS[kind] ?? [0];

  it.each(SHAPES)(
    'forward: the bits of the per-element formula, out of place and in place, at (%i, %i)',
    (rows, cols) => {
      for (const alpha of alphas) {
        const z = values(rows * cols, 31 * rows + cols);
        const zCopy = z.slice();
        const expected = kind === 'Softmax' ? softmaxRef(z, rows, cols) : z.map((x) => SCALAR[kind].g(x, alpha));
        const a = new Float64Array(z.length).fill(7);
        kernel.forward(z, a, rows, cols, alpha);
        expect(same(a, expected), `α = ${alpha}, ${firstDiff(a, expected)}`).toBe(true);
        expect(same(z, zCopy)).toBe(true);
        kernel.forward(z, z, rows, cols, alpha);
        expect(same(z, expected), `in place, α = ${alpha}, ${firstDiff(z, expected)}`).toBe(true);
      }
    },
  );

  it.each(SHAPES)('backward: the bits of the per-element derivative, and with dz = da, at (%i, %i)', (rows, cols) => {
    for (const alpha of alphas) {
      const z = values(rows * cols, 17 * rows + cols);
      const a = new Float64Array(z.length);
      kernel.forward(z, a, rows, cols, alpha);
      const r = new Random(rows + 1000 * cols);
      const da = Float64Array.from(z, () => r.normal());
      const expected =
        kind === 'Softmax'
          ? softmaxBackRef(a, da, rows, cols)
          : z.map((x, i) => SCALAR[kind].dg(x, a[i], da[i], alpha));
      const [zCopy, aCopy, daCopy] = [z.slice(), a.slice(), da.slice()];
      const dz = new Float64Array(z.length).fill(7);
      kernel.backward(z, a, da, dz, rows, cols, alpha);
      expect(same(dz, expected), `α = ${alpha}, ${firstDiff(dz, expected)}`).toBe(true);
      expect(same(z, zCopy) && same(a, aCopy) && same(da, daCopy)).toBe(true);
      kernel.backward(z, a, da, da, rows, cols, alpha);
      expect(same(da, expected), `dz = da, α = ${alpha}, ${firstDiff(da, expected)}`).toBe(true);
    }
  });

  it('the layer runs exactly this kernel', () => {
    const Class = (activations as unknown as Record<string, new () => activations.Activation>)[kind];
    const layer = new Class();
    const [rows, cols] = [6, 50];
    const z = values(rows * cols, 99);
    const Z = new Matrix(rows, cols, z.slice());
    const A = layer.forward(Z);
    const a = new Float64Array(z.length);
    kernel.forward(z, a, rows, cols, kernel.alpha ?? 0);
    expect(same(A.data, a)).toBe(true);
    const dA = new Matrix(
      rows,
      cols,
      Float64Array.from(z, (_, i) => Math.cos(i)),
    );
    const dz = new Float64Array(z.length);
    kernel.backward(z, a, dA.data, dz, rows, cols, kernel.alpha ?? 0);
    expect(same(layer.backward(dA).data, dz)).toBe(true);
  });
});
