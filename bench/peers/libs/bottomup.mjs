/**
 * bottomup driver: imports the built library from `../../../dist/index.js` (the root `npm run build`
 * produces it). Float64 throughout.
 */
import { readFileSync } from 'node:fs';
import { planarData, planarInit, mlpData, mlpInit, deepInit, squareMatrix, SETTINGS } from '../data.mjs';
import { timeRuns, binaryAccuracy, classAccuracy, sliceColumns, timeMatmul } from '../harness.mjs';

const distUrl = new URL('../../../dist/index.js', import.meta.url);
const bu = await import(distUrl.href);
const version = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;

/**
 * Runs `fn` with `bottomup/parallel`'s pool of `threads` threads started (the job's `parallel`), or
 * without one when `threads` is undefined.
 */
async function withThreads(threads, fn) {
  if (threads === undefined) return fn();
  const { startParallel } = await import(new URL('../../../dist/parallel.js', import.meta.url).href);
  const pool = await startParallel({ threads });
  try {
    return await fn();
  } finally {
    await pool.close();
  }
}

/** Throws a recognisable error when the part of the API a workload needs is not built yet. */
function need(...names) {
  const missing = names.filter((n) => !(n in bu));
  if (missing.length) {
    const e = new Error(`pending: dist/index.js does not export ${missing.join(', ')} yet`);
    e.pending = true;
    throw e;
  }
}

/** Throws the same "pending" error when `fit` (a free function over any model) is not there. */
function needFit() {
  need('fit');
}

/** Copies the shared initial weights into the Dense layers (shapes match: W is (out, in) row-major). */
function loadWeights(denses, init) {
  denses.forEach((layer, l) => {
    layer.weight.value.data.set(init.W[l]);
    layer.bias.value.data.set(init.b[l]);
  });
}

/** Workload 1 — planar 2 → 4 tanh → 1 sigmoid, BCE, full-batch GD, lr 1.2. */
export async function planar({ mode = 'loop', reps = 5, steps }) {
  need('Matrix', 'Sequential', 'Dense', 'Tanh', 'Sigmoid', 'BinaryCrossEntropy', 'SGD');
  const { Matrix, Sequential, Dense, Tanh, Sigmoid, BinaryCrossEntropy, SGD } = bu;
  const { learningRate } = SETTINGS.planar;
  const full = SETTINGS.planar.steps;
  const n = steps ?? full;
  const d = planarData();
  const init = planarInit();
  const X = new Matrix(2, d.m, d.X.slice()); // one column per example
  const Y = new Matrix(1, d.m, d.Y.slice());
  let accuracy = NaN;
  let cost = NaN;

  const run = async (count) => {
    const d1 = new Dense(2, 4, { init: 'small', seed: 1 });
    const d2 = new Dense(4, 1, { init: 'small', seed: 2 });
    loadWeights([d1, d2], init); // the same starting point as every other library
    const model = new Sequential([d1, new Tanh(), d2, new Sigmoid()]);
    const loss = new BinaryCrossEntropy();
    const optimizer = new SGD(model.parameters(), { learningRate });
    if (mode === 'loop') {
      for (let i = 0; i < count; i++) {
        cost = loss.forward(model.forward(X), Y);
        optimizer.zeroGrad();
        model.backward(loss.backward());
        optimizer.step();
      }
    } else {
      needFit();
      await bu.fit(model, X, Y, { loss, optimizer, epochs: count, batchSize: d.m, shuffle: false });
    }
    accuracy = binaryAccuracy(model.forward(X).data, d.Y);
  };
  const times = await timeRuns(() => run(n), { reps, warmup: () => run(Math.min(1000, n)) });
  return { version, times, steps: n, fullSteps: full, accuracy, cost: mode === 'loop' ? cost : undefined };
}

/** Workload 2 — MLP 784 → 128 ReLU → 10 softmax, CCE, SGD lr 0.1, batch 64, one epoch of 8192. */
export async function mlp({ mode = 'loop', reps = 5, samples, parallel }) {
  need('Matrix', 'Sequential', 'Dense', 'ReLU', 'Softmax', 'CategoricalCrossEntropy', 'SGD');
  const { Matrix, Sequential, Dense, ReLU, Softmax, CategoricalCrossEntropy, SGD } = bu;
  const { learningRate, batchSize } = SETTINGS.mlp;
  const d = mlpData();
  const m = samples ?? d.m;
  const init = mlpInit();
  const d1 = new Dense(784, 128, { init: 'he' });
  const d2 = new Dense(128, 10);
  loadWeights([d1, d2], init);
  const model = new Sequential([d1, new ReLU(), d2, new Softmax()]);
  const loss = new CategoricalCrossEntropy();
  const optimizer = new SGD(model.parameters(), { learningRate });
  const X = new Matrix(d.nx, m, sliceColumns(d.X, d.nx, d.m, 0, m));
  const Y = new Matrix(d.ny, m, sliceColumns(d.Y, d.ny, d.m, 0, m));
  let epoch;
  if (mode === 'loop') {
    // Mini-batches are column slices, made once up front (every library gets its batches ready-made).
    const batches = [];
    for (let j = 0; j < m; j += batchSize) {
      const size = Math.min(batchSize, m - j);
      batches.push([
        new Matrix(d.nx, size, sliceColumns(X.data, d.nx, m, j, size)),
        new Matrix(d.ny, size, sliceColumns(Y.data, d.ny, m, j, size)),
      ]);
    }
    epoch = () => {
      for (const [xb, yb] of batches) {
        loss.forward(model.forward(xb), yb);
        optimizer.zeroGrad();
        model.backward(loss.backward());
        optimizer.step();
      }
    };
  } else {
    needFit();
    epoch = () => bu.fit(model, X, Y, { loss, optimizer, epochs: 1, batchSize, shuffle: false });
  }
  const times = await withThreads(parallel, () => timeRuns(epoch, { reps, warmup: epoch }));
  const P = model.forward(X);
  const accuracy = classAccuracy(
    (j) => {
      const s = new Float64Array(d.ny);
      for (let c = 0; c < d.ny; c++) s[c] = P.data[c * m + j];
      return s;
    },
    d.labels.subarray(0, m),
  );
  return { version, times, samples: m, epochs: reps + 1, accuracy };
}

/**
 * The deeper network (numpy comparison): 784 → 256 ReLU → 128 ReLU → 10 softmax, CCE, Adam (lr 0.001),
 * batch 128, `fit` over one epoch of 60 000 synthetic examples (`samples` shortens it). The warm-up is
 * a `fit` over the first `warmupSamples` (default 2 560) examples with a model of its own.
 */
export async function deep({ reps = 1, samples, warmupSamples = 2560, parallel }) {
  need('Matrix', 'Sequential', 'Dense', 'ReLU', 'Softmax', 'CategoricalCrossEntropy', 'Adam', 'fit');
  const { Matrix, Sequential, Dense, ReLU, Softmax, CategoricalCrossEntropy, Adam } = bu;
  const { learningRate, batchSize, m: full } = SETTINGS.deep;
  const d = mlpData({ m: full });
  const m = samples ?? full;
  const build = () => {
    const denses = [new Dense(784, 256), new Dense(256, 128), new Dense(128, 10)];
    loadWeights(denses, deepInit());
    const model = new Sequential([denses[0], new ReLU(), denses[1], new ReLU(), denses[2], new Softmax()]);
    return { model, loss: new CategoricalCrossEntropy(), optimizer: new Adam(model.parameters(), { learningRate }) };
  };
  const cut = (k) => [
    new Matrix(d.nx, k, k === d.m ? d.X : sliceColumns(d.X, d.nx, d.m, 0, k)),
    new Matrix(d.ny, k, k === d.m ? d.Y : sliceColumns(d.Y, d.ny, d.m, 0, k)),
  ];
  const [X, Y] = cut(m);
  const [Xw, Yw] = cut(Math.min(warmupSamples, m));
  let net = build();
  const epoch = (x, y) =>
    bu.fit(net.model, x, y, { loss: net.loss, optimizer: net.optimizer, epochs: 1, batchSize, shuffle: false });
  const times = await withThreads(parallel, () =>
    timeRuns(
      () => {
        net = build();
        return epoch(X, Y);
      },
      { reps, warmup: () => epoch(Xw, Yw) },
    ),
  );
  const P = net.model.forward(X);
  const accuracy = classAccuracy(
    (j) => {
      const s = new Float64Array(d.ny);
      for (let c = 0; c < d.ny; c++) s[c] = P.data[c * m + j];
      return s;
    },
    d.labels.subarray(0, m),
  );
  return { version, times, samples: m, accuracy };
}

/** Workload 3 — square matmul, Float64, allocation-free `matmulInto(out, A, B)`. */
export async function matmul({ sizes = SETTINGS.matmul.sizes, reps = 5, parallel }) {
  need('Matrix', 'matmulInto');
  const { Matrix, matmulInto } = bu;
  const results = [];
  for (const n of sizes) {
    const a = new Matrix(n, n, squareMatrix(n, 1));
    const b = new Matrix(n, n, squareMatrix(n, 2));
    const out = new Matrix(n, n);
    const seconds = await withThreads(parallel, () => timeMatmul(() => matmulInto(out, a, b), { reps }));
    results.push({ n, seconds, gflops: (2 * n ** 3) / seconds / 1e9 });
  }
  return { version, results };
}
