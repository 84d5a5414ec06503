/**
 * Deterministic benchmark data, shared by every library in the peer benchmark (and by bottomup's own
 * bench): a tiny self-contained seeded PRNG, the planar "flower" data set, a synthetic 784-D
 * classification set, shared initial weights and square test matrices.
 *
 * No dependencies (in particular none on bottomup), so every library sees exactly the same numbers.
 * Matrices are `Float64Array`s in row-major order; data sets use the course's layout, one column per
 * example: `X` is `(n_x, m)`, element `(i, j)` at `X[i * m + j]`.
 *
 * @module
 */

/**
 * mulberry32: a 32-bit-state PRNG. Returns a function giving uniforms in `[0, 1)` with 32 bits each.
 *
 * @param {number} seed - any integer (taken modulo 2^32).
 * @returns {() => number}
 */
export function mulberry32(seed) {
  let s = seed >>> 0;
  return function next() {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seeded generator with `uniform()` in `[0, 1)` and `randn()` (standard normal, Box–Muller, both
 * values of each pair used: the first is `r·cos θ`, the second `r·sin θ`).
 *
 * @param {number} seed
 * @returns {{ uniform: () => number, randn: () => number }}
 */
export function createRng(seed) {
  const next = mulberry32(seed);
  let spare = NaN;
  return {
    uniform: next,
    randn() {
      if (!Number.isNaN(spare)) {
        const v = spare;
        spare = NaN;
        return v;
      }
      // 1 - u is in (0, 1], so the log is finite.
      const u1 = 1 - next();
      const u2 = next();
      const r = Math.sqrt(-2 * Math.log(u1));
      const theta = 2 * Math.PI * u2;
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
  };
}

/**
 * The planar "flower" data set of the course (week 3): two petals-worth of points per class.
 * For class `j` in {0, 1}: `t = linspace(j·3.12, (j+1)·3.12, N) + 0.2·randn`,
 * `r = a·sin(4t) + 0.2·randn`, point `(r·sin t, r·cos t)`, label `j`; `N = m / 2`, `a = 4`.
 * The random draws are made in this order: for class 0 the `N` t-noises then the `N` r-noises, then
 * the same for class 1.
 *
 * @param {{ seed?: number, m?: number }} [options] - seed (default 1), m (default 400, even).
 * @returns {{ nx: number, ny: number, m: number, X: Float64Array, Y: Float64Array }} `X` is
 *   `(2, m)`, `Y` is `(1, m)`, both row-major.
 */
export function planarData({ seed = 1, m = 400 } = {}) {
  const rng = createRng(seed);
  const N = m / 2;
  const a = 4;
  const X = new Float64Array(2 * m);
  const Y = new Float64Array(m);
  for (let j = 0; j < 2; j++) {
    const lo = j * 3.12;
    const hi = (j + 1) * 3.12;
    const t = new Float64Array(N);
    for (let i = 0; i < N; i++) t[i] = lo + ((hi - lo) * i) / (N - 1) + 0.2 * rng.randn();
    for (let i = 0; i < N; i++) {
      const r = a * Math.sin(4 * t[i]) + 0.2 * rng.randn();
      const col = j * N + i;
      X[col] = r * Math.sin(t[i]);
      X[m + col] = r * Math.cos(t[i]);
      Y[col] = j;
    }
  }
  return { nx: 2, ny: 1, m, X, Y };
}

/**
 * Initial weights for a `sizes[0] → sizes[1] → … ` dense network, the course's `randn·scale` for the
 * weights (default 0.01) and zeros for the biases. `W[l]` is `(sizes[l+1], sizes[l])` row-major,
 * `b[l]` is `(sizes[l+1], 1)`. Layers are drawn in order, each weight matrix row by row.
 *
 * @param {number[]} sizes - e.g. `[2, 4, 1]`.
 * @param {{ seed?: number, scale?: number | number[] }} [options] - seed (default 3); scale: one
 *   number, or one per layer.
 * @returns {{ W: Float64Array[], b: Float64Array[] }}
 */
export function initWeights(sizes, { seed = 3, scale = 0.01 } = {}) {
  const rng = createRng(seed);
  const W = [];
  const b = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const s = Array.isArray(scale) ? scale[l] : scale;
    const w = new Float64Array(sizes[l + 1] * sizes[l]);
    for (let i = 0; i < w.length; i++) w[i] = rng.randn() * s;
    W.push(w);
    b.push(new Float64Array(sizes[l + 1]));
  }
  return { W, b };
}

/** The planar network's initial weights: `initWeights([2, 4, 1], { seed: 3, scale: 0.01 })`. */
export function planarInit() {
  return initWeights([2, 4, 1], { seed: 3, scale: 0.01 });
}

/**
 * The MLP's initial weights: He (`randn·√(2/784)`) for the 784 → 128 layer and Xavier/Glorot-normal
 * (`randn·√(1/128)`) for the 128 → 10 layer, zero biases.
 */
export function mlpInit() {
  return initWeights([784, 128, 10], { seed: 5, scale: [Math.sqrt(2 / 784), Math.sqrt(1 / 128)] });
}

/**
 * The deeper network's initial weights: He (`randn·√(2/fan_in)`) for the 784 → 256 and 256 → 128 ReLU
 * layers and Xavier/Glorot-normal (`randn·√(1/128)`) for the 128 → 10 softmax layer, zero biases.
 */
export function deepInit() {
  return initWeights([784, 256, 128, 10], {
    seed: 9,
    scale: [Math.sqrt(2 / 784), Math.sqrt(2 / 256), Math.sqrt(1 / 128)],
  });
}

/**
 * A synthetic 784-D, 10-class data set in `[0, 1]`: 10 class prototypes drawn uniformly in
 * `[0, 1]^784`; example `j` has class `j mod 10` and is its prototype plus `noise·randn` per pixel,
 * clipped to `[0, 1]`.
 *
 * @param {{ seed?: number, m?: number, nx?: number, classes?: number, noise?: number }} [options] -
 *   defaults: seed 7, m 8192, nx 784, classes 10, noise 0.5.
 * @returns {{ nx: number, ny: number, m: number, X: Float64Array, Y: Float64Array, labels: Int32Array }}
 *   `X` is `(nx, m)`, `Y` one-hot `(classes, m)`, both row-major.
 */
export function mlpData({ seed = 7, m = 8192, nx = 784, classes = 10, noise = 0.5 } = {}) {
  const rng = createRng(seed);
  const protos = new Float64Array(classes * nx);
  for (let i = 0; i < protos.length; i++) protos[i] = rng.uniform();
  const X = new Float64Array(nx * m);
  const Y = new Float64Array(classes * m);
  const labels = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const c = j % classes;
    labels[j] = c;
    Y[c * m + j] = 1;
    for (let i = 0; i < nx; i++) {
      const v = protos[c * nx + i] + noise * rng.randn();
      X[i * m + j] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  }
  return { nx, ny: classes, m, X, Y, labels };
}

/**
 * A square `n × n` matrix of uniforms in `[-1, 1)`, row-major.
 *
 * @param {number} n
 * @param {number} [seed] - default 11.
 * @returns {Float64Array}
 */
export function squareMatrix(n, seed = 11) {
  const rng = createRng(seed + n);
  const a = new Float64Array(n * n);
  for (let i = 0; i < a.length; i++) a[i] = 2 * rng.uniform() - 1;
  return a;
}

/**
 * The per-example view of a column-layout data set: `out[j]` is column `j` of `X` (`rows × m`,
 * row-major) as a plain array.
 *
 * @param {Float64Array} X
 * @param {number} rows
 * @param {number} m
 * @returns {number[][]}
 */
export function columns(X, rows, m) {
  const out = new Array(m);
  for (let j = 0; j < m; j++) {
    const col = new Array(rows);
    for (let i = 0; i < rows; i++) col[i] = X[i * m + j];
    out[j] = col;
  }
  return out;
}

/**
 * Transposes a row-major `rows × cols` matrix into a new row-major `cols × rows` one (for libraries
 * that put one row per example).
 *
 * @param {Float64Array} A
 * @param {number} rows
 * @param {number} cols
 * @returns {Float64Array}
 */
export function transpose(A, rows, cols) {
  const T = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) T[j * rows + i] = A[i * cols + j];
  return T;
}

/** The workloads' fixed settings, the same for every library. */
export const SETTINGS = Object.freeze({
  planar: Object.freeze({ sizes: [2, 4, 1], learningRate: 1.2, steps: 10_000 }),
  mlp: Object.freeze({ sizes: [784, 128, 10], learningRate: 0.1, batchSize: 64, m: 8192 }),
  matmul: Object.freeze({ sizes: [64, 128, 256, 512] }),
  /** The deeper network (numpy comparison): Adam with the course's defaults, one epoch of 60 000 examples. */
  deep: Object.freeze({ sizes: [784, 256, 128, 10], learningRate: 0.001, batchSize: 128, m: 60_000 }),
});
