/**
 * ml-matrix driver. Workload 3 uses `A.mmul(B)` (Float64). Workloads 1 and 2 are the course's
 * forward/backward written by hand over ml-matrix operations (what a user of a general matrix
 * library would write), allocating new matrices each step as its API does.
 */
import { Matrix } from 'ml-matrix';
import { planarData, planarInit, mlpData, mlpInit, squareMatrix, SETTINGS } from '../data.mjs';
import { timeRuns, binaryAccuracy, classAccuracy, sliceColumns, packageVersion, timeMatmul } from '../harness.mjs';

const version = packageVersion('ml-matrix');
const fromFlat = (rows, cols, data) => Matrix.from1DArray(rows, cols, data);

/**
 * One gradient-descent step of a two-layer network on a batch, the course's equations:
 * Z1 = W1·X + b1, A1 = g(Z1), Z2 = W2·A1 + b2, A2 = out(Z2); dZ2 = (A2 − Y)/m (sigmoid+BCE and
 * softmax+CCE share this form); dW2 = dZ2·A1ᵀ, db2 = Σ dZ2; dZ1 = W2ᵀ·dZ2 ⊙ g'(Z1); dW1 = dZ1·Xᵀ …
 */
function makeNet(init, sizes, hidden, output) {
  const W1 = fromFlat(sizes[1], sizes[0], init.W[0]);
  const b1 = fromFlat(sizes[1], 1, init.b[0]);
  const W2 = fromFlat(sizes[2], sizes[1], init.W[1]);
  const b2 = fromFlat(sizes[2], 1, init.b[1]);
  const forward = (X) => {
    const Z1 = W1.mmul(X).addColumnVector(b1.getColumn(0));
    const A1 = hidden === 'tanh' ? Z1.tanh() : Z1.apply((i, j) => Z1.get(i, j) < 0 && Z1.set(i, j, 0));
    const Z2 = W2.mmul(A1).addColumnVector(b2.getColumn(0));
    let A2;
    if (output === 'sigmoid') {
      A2 = Z2.neg().exp().add(1).pow(-1);
    } else {
      // column-wise stable softmax
      A2 = Z2.clone();
      for (let j = 0; j < A2.columns; j++) {
        let max = -Infinity;
        for (let i = 0; i < A2.rows; i++) max = Math.max(max, A2.get(i, j));
        let s = 0;
        for (let i = 0; i < A2.rows; i++) {
          const e = Math.exp(A2.get(i, j) - max);
          A2.set(i, j, e);
          s += e;
        }
        for (let i = 0; i < A2.rows; i++) A2.set(i, j, A2.get(i, j) / s);
      }
    }
    return { A1, A2 };
  };
  const step = (X, Y, lr) => {
    const m = X.columns;
    const { A1, A2 } = forward(X);
    const dZ2 = Matrix.sub(A2, Y).div(m);
    const dW2 = dZ2.mmul(A1.transpose());
    const db2 = dZ2.sum('row');
    let dZ1 = W2.transpose().mmul(dZ2);
    if (hidden === 'tanh') dZ1 = dZ1.mul(Matrix.mul(A1, A1).neg().add(1));
    else dZ1 = dZ1.apply((i, j) => A1.get(i, j) === 0 && dZ1.set(i, j, 0));
    const dW1 = dZ1.mmul(X.transpose());
    const db1 = dZ1.sum('row');
    W1.sub(dW1.mul(lr));
    W2.sub(dW2.mul(lr));
    for (let i = 0; i < b1.rows; i++) b1.set(i, 0, b1.get(i, 0) - lr * db1[i]);
    for (let i = 0; i < b2.rows; i++) b2.set(i, 0, b2.get(i, 0) - lr * db2[i]);
  };
  return { forward, step };
}

/** Workload 1 — planar, hand-written full-batch gradient descent over ml-matrix. */
export async function planar({ reps = 3, steps }) {
  const { learningRate } = SETTINGS.planar;
  const full = SETTINGS.planar.steps;
  const n = steps ?? full;
  const d = planarData();
  const X = fromFlat(2, d.m, d.X);
  const Y = fromFlat(1, d.m, d.Y);
  let accuracy = NaN;
  const run = (count) => {
    const net = makeNet(planarInit(), [2, 4, 1], 'tanh', 'sigmoid');
    for (let i = 0; i < count; i++) net.step(X, Y, learningRate);
    accuracy = binaryAccuracy(net.forward(X).A2.getRow(0), d.Y);
  };
  const times = await timeRuns(() => run(n), { reps, warmup: () => run(Math.min(1000, n)) });
  return { version, times, steps: n, fullSteps: full, accuracy };
}

/** Workload 2 — MLP, hand-written mini-batch SGD over ml-matrix. */
export async function mlp({ reps = 3, samples }) {
  const { learningRate, batchSize } = SETTINGS.mlp;
  const d = mlpData();
  const m = samples ?? d.m;
  const net = makeNet(mlpInit(), [784, 128, 10], 'relu', 'softmax');
  const batches = [];
  for (let j = 0; j < m; j += batchSize) {
    const size = Math.min(batchSize, m - j);
    batches.push([
      fromFlat(d.nx, size, sliceColumns(d.X, d.nx, d.m, j, size)),
      fromFlat(d.ny, size, sliceColumns(d.Y, d.ny, d.m, j, size)),
    ]);
  }
  const epoch = () => {
    for (const [xb, yb] of batches) net.step(xb, yb, learningRate);
  };
  const times = await timeRuns(epoch, { reps, warmup: epoch });
  const P = net.forward(fromFlat(d.nx, m, sliceColumns(d.X, d.nx, d.m, 0, m))).A2;
  const accuracy = classAccuracy((j) => P.getColumn(j), d.labels.subarray(0, m));
  return { version, times, samples: m, epochs: reps + 1, accuracy };
}

/** Workload 3 — `A.mmul(B)`, Float64 (allocates the result each call, as its API does). */
export async function matmul({ sizes = SETTINGS.matmul.sizes, reps = 5 }) {
  const results = [];
  for (const n of sizes) {
    const a = fromFlat(n, n, squareMatrix(n, 1));
    const b = fromFlat(n, n, squareMatrix(n, 2));
    const seconds = timeMatmul(() => a.mmul(b), { reps });
    results.push({ n, seconds, gflops: (2 * n ** 3) / seconds / 1e9 });
  }
  return { version, results };
}
