/**
 * synaptic driver: `Layer`s projected into a `Network`, trained by `Trainer.train` — online, one
 * update per example. Synaptic compiles ("optimizes") the whole network into one generated function
 * on first use. An output neuron's error is `target − activation`, i.e. the cross-entropy gradient
 * of a logistic unit.
 */
import { createRequire } from 'node:module';
import { planarData, mlpData, columns, SETTINGS } from '../data.mjs';
import { timeRuns, binaryAccuracy, classAccuracy, packageVersion } from '../harness.mjs';

const require = createRequire(import.meta.url);
const { Layer, Network, Trainer, Neuron } = require('synaptic');
const version = packageVersion('synaptic');

function build(sizes, squash) {
  const input = new Layer(sizes[0]);
  const hidden = new Layer(sizes[1]);
  const output = new Layer(sizes[2]); // logistic (synaptic's default squash)
  hidden.set({ squash });
  input.project(hidden);
  hidden.project(output);
  return new Network({ input, hidden: [hidden], output });
}

/**
 * Workload 1 — 2 → 4 tanh → 1 logistic, `train(set, { iterations: 10000 })` = 10 000 passes of
 * per-example updates, rate 0.003 = 1.2 / 400, cost CROSS_ENTROPY, no shuffling. Synaptic's own
 * initial weights.
 */
export async function planar({ reps = 5, steps }) {
  const full = SETTINGS.planar.steps;
  const n = steps ?? full;
  const d = planarData();
  const set = columns(d.X, 2, d.m).map((x, j) => ({ input: x, output: [d.Y[j]] }));
  let accuracy = NaN;
  const run = (iterations) => {
    const net = build([2, 4, 1], Neuron.squash.TANH);
    const trainer = new Trainer(net);
    trainer.train(set, {
      rate: SETTINGS.planar.learningRate / d.m,
      iterations,
      error: 1e-12,
      cost: Trainer.cost.CROSS_ENTROPY,
      shuffle: false,
    });
    accuracy = binaryAccuracy(
      set.map((s) => net.activate(s.input)[0]),
      d.Y,
    );
  };
  const times = await timeRuns(() => run(n), { reps, warmup: () => run(Math.min(1000, n)) });
  return { version, times, steps: n, fullSteps: full, accuracy };
}

/**
 * Workload 2 — 784 → 128 ReLU → 10 logistic, one pass of per-example updates, rate 0.01, cost
 * CROSS_ENTROPY. Far too slow for 8192 examples here, so run.mjs passes `samples` (a prefix of the data
 * set) and reports samples per second over that prefix.
 */
export async function mlp({ reps = 1, samples = 512, warmupSamples = 256 }) {
  const d = mlpData();
  const m = samples;
  const X = columns(d.X, d.nx, d.m).slice(0, m);
  const Y = columns(d.Y, d.ny, d.m).slice(0, m);
  const set = X.map((x, j) => ({ input: x, output: Y[j] }));
  const net = build([784, 128, 10], Neuron.squash.ReLU);
  const trainer = new Trainer(net);
  const opts = { rate: 0.01, iterations: 1, error: 1e-12, cost: Trainer.cost.CROSS_ENTROPY, shuffle: false };
  const times = await timeRuns(() => trainer.train(set, opts), {
    reps,
    // the warm-up also pays for synaptic's one-off compilation of the network
    warmup: () => trainer.train(set.slice(0, warmupSamples), opts),
  });
  const accuracy = classAccuracy((j) => net.activate(X[j]), d.labels.subarray(0, m));
  return { version, times, samples: m, epochs: reps, warmupSamples, accuracy };
}
