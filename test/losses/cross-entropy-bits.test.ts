/**
 * The cross-entropies compute through the array kernels (logInto, expInto, softplusInto,
 * sigmoidInto) exactly what their per-element loops on the scalar functions computed: the same
 * terms, floors and clamps, summed in the same order. Checked bit for bit against those loops,
 * written out here, on seeded predictions (saturated, subnormal, huge logits) and hard, soft and
 * mixed labels.
 */
import { describe, expect, it } from 'vitest';
import { BinaryCrossEntropy, CategoricalCrossEntropy } from '../../src/losses/index.js';
import { exp } from '../../src/math/exp.js';
import { log } from '../../src/math/log.js';
import { sigmoid } from '../../src/math/sigmoid.js';
import { softplus } from '../../src/math/softplus.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { Random } from '../../src/random.js';

const EPS = 1e-12;
const LOG_FLOOR = -100;

function bceRef(p: Float64Array, t: Float64Array, cols: number, fromLogits: boolean): { J: number; g: Float64Array } {
  let sum = 0;
  const g = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const y = t[i];
    if (fromLogits) {
      sum += softplus(p[i]) - p[i] * y;
      g[i] = (sigmoid(p[i]) - y) * (1 / cols);
    } else {
      if (y !== 0) sum -= y * Math.max(log(p[i]), LOG_FLOOR);
      if (y !== 1) sum -= (1 - y) * Math.max(log(1 - p[i]), LOG_FLOOR);
      g[i] = ((p[i] - y) / Math.max(p[i] * (1 - p[i]), EPS)) * (1 / cols);
    }
  }
  return { J: sum / cols, g };
}

function cceRef(
  p: Float64Array,
  t: Float64Array,
  rows: number,
  cols: number,
  fromLogits: boolean,
): { J: number; g: Float64Array } {
  let total = 0;
  const g = new Float64Array(p.length);
  const invM = 1 / cols;
  if (fromLogits) {
    for (let j = 0; j < cols; j++) {
      let max = -Infinity;
      for (let i = 0; i < rows; i++) if (p[i * cols + j] > max) max = p[i * cols + j];
      let sumExp = 0,
        sumY = 0,
        dot = 0;
      for (let i = 0, s = j; i < rows; i++, s += cols) {
        const e = exp(p[s] - max);
        g[s] = e;
        sumExp += e;
        sumY += t[s];
        if (t[s] !== 0) dot += t[s] * (p[s] - max);
      }
      total += sumY * log(sumExp) - dot;
      const scale = sumY / sumExp;
      for (let i = 0, s = j; i < rows; i++, s += cols) g[s] = (g[s] * scale - t[s]) * invM;
    }
  } else {
    for (let i = 0; i < p.length; i++) {
      const y = t[i];
      if (y !== 0) total -= y * Math.max(log(p[i]), LOG_FLOOR);
      g[i] = y === 0 ? 0 : (-y / Math.max(p[i], EPS)) * invM;
    }
  }
  return { J: total / cols, g };
}

const same = (x: ArrayLike<number>, y: ArrayLike<number>): boolean =>
  x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));

/** Probabilities in [0, 1], many of them saturated, subnormal or within an ulp of 1. */
function probabilities(r: Random, n: number): Float64Array {
  const special = [0, 1, 5e-324, 1e-310, 1e-300, 1e-50, 1 - 2 ** -53, 1 - 1e-12, 0.5];
  return Float64Array.from({ length: n }, () => (r.int(4) === 0 ? special[r.int(special.length)] : r.next()));
}

/** Logits: moderate, wide and huge. */
function logits(r: Random, n: number): Float64Array {
  const special = [0, -0, 1000, -1000, 745, -745, 1e300, -1e300];
  return Float64Array.from({ length: n }, () =>
    r.int(5) === 0 ? special[r.int(special.length)] : r.normal() * (r.int(2) ? 3 : 40),
  );
}

const SHAPES: [number, number][] = [
  [1, 1],
  [1, 7],
  [1, 400],
  [3, 50],
  [10, 33],
];

describe('BinaryCrossEntropy: the bits of the per-element loop', () => {
  for (const labels of ['hard', 'soft', 'mixed'] as const) {
    it.each(SHAPES)(`${labels} labels, probabilities and logits, at (%i, %i)`, (rows, cols) => {
      const r = new Random(rows * 1000 + cols + labels.length);
      const n = rows * cols;
      const t = Float64Array.from({ length: n }, () =>
        labels === 'hard' || (labels === 'mixed' && r.int(3) > 0) ? r.int(2) : [0, 1, 0.25, 0.5, r.next()][r.int(5)],
      );
      const Y = new Matrix(rows, cols, t);
      for (const fromLogits of [false, true]) {
        const p = fromLogits ? logits(r, n) : probabilities(r, n);
        const loss = new BinaryCrossEntropy({ fromLogits });
        const ref = bceRef(p, t, cols, fromLogits);
        for (let repeat = 0; repeat < 2; repeat++) {
          // (twice: the second forward reuses the work buffers)
          expect(Object.is(loss.forward(new Matrix(rows, cols, p), Y), ref.J), `fromLogits ${fromLogits}`).toBe(true);
          expect(same(loss.backward().data, ref.g)).toBe(true);
        }
      }
    });
  }
});

describe('CategoricalCrossEntropy: the bits of the per-element loop', () => {
  for (const labels of ['one-hot', 'probabilities'] as const) {
    it.each(SHAPES.filter(([rows]) => rows > 1))(
      `${labels} targets, probabilities and logits, at (%i, %i)`,
      (rows, cols) => {
        const r = new Random(rows * 1000 + cols + labels.length);
        const t = new Float64Array(rows * cols);
        for (let j = 0; j < cols; j++) {
          if (labels === 'one-hot') t[r.int(rows) * cols + j] = 1;
          else {
            // powers of two summing to exactly 1
            let left = 1;
            for (let i = 0; i < rows - 1; i++) {
              const share = r.int(2) ? left / 2 : 0;
              t[i * cols + j] = share;
              left -= share;
            }
            t[(rows - 1) * cols + j] = left;
          }
        }
        const Y = new Matrix(rows, cols, t);
        for (const fromLogits of [false, true]) {
          const p = fromLogits ? logits(r, rows * cols) : probabilities(r, rows * cols);
          const loss = new CategoricalCrossEntropy({ fromLogits });
          const ref = cceRef(p, t, rows, cols, fromLogits);
          for (let repeat = 0; repeat < 2; repeat++) {
            expect(Object.is(loss.forward(new Matrix(rows, cols, p), Y), ref.J), `fromLogits ${fromLogits}`).toBe(true);
            expect(same(loss.backward().data, ref.g)).toBe(true);
          }
        }
      },
    );
  }
});
