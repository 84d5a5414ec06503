/**
 * convnetjs driver: `Net` + `Trainer` (method 'sgd', momentum 0, no weight decay). Its trainer runs
 * forward/backward one example at a time, accumulates the gradients and applies their mean every
 * `batch_size` examples — so it does true mini-batch (or, with batch_size = m, full-batch) gradient
 * descent. Loss: softmax + cross-entropy (convnetjs has no sigmoid/BCE loss).
 */
import { createRequire } from 'node:module';
import { planarData, planarInit, mlpData, mlpInit, columns, SETTINGS } from '../data.mjs';
import { timeRuns, binaryAccuracy, classAccuracy, packageVersion } from '../harness.mjs';

const require = createRequire(import.meta.url);
const convnetjs = require('convnetjs');
const version = packageVersion('convnetjs');

function toVols(X, rows, m, count = m) {
  return columns(X, rows, m)
    .slice(0, count)
    .map((x) => {
      const v = new convnetjs.Vol(1, 1, rows, 0);
      for (let i = 0; i < rows; i++) v.w[i] = x[i];
      return v;
    });
}

/** Sets an fc layer's filters (one per output unit) and biases from a row-major (out, in) W and b. */
function setFc(layer, W, b, nIn) {
  layer.filters.forEach((f, o) => {
    for (let i = 0; i < nIn; i++) f.w[i] = W[o * nIn + i];
    layer.biases.w[o] = b[o];
  });
}

/**
 * Workload 1 — 2 → 4 tanh → 2-way softmax, batch_size 400 (full batch), learning_rate 1.2,
 * 10 000 passes. The 2-way softmax is the sigmoid model over-parameterised (p₁ = σ(z₁ − z₀));
 * its output rows start at ∓W2/2 so z₁ − z₀ starts equal to the others' logit, but the step on
 * z₁ − z₀ is twice the sigmoid model's. Hidden layer from the shared initial weights.
 */
export async function planar({ reps = 3, steps }) {
  const full = SETTINGS.planar.steps;
  const n = steps ?? full;
  const d = planarData();
  const init = planarInit();
  const vols = toVols(d.X, 2, d.m);
  let accuracy = NaN;
  const run = (count) => {
    const net = new convnetjs.Net();
    net.makeLayers([
      { type: 'input', out_sx: 1, out_sy: 1, out_depth: 2 },
      { type: 'fc', num_neurons: 4, activation: 'tanh' },
      { type: 'softmax', num_classes: 2 },
    ]);
    setFc(net.layers[1], init.W[0], init.b[0], 2);
    const half = init.W[1].map((w) => w / 2);
    setFc(net.layers[3], [...half.map((w) => -w), ...half], [0, 0], 4);
    const trainer = new convnetjs.Trainer(net, {
      method: 'sgd',
      learning_rate: SETTINGS.planar.learningRate,
      momentum: 0,
      batch_size: d.m,
      l2_decay: 0,
    });
    for (let e = 0; e < count; e++) for (let j = 0; j < d.m; j++) trainer.train(vols[j], d.Y[j]);
    accuracy = binaryAccuracy(
      vols.map((v) => net.forward(v).w[1]),
      d.Y,
    );
  };
  const times = await timeRuns(() => run(n), { reps, warmup: () => run(Math.min(500, n)) });
  return { version, times, steps: n, fullSteps: full, accuracy };
}

/** Workload 2 — 784 → 128 ReLU → 10 softmax, batch_size 64, learning_rate 0.1, shared init. */
export async function mlp({ reps = 3, samples }) {
  const { learningRate, batchSize } = SETTINGS.mlp;
  const d = mlpData();
  const m = samples ?? d.m;
  const init = mlpInit();
  const vols = toVols(d.X, d.nx, d.m, m);
  const net = new convnetjs.Net();
  net.makeLayers([
    { type: 'input', out_sx: 1, out_sy: 1, out_depth: d.nx },
    { type: 'fc', num_neurons: 128, activation: 'relu' },
    { type: 'softmax', num_classes: 10 },
  ]);
  setFc(net.layers[1], init.W[0], init.b[0], 784);
  setFc(net.layers[3], init.W[1], init.b[1], 128);
  const trainer = new convnetjs.Trainer(net, {
    method: 'sgd',
    learning_rate: learningRate,
    momentum: 0,
    batch_size: batchSize,
    l2_decay: 0,
  });
  const epoch = () => {
    for (let j = 0; j < m; j++) trainer.train(vols[j], d.labels[j]);
  };
  const times = await timeRuns(epoch, { reps, warmup: epoch });
  const accuracy = classAccuracy((j) => net.forward(vols[j]).w, d.labels.subarray(0, m));
  return { version, times, samples: m, epochs: reps + 1, accuracy };
}
