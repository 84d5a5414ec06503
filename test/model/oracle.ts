/**
 * An independent oracle for network gradients: a plain `number[][]` re-implementation of the forward
 * pass and of every loss (written from the formulas, sharing no code with `src/`), and central finite
 * differences over it. Used to check both the library's back-propagation and `gradientCheck` itself.
 */
import { Dense } from '../../src/layers/dense.js';
import type { LayerJSON } from '../../src/layers/layer.js';
import type { Matrix } from '../../src/matrix/matrix.js';
import type { Sequential } from '../../src/model/sequential.js';

/** A layer of the oracle network: a dense layer (copied weights) or an activation by name. */
export type OracleLayer =
  | { kind: 'dense'; W: number[][]; b: number[] | null }
  | { kind: 'act'; type: string; alpha: number };

/** The losses the oracle knows, by the names used in the tests. */
export type OracleLossName = 'BCE' | 'BCE-logits' | 'CCE' | 'CCE-logits' | 'MSE' | 'MAE' | 'Huber';

/** A loss for the oracle: its name, and Huber's `δ`. */
export interface OracleLoss {
  name: OracleLossName;
  delta: number;
}

/** The activations with a kink (a jump in the first derivative at 0) whose input must stay away from 0. */
export const KINKED = new Set(['ReLU', 'LeakyReLU', 'ELU', 'SELU']);

// SELU constants from Klambauer et al. (2017), eq. 14, to the precision printed there.
const SELU_LAMBDA = 1.0507009873554804934193349852946;
const SELU_ALPHA = 1.6732632423543772848170429916717;

/** Copies a Sequential's layers into oracle layers (weights as `number[][]`). */
export function fromModel(model: Sequential): OracleLayer[] {
  return model.layers.map((layer): OracleLayer => {
    if (layer instanceof Dense) {
      return {
        kind: 'dense',
        W: layer.weight.value.toArray(),
        b: layer.bias === null ? null : Array.from(layer.bias.value.data),
      };
    }
    const json = layer.toJSON() as LayerJSON;
    const alpha = typeof json.config?.alpha === 'number' ? json.config.alpha : NaN;
    return { kind: 'act', type: json.type, alpha };
  });
}

/** `g(z)` for one scalar, from the textbook formula. */
function scalarActivation(type: string, alpha: number, z: number): number {
  switch (type) {
    case 'Sigmoid':
      return 1 / (1 + Math.exp(-z));
    case 'Tanh':
      return Math.sinh(z) / Math.cosh(z);
    case 'ReLU':
      return z > 0 ? z : 0;
    case 'LeakyReLU':
      return z > 0 ? z : alpha * z;
    case 'ELU':
      return z > 0 ? z : alpha * (Math.exp(z) - 1);
    case 'SELU':
      return z > 0 ? SELU_LAMBDA * z : SELU_LAMBDA * SELU_ALPHA * (Math.exp(z) - 1);
    case 'GELU':
      return 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z ** 3)));
    case 'Softplus':
      return Math.log(1 + Math.exp(z));
    case 'SiLU':
      return z / (1 + Math.exp(-z));
    case 'Identity':
      return z;
    default:
      throw new Error(`oracle: unknown activation ${type}`);
  }
}

/**
 * Forward pass over `X` (`(n_x, m)` as rows of numbers). Also returns the sign pattern of every input
 * to a kinked activation, so finite differences can prove they never crossed a kink, and the smallest
 * `|z|` among those inputs.
 */
export function oracleForward(
  layers: readonly OracleLayer[],
  X: number[][],
): { out: number[][]; signs: boolean[]; margin: number[] } {
  let A = X.map((r) => r.slice());
  const signs: boolean[] = [];
  const m = X[0].length;
  // margin[j]: the smallest |z| over kinked inputs of example j.
  const margin = new Array<number>(m).fill(Infinity);
  for (const layer of layers) {
    if (layer.kind === 'dense') {
      const { W, b } = layer;
      A = W.map((row, i) =>
        Array.from({ length: m }, (_, j) => {
          let s = b === null ? 0 : b[i];
          for (let k = 0; k < row.length; k++) s += row[k] * A[k][j];
          return s;
        }),
      );
    } else if (layer.type === 'Softmax') {
      const out = A.map((r) => r.slice());
      for (let j = 0; j < m; j++) {
        let total = 0;
        for (let i = 0; i < A.length; i++) total += Math.exp(A[i][j]);
        for (let i = 0; i < A.length; i++) out[i][j] = Math.exp(A[i][j]) / total;
      }
      A = out;
    } else {
      if (KINKED.has(layer.type)) {
        for (const row of A) {
          row.forEach((z, j) => {
            signs.push(z > 0);
            margin[j] = Math.min(margin[j], Math.abs(z));
          });
        }
      }
      A = A.map((row) => row.map((z) => scalarActivation(layer.type, layer.alpha, z)));
    }
  }
  return { out: A, signs, margin };
}

/** The cost `J` of predictions `P` against targets `Y`, and the sign pattern of the loss's own kinks. */
export function oracleCost(loss: OracleLoss, P: number[][], Y: number[][]): { J: number; signs: boolean[] } {
  const n = P.length,
    m = P[0].length;
  const signs: boolean[] = [];
  let s = 0;
  switch (loss.name) {
    case 'BCE':
      for (let i = 0; i < n; i++)
        for (let j = 0; j < m; j++) s -= Y[i][j] * Math.log(P[i][j]) + (1 - Y[i][j]) * Math.log(1 - P[i][j]);
      return { J: s / m, signs };
    case 'BCE-logits':
      // −(y·log σ(z) + (1−y)·log(1−σ(z))) written with σ directly (moderate logits only).
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          const p = 1 / (1 + Math.exp(-P[i][j]));
          s -= Y[i][j] * Math.log(p) + (1 - Y[i][j]) * Math.log(1 - p);
        }
      }
      return { J: s / m, signs };
    case 'CCE':
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) s -= Y[i][j] * Math.log(P[i][j]);
      return { J: s / m, signs };
    case 'CCE-logits':
      for (let j = 0; j < m; j++) {
        let total = 0;
        for (let i = 0; i < n; i++) total += Math.exp(P[i][j]);
        for (let i = 0; i < n; i++) s -= Y[i][j] * Math.log(Math.exp(P[i][j]) / total);
      }
      return { J: s / m, signs };
    case 'MSE':
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) s += (P[i][j] - Y[i][j]) ** 2;
      return { J: s / (n * m), signs };
    case 'MAE':
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          s += Math.abs(P[i][j] - Y[i][j]);
          signs.push(P[i][j] > Y[i][j]);
        }
      }
      return { J: s / (n * m), signs };
    case 'Huber':
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          const d = Math.abs(P[i][j] - Y[i][j]);
          s += d <= loss.delta ? 0.5 * d * d : loss.delta * (d - 0.5 * loss.delta);
          signs.push(d > loss.delta);
        }
      }
      return { J: s / (n * m), signs };
  }
}

/** `J` and the full kink pattern (activations and loss) of the oracle network. */
export function oracleJ(
  layers: readonly OracleLayer[],
  loss: OracleLoss,
  X: number[][],
  Y: number[][],
): { J: number; signs: boolean[] } {
  const f = oracleForward(layers, X);
  const c = oracleCost(loss, f.out, Y);
  return { J: c.J, signs: [...f.signs, ...c.signs] };
}

/** One named block of finite-difference gradients, in `model.parameters()` order, then `X`. */
export interface OracleGradient {
  name: string;
  approx: Float64Array;
}

/**
 * Central finite differences of the oracle's `J` with respect to every weight, bias and (last) every
 * element of `X`, with the fourth-order stencil `(−J(θ+2h) + 8J(θ+h) − 8J(θ−h) + J(θ−2h)) / 12h`
 * (truncation error O(h⁴), far below the O(ε²) of `gradientCheck`'s two-point rule). Throws if any
 * evaluation moved an activation input or a loss residual across a kink (the check would be ill-posed).
 */
export function oracleGradients(
  layers: readonly OracleLayer[],
  loss: OracleLoss,
  X: number[][],
  Y: number[][],
  h: number,
): OracleGradient[] {
  const base = oracleJ(layers, loss, X, Y).signs;
  const J = (): number => {
    const r = oracleJ(layers, loss, X, Y);
    if (r.signs.some((s, i) => s !== base[i])) throw new Error('oracle: a finite-difference step crossed a kink');
    return r.J;
  };
  const diff = (get: () => number, set: (v: number) => void): number => {
    const v = get();
    const at = (t: number): number => {
      set(v + t);
      return J();
    };
    try {
      return (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
    } finally {
      set(v);
    }
  };
  const out: OracleGradient[] = [];
  let l = 0;
  for (const layer of layers) {
    if (layer.kind !== 'dense') continue;
    l++;
    const { W, b } = layer;
    const gW = new Float64Array(W.length * W[0].length);
    W.forEach((row, i) =>
      row.forEach(
        (_, k) =>
          (gW[i * row.length + k] = diff(
            () => row[k],
            (v) => (row[k] = v),
          )),
      ),
    );
    out.push({ name: `W[${l}]`, approx: gW });
    if (b !== null) {
      const gb = new Float64Array(b.length);
      b.forEach(
        (_, i) =>
          (gb[i] = diff(
            () => b[i],
            (v) => (b[i] = v),
          )),
      );
      out.push({ name: `b[${l}]`, approx: gb });
    }
  }
  const gX = new Float64Array(X.length * X[0].length);
  X.forEach((row, i) =>
    row.forEach(
      (_, j) =>
        (gX[i * row.length + j] = diff(
          () => row[j],
          (v) => (row[j] = v),
        )),
    ),
  );
  out.push({ name: 'X', approx: gX });
  return out;
}

/** The course's relative difference `‖g − a‖ / (‖g‖ + ‖a‖)`, 0 when both are 0. */
export function relativeDifference(g: ArrayLike<number>, a: ArrayLike<number>): number {
  let d2 = 0,
    g2 = 0,
    a2 = 0;
  for (let i = 0; i < g.length; i++) {
    d2 += (g[i] - a[i]) ** 2;
    g2 += g[i] ** 2;
    a2 += a[i] ** 2;
  }
  const den = Math.sqrt(g2) + Math.sqrt(a2);
  return den === 0 ? 0 : Math.sqrt(d2) / den;
}

/** A matrix's rows as `number[][]` (a fresh copy). */
export function rowsOf(M: Matrix): number[][] {
  return M.toArray();
}
