/**
 * The math of every activation kind, as data: one {@link ActivationKernel} (a forward and a backward
 * loop on raw arrays) per kind, in the table {@link ACTIVATIONS}, and the forward loops alone in
 * {@link FORWARD}.
 *
 * @remarks
 * The `Activation` layers run these kernels, and so does the inference runtime, so this file imports
 * nothing but src/math/ (no class, no Matrix, no Scratch). Each forward loop is its own function,
 * which the kind's kernel and {@link FORWARD} both reference: `bottomup/predict` reads only
 * {@link FORWARD} (and {@link ALPHA}), so no backward loop ships with it. The transcendental steps go
 * through the array forms (`expInto`, `tanhInto`, …); each kernel does exactly the arithmetic, in the
 * order, of the per-element loops it replaced, so every result keeps its bits. Tanh and GELU are the
 * one difference between the two: their kernels use the inline `tanhInto`, {@link FORWARD} the compact
 * `tanhSlotInto` (the same bits in a few hundred bytes less, at about half the speed of the tanh).
 *
 * @internal
 * @module
 */
import { expInto } from '../math/exp.js';
import { expm1Into } from '../math/expm1.js';
import { sigmoidInto } from '../math/sigmoid.js';
import { softplusInto } from '../math/softplus.js';
import { tanhInto, tanhSlotInto } from '../math/tanh.js';

/**
 * The math of one activation kind, on raw row-major `(rows, cols)` blocks: `rows` features by `cols`
 * examples, each array holding exactly `rows·cols` values (a caller with larger buffers passes
 * `subarray` views).
 *
 * @internal
 */
export interface ActivationKernel {
  /** The default `alpha` when the kind takes one (LeakyReLU 0.01, ELU 1); absent when it takes none. */
  readonly alpha?: number;
  /**
   * `a = g(z)`: elementwise, or per column for Softmax.
   *
   * @remarks
   * `a` may be `z` (in place) for every kind. The kinds that need `z` again after its exp, expm1,
   * tanh or σ (ELU, SELU, GELU, SiLU) compute those up to 64 values at a time into fixed work
   * buffers, so running in place allocates nothing either.
   *
   * @param z - the pre-activation.
   * @param a - the activation, written; may be `z`.
   * @param rows - number of rows (features).
   * @param cols - number of columns (examples).
   * @param alpha - the kind's `alpha` (ignored by the kinds that take none).
   */
  forward(z: Float64Array, a: Float64Array, rows: number, cols: number, alpha: number): void;
  /**
   * `dz = da ⊙ g′(z)`, given the forward's input `z` and output `a` (per column for Softmax:
   * `dz = a ⊙ (da − aᵀ·da)`).
   *
   * @remarks
   * `z` and `a` must both be what the forward read and wrote (so a layer that trains does not run its
   * forward in place); `dz` may be `da`.
   *
   * @param z - the input of the forward.
   * @param a - the output of the forward.
   * @param da - the incoming gradient `∂J/∂a`.
   * @param dz - the outgoing gradient `∂J/∂z`, written; may be `da`.
   * @param rows - number of rows (features).
   * @param cols - number of columns (examples).
   * @param alpha - the kind's `alpha` (ignored by the kinds that take none).
   */
  backward(
    z: Float64Array,
    a: Float64Array,
    da: Float64Array,
    dz: Float64Array,
    rows: number,
    cols: number,
    alpha: number,
  ): void;
}

/**
 * Work buffers of 1, 2, 4, …, 64 values, for the kinds that need `z` again after its exp, expm1, tanh
 * or σ: those go into a buffer one block at a time, so `a` (or `dz`) can overwrite `z` (or `da`).
 * 64 values while that many remain (a block stays in L1, and the per-block calls cost nothing
 * measurable), then the rest in powers of two, so no call computes a value nobody reads.
 */
const BLOCKS = /* @__PURE__ */ Array.from({ length: 7 }, (_, i) => new Float64Array(1 << i));

/** The work buffer for the next block when `remaining` (≥ 1) values are left. */
function block(remaining: number): Float64Array {
  return BLOCKS[remaining >= 64 ? 6 : 31 - Math.clz32(remaining)];
}

/** The forward loop of one kind, `a = g(z)` (see {@link ActivationKernel.forward}). @internal */
export type ActivationForward = ActivationKernel['forward'];

const SELU_LAMBDA = 1.0507009873554804934193349852946;
const SELU_ALPHA = 1.6732632423543772848170429916717;
const GELU_C = 0.7978845608028654; // √(2/π): Math.sqrt(2 / Math.PI), a literal so unused it tree-shakes
const GELU_K = 0.044715;
const LEAKY_RELU_ALPHA = 0.01;
const ELU_ALPHA = 1;

// ---- forward loops (what an inference runtime ships) ----

function sigmoidForward(z: Float64Array, a: Float64Array): void {
  sigmoidInto(a, z);
}

function tanhForward(z: Float64Array, a: Float64Array): void {
  tanhInto(a, z);
}

/** {@link tanhForward}'s bits through the compact tanh (for {@link FORWARD}). */
function tanhCompactForward(z: Float64Array, a: Float64Array): void {
  tanhSlotInto(a, z);
}

function reluForward(z: Float64Array, a: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    const x = z[i];
    a[i] = x > 0 ? x : 0;
  }
}

function leakyReluForward(z: Float64Array, a: Float64Array, _rows: number, _cols: number, alpha: number): void {
  for (let i = 0; i < a.length; i++) {
    const x = z[i];
    a[i] = x > 0 ? x : alpha * x;
  }
}

function softmaxForward(z: Float64Array, a: Float64Array, rows: number, cols: number): void {
  // Stable: each column's maximum is subtracted first. The shifted values go into a, one exp pass
  // turns them into e^(z − max), and each column is summed (rows in order) and scaled.
  for (let j = 0; j < cols; j++) {
    let max = -Infinity;
    for (let i = 0, s = j; i < rows; i++, s += cols) if (z[s] > max) max = z[s];
    for (let i = 0, s = j; i < rows; i++, s += cols) a[s] = z[s] - max;
  }
  expInto(a, a);
  for (let j = 0; j < cols; j++) {
    let sum = 0;
    for (let i = 0, s = j; i < rows; i++, s += cols) sum += a[s];
    const inv = 1 / sum;
    for (let i = 0, s = j; i < rows; i++, s += cols) a[s] *= inv;
  }
}

function identityForward(z: Float64Array, a: Float64Array): void {
  if (a !== z) a.set(z);
}

/**
 * The forward loop of ELU and SELU: `a = z > 0 ? s·z : c·(e^z − 1)` (ELU: `s = 1`, `c = α`; SELU:
 * `s = λ`, `c = λ·α`).
 */
function eluForward(z: Float64Array, a: Float64Array, s: number, c: number): void {
  const n = a.length;
  for (let b = 0, m = 0; b < n; b += m) {
    const w = block(n - b);
    m = w.length;
    // e^z − 1 only where it is used (0 where z > 0, expm1's fastest path)
    for (let k = 0; k < m; k++) {
      const x = z[b + k];
      w[k] = x > 0 ? 0 : x;
    }
    expm1Into(w, w);
    for (let k = 0; k < m; k++) {
      const x = z[b + k];
      a[b + k] = x > 0 ? s * x : c * w[k];
    }
  }
}

function eluKindForward(z: Float64Array, a: Float64Array, _rows: number, _cols: number, alpha: number): void {
  eluForward(z, a, 1, alpha);
}

function seluForward(z: Float64Array, a: Float64Array): void {
  eluForward(z, a, SELU_LAMBDA, SELU_LAMBDA * SELU_ALPHA);
}

/** GELU's forward loop with the tanh array form `tanh` (both forms give the same bits). */
const geluForward =
  (tanh: (out: Float64Array, x: Float64Array) => void) =>
  (z: Float64Array, a: Float64Array): void => {
    const n = a.length;
    for (let b = 0, m = 0; b < n; b += m) {
      const w = block(n - b);
      m = w.length;
      for (let k = 0; k < m; k++) {
        const x = z[b + k];
        w[k] = GELU_C * (x + GELU_K * x * x * x);
      }
      tanh(w, w);
      for (let k = 0; k < m; k++) a[b + k] = 0.5 * z[b + k] * (1 + w[k]);
    }
  };

function softplusForward(z: Float64Array, a: Float64Array): void {
  softplusInto(a, z);
}

function siluForward(z: Float64Array, a: Float64Array): void {
  const n = a.length;
  for (let b = 0, m = 0; b < n; b += m) {
    const w = block(n - b);
    m = w.length;
    for (let k = 0; k < m; k++) w[k] = z[b + k];
    sigmoidInto(w, w);
    for (let k = 0; k < m; k++) a[b + k] = z[b + k] * w[k];
  }
}

/**
 * The forward loop of every activation kind, keyed by the layer's `type`: all the activation code
 * `bottomup/predict` ships (Tanh and GELU through the compact tanh). @internal
 */
export const FORWARD = {
  Sigmoid: sigmoidForward,
  Tanh: tanhCompactForward,
  ReLU: reluForward,
  LeakyReLU: leakyReluForward,
  Softmax: softmaxForward,
  Identity: identityForward,
  ELU: eluKindForward,
  SELU: seluForward,
  GELU: /* @__PURE__ */ geluForward(tanhSlotInto),
  Softplus: softplusForward,
  SiLU: siluForward,
} as const satisfies Record<string, ActivationForward>;

/** The kind of an activation layer, its `type` in JSON. @internal */
export type ActivationType = keyof typeof FORWARD;

/** The default `alpha` of the kinds that take one; the other kinds are absent. @internal */
export const ALPHA: Readonly<Partial<Record<ActivationType, number>>> = {
  LeakyReLU: LEAKY_RELU_ALPHA,
  ELU: ELU_ALPHA,
};

// ---- the kernels: each kind's forward loop and its backward loop ----

/** `σ(z) = 1/(1 + e^(−z))`, without overflow for any `z`. @internal */
export const SIGMOID: ActivationKernel = {
  forward: sigmoidForward,
  backward(_z, a, da, dz) {
    for (let i = 0; i < dz.length; i++) {
      const s = a[i];
      // in the forward pass this was: a = σ(z), so now: dz = da·σ′(z) = da·a·(1 − a)
      dz[i] = da[i] * s * (1 - s);
    }
  },
};

/** `tanh z`. @internal */
export const TANH: ActivationKernel = {
  forward: tanhForward,
  backward(_z, a, da, dz) {
    for (let i = 0; i < dz.length; i++) {
      const t = a[i];
      // in the forward pass this was: a = tanh(z), so now: dz = da·(1 − a²)
      dz[i] = da[i] * (1 - t * t);
    }
  },
};

/** `max(0, z)`; the kink at 0 takes slope 0. @internal */
export const RELU: ActivationKernel = {
  forward: reluForward,
  backward(z, _a, da, dz) {
    // in the forward pass this was: a = z > 0 ? z : 0, so now: dz = z > 0 ? da : 0
    for (let i = 0; i < dz.length; i++) dz[i] = z[i] > 0 ? da[i] : 0;
  },
};

/** `z` for `z > 0`, else `α·z`. @internal */
export const LEAKY_RELU: ActivationKernel & { readonly alpha: number } = {
  alpha: LEAKY_RELU_ALPHA,
  forward: leakyReluForward,
  backward(z, _a, da, dz, _rows, _cols, alpha) {
    // in the forward pass this was: a = z > 0 ? z : α·z, so now: dz = z > 0 ? da : α·da
    for (let i = 0; i < dz.length; i++) dz[i] = z[i] > 0 ? da[i] : alpha * da[i];
  },
};

/** `e^(z_i − max) / Σ_k e^(z_k − max)` over each column. @internal */
export const SOFTMAX: ActivationKernel = {
  forward: softmaxForward,
  backward(_z, a, da, dz, rows, cols) {
    for (let j = 0; j < cols; j++) {
      let dot = 0;
      for (let i = 0, s = j; i < rows; i++, s += cols) dot += a[s] * da[s];
      // in the forward pass this was: a_i = e^(z_i)/Σ_k e^(z_k), so ∂a_i/∂z_l = a_i·(δ_il − a_l), and
      // now: dz_i = Σ_l da_l·a_l·(δ_li − a_i) = a_i·(da_i − Σ_l a_l·da_l)
      for (let i = 0, s = j; i < rows; i++, s += cols) dz[s] = a[s] * (da[s] - dot);
    }
  },
};

/** `z`. @internal */
export const IDENTITY: ActivationKernel = {
  forward: identityForward,
  backward(_z, _a, da, dz) {
    // in the forward pass this was: a = z, so now: dz = da
    if (dz !== da) dz.set(da);
  },
};

/**
 * The backward loop of ELU and SELU: `dz = z > 0 ? s·da : da·s·t·e^z` (ELU: `s = 1`, `t = α`; SELU:
 * `s = λ`, `t = α`, so each kind's products round as its formula is written).
 */
function eluBackward(z: Float64Array, da: Float64Array, dz: Float64Array, s: number, t: number): void {
  const n = dz.length;
  for (let b = 0, m = 0; b < n; b += m) {
    const w = block(n - b);
    m = w.length;
    for (let k = 0; k < m; k++) {
      const x = z[b + k];
      w[k] = x > 0 ? 0 : x;
    }
    expInto(w, w);
    for (let k = 0; k < m; k++) {
      // in the forward pass this was: a = z > 0 ? s·z : c·(e^z − 1), so now: dz = z > 0 ? s·da : da·s·t·e^z
      dz[b + k] = z[b + k] > 0 ? s * da[b + k] : da[b + k] * s * t * w[k];
    }
  }
}

/** `z` for `z > 0`, else `α·(e^z − 1)`. @internal */
export const ELU_KERNEL: ActivationKernel & { readonly alpha: number } = {
  alpha: ELU_ALPHA,
  forward: eluKindForward,
  backward(z, _a, da, dz, _rows, _cols, alpha) {
    eluBackward(z, da, dz, 1, alpha);
  },
};

/** `λ·z` for `z > 0`, else `λ·α·(e^z − 1)`, Klambauer et al.'s λ and α. @internal */
export const SELU_KERNEL: ActivationKernel = {
  forward: seluForward,
  backward(z, _a, da, dz) {
    eluBackward(z, da, dz, SELU_LAMBDA, SELU_ALPHA);
  },
};

/** `½·z·(1 + tanh(√(2/π)·(z + 0.044715·z³)))`, the tanh approximation. @internal */
export const GELU_KERNEL: ActivationKernel = {
  forward: /* @__PURE__ */ geluForward(tanhInto),
  backward(z, _a, da, dz) {
    const n = dz.length;
    for (let b = 0, m = 0; b < n; b += m) {
      const w = block(n - b);
      m = w.length;
      for (let k = 0; k < m; k++) {
        const x = z[b + k];
        w[k] = GELU_C * (x + GELU_K * x * x * x);
      }
      tanhInto(w, w);
      for (let k = 0; k < m; k++) {
        const x = z[b + k];
        const t = w[k];
        const sech2 = 1 - t * t;
        // in the forward pass this was: a = ½·z·(1 + t) with t = tanh u, u = √(2/π)·(z + 0.044715·z³),
        // so now: dz = da·(½·(1 + t) + ½·z·(1 − t²)·√(2/π)·(1 + 3·0.044715·z²)). Once tanh saturates
        // (|z| ≳ 10) the second term is exactly 0; skipping it avoids 0·∞ = NaN when z² overflows
        // (|z| > 1.3e154).
        dz[b + k] =
          da[b + k] *
          (sech2 === 0 ? 0.5 * (1 + t) : 0.5 * (1 + t) + 0.5 * x * sech2 * GELU_C * (1 + 3 * GELU_K * x * x));
      }
    }
  },
};

/** `max(z, 0) + log1p(e^(−|z|))`. @internal */
export const SOFTPLUS: ActivationKernel = {
  forward: softplusForward,
  backward(z, _a, da, dz) {
    const n = dz.length;
    for (let b = 0, m = 0; b < n; b += m) {
      const w = block(n - b);
      m = w.length;
      for (let k = 0; k < m; k++) w[k] = z[b + k];
      sigmoidInto(w, w);
      // in the forward pass this was: a = log(1 + e^z), so now: dz = da·σ(z)
      for (let k = 0; k < m; k++) dz[b + k] = da[b + k] * w[k];
    }
  },
};

/** `z·σ(z)`. @internal */
export const SILU: ActivationKernel = {
  forward: siluForward,
  backward(z, _a, da, dz) {
    const n = dz.length;
    for (let b = 0, m = 0; b < n; b += m) {
      const w = block(n - b);
      m = w.length;
      for (let k = 0; k < m; k++) w[k] = z[b + k];
      sigmoidInto(w, w);
      for (let k = 0; k < m; k++) {
        const x = z[b + k];
        const s = w[k];
        // in the forward pass this was: a = z·σ(z), so now: dz = da·(σ + z·σ·(1 − σ)) = da·σ·(1 + z·(1 − σ))
        dz[b + k] = da[b + k] * s * (1 + x * (1 - s));
      }
    }
  },
};

/**
 * The kernel of every activation kind, keyed by the layer's `type`. (Each class imports only its own
 * kernel, so an app that imports `Tanh` ships no other kind's loops; `loadModel` builds the classes,
 * and `bottomup/predict` reads {@link FORWARD}.) @internal
 */
export const ACTIVATIONS = {
  Sigmoid: SIGMOID,
  Tanh: TANH,
  ReLU: RELU,
  LeakyReLU: LEAKY_RELU,
  Softmax: SOFTMAX,
  Identity: IDENTITY,
  ELU: ELU_KERNEL,
  SELU: SELU_KERNEL,
  GELU: GELU_KERNEL,
  Softplus: SOFTPLUS,
  SiLU: SILU,
} as const satisfies Record<ActivationType, ActivationKernel>;
