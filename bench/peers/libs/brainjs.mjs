/**
 * brain.js driver (`NeuralNetwork`, CPU). brain.js 1.x trains online: one weight update per example
 * (`learningRate`, `momentum`), squared-error deltas, and one activation for every layer, output
 * included. Its validator refuses momentum 0, so 1e-9 stands for "no momentum".
 */
import { createRequire } from 'node:module';
import { planarData, mlpData, columns, SETTINGS } from '../data.mjs';
import { timeRuns, binaryAccuracy, classAccuracy, packageVersion } from '../harness.mjs';

const require = createRequire(import.meta.url);
const brain = require('brain.js');
const version = packageVersion('brain.js');

/**
 * Workload 1 — `train(data, { iterations: 10000 })` = 10 000 passes over the 400 examples, an
 * update after each example: tanh everywhere (so the output unit is tanh, thresholded at 0.5),
 * learningRate 0.003 = 1.2 / 400 (one pass ≈ one full-batch step of 1.2), errorThresh 1e-12 so it
 * never stops early. brain.js's own initial weights.
 */
export async function planar({ reps = 5, steps }) {
  const full = SETTINGS.planar.steps;
  const n = steps ?? full;
  const d = planarData();
  const data = columns(d.X, 2, d.m).map((x, j) => ({ input: x, output: [d.Y[j]] }));
  let accuracy = NaN;
  const run = (iterations) => {
    const net = new brain.NeuralNetwork({ hiddenLayers: [4], activation: 'tanh' });
    net.train(data, {
      iterations,
      errorThresh: 1e-12,
      learningRate: SETTINGS.planar.learningRate / d.m,
      momentum: 1e-9,
    });
    accuracy = binaryAccuracy(
      data.map((s) => net.run(s.input)[0]),
      d.Y,
    );
  };
  const times = await timeRuns(() => run(n), { reps, warmup: () => run(Math.min(1000, n)) });
  return { version, times, steps: n, fullSteps: full, accuracy };
}

/**
 * Workload 2 — 784 → 128 → 10, one `train(data, { iterations: 1 })` pass = 8192 per-example updates.
 * brain.js 1.x has no softmax and one activation for all layers: 'leaky-relu' (plain 'relu' output
 * units died in trials), squared error, learningRate 0.01.
 */
export async function mlp({ reps = 2, samples }) {
  const d = mlpData();
  const m = samples ?? d.m;
  const X = columns(d.X, d.nx, d.m).slice(0, m);
  const Y = columns(d.Y, d.ny, d.m).slice(0, m);
  const data = X.map((x, j) => ({ input: x, output: Y[j] }));
  const net = new brain.NeuralNetwork({ hiddenLayers: [128], activation: 'leaky-relu' });
  const epoch = () => net.train(data, { iterations: 1, errorThresh: 1e-12, learningRate: 0.01, momentum: 1e-9 });
  const times = await timeRuns(epoch, { reps, warmup: epoch });
  const accuracy = classAccuracy((j) => net.run(X[j]), d.labels.subarray(0, m));
  return { version, times, samples: m, epochs: reps + 1, accuracy };
}
