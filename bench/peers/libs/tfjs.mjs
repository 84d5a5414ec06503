/**
 * TensorFlow.js driver: `@tensorflow/tfjs` with the pure-JS `cpu` backend or the `wasm` backend
 * (`@tensorflow/tfjs-backend-wasm`, its .wasm binaries loaded from the package's own dist folder).
 * Float32 throughout (TF.js has no Float64 kernels).
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';
import { planarData, planarInit, mlpData, mlpInit, squareMatrix, transpose, SETTINGS } from '../data.mjs';
import { timeRuns, binaryAccuracy, classAccuracy, sliceColumns, packageVersion, timeMatmul } from '../harness.mjs';

/** TF.js takes Float32Array (not Float64Array) data. */
const f32 = (a) => Float32Array.from(a);

export const packages = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'];

async function useBackend(backend) {
  if (backend === 'wasm') {
    // A plain directory path (with trailing slash) works in Node: the backend reads the file from disk.
    setWasmPaths(fileURLToPath(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
  await tf.ready();
  const info = { backend: tf.getBackend(), version: packageVersion('@tensorflow/tfjs') };
  if (backend === 'wasm') {
    info.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    info.threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  }
  return info;
}

/** Workload 1 — planar 2 → 4 tanh → 1 sigmoid, BCE, full-batch GD, lr 1.2. */
export async function planar({ backend = 'cpu', mode = 'loop', reps = 3, steps }) {
  const info = await useBackend(backend);
  const { learningRate } = SETTINGS.planar;
  const full = SETTINGS.planar.steps;
  const n = steps ?? full;
  const d = planarData();
  const init = planarInit();
  let accuracy = NaN;

  if (mode === 'loop') {
    // The course's layout: X (2, m), W1 (4, 2), b1 (4, 1), W2 (1, 4), b2 (1, 1).
    const X = tf.tensor2d(f32(d.X), [2, d.m]);
    const Y = tf.tensor2d(f32(d.Y), [1, d.m]);
    const run = (count) => {
      // (variables survive tidy; their initial-value tensors do not)
      const vars = tf.tidy(() => [
        tf.variable(tf.tensor2d(f32(init.W[0]), [4, 2])),
        tf.variable(tf.zeros([4, 1])),
        tf.variable(tf.tensor2d(f32(init.W[1]), [1, 4])),
        tf.variable(tf.zeros([1, 1])),
      ]);
      const [W1, b1, W2, b2] = vars;
      const opt = tf.train.sgd(learningRate);
      const logits = () => tf.add(tf.matMul(W2, tf.tanh(tf.add(tf.matMul(W1, X), b1))), b2);
      for (let i = 0; i < count; i++) {
        // sigmoid + binary cross-entropy, computed stably from the logits (same math).
        tf.tidy(() => {
          opt.minimize(() => tf.losses.sigmoidCrossEntropy(Y, logits()), false, vars);
        });
      }
      const p = tf.tidy(() => tf.sigmoid(logits()).dataSync());
      accuracy = binaryAccuracy(p, d.Y);
      opt.dispose();
      vars.forEach((v) => v.dispose());
    };
    const times = await timeRuns(() => run(n), { reps, warmup: () => run(Math.min(500, n)) });
    return { ...info, times, steps: n, fullSteps: full, accuracy, tensorsLeft: tf.memory().numTensors };
  }

  // mode === 'fit': Keras-style model, batchSize = m (full batch), shuffle off, one step per epoch.
  const xs = tf.tensor2d(f32(transpose(d.X, 2, d.m)), [d.m, 2]);
  const ys = tf.tensor2d(f32(d.Y), [d.m, 1]);
  const run = async (epochs) => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [2], units: 4, activation: 'tanh' }));
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    // Keras kernels are (in, out): the transposes of the course's W.
    model.layers[0].setWeights([tf.tensor2d(f32(transpose(init.W[0], 4, 2)), [2, 4]), tf.zeros([4])]);
    model.layers[1].setWeights([tf.tensor2d(f32(transpose(init.W[1], 1, 4)), [4, 1]), tf.zeros([1])]);
    model.compile({ optimizer: tf.train.sgd(learningRate), loss: 'binaryCrossentropy' });
    await model.fit(xs, ys, { batchSize: d.m, epochs, shuffle: false, verbose: 0 });
    const p = tf.tidy(() => model.predict(xs).dataSync());
    accuracy = binaryAccuracy(p, d.Y);
    model.dispose();
  };
  const times = await timeRuns(() => run(n), { reps, warmup: () => run(Math.min(100, n)) });
  return { ...info, times, steps: n, fullSteps: full, accuracy };
}

/** Workload 2 — MLP 784 → 128 ReLU → 10 softmax, CCE, SGD, batch 64, one epoch of 8192 samples. */
export async function mlp({ backend = 'cpu', mode = 'loop', reps = 3, samples }) {
  const info = await useBackend(backend);
  const { learningRate, batchSize } = SETTINGS.mlp;
  const d = mlpData();
  const m = samples ?? d.m;
  const init = mlpInit();
  // TF.js puts one row per example: xs (m, 784), ys (m, 10).
  const xsAll = transpose(sliceColumns(d.X, d.nx, d.m, 0, m), d.nx, m);
  const ysAll = transpose(sliceColumns(d.Y, d.ny, d.m, 0, m), d.ny, m);
  const xs = tf.tensor2d(f32(xsAll), [m, d.nx]);
  const ys = tf.tensor2d(f32(ysAll), [m, d.ny]);
  const kernel1 = () => tf.tensor2d(f32(transpose(init.W[0], 128, 784)), [784, 128]);
  const kernel2 = () => tf.tensor2d(f32(transpose(init.W[1], 10, 128)), [128, 10]);
  let accuracy = NaN;
  let epoch;
  let predict;

  if (mode === 'loop') {
    const batches = [];
    for (let j = 0; j < m; j += batchSize) {
      const size = Math.min(batchSize, m - j);
      batches.push([xs.slice([j, 0], [size, d.nx]), ys.slice([j, 0], [size, d.ny])]);
    }
    const W1 = tf.variable(kernel1());
    const b1 = tf.variable(tf.zeros([128]));
    const W2 = tf.variable(kernel2());
    const b2 = tf.variable(tf.zeros([10]));
    const vars = [W1, b1, W2, b2];
    const opt = tf.train.sgd(learningRate);
    const logits = (x) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, W1), b1)), W2), b2);
    epoch = () => {
      for (const [x, y] of batches) {
        // softmax + categorical cross-entropy, computed stably from the logits (same math).
        tf.tidy(() => {
          opt.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(x)), false, vars);
        });
      }
    };
    predict = () => tf.tidy(() => logits(xs).dataSync());
  } else {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }));
    model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
    model.layers[0].setWeights([kernel1(), tf.zeros([128])]);
    model.layers[1].setWeights([kernel2(), tf.zeros([10])]);
    model.compile({ optimizer: tf.train.sgd(learningRate), loss: 'categoricalCrossentropy' });
    epoch = () => model.fit(xs, ys, { batchSize, epochs: 1, shuffle: false, verbose: 0 });
    predict = () => tf.tidy(() => model.predict(xs).dataSync());
  }
  const times = await timeRuns(epoch, { reps, warmup: epoch });
  const p = predict();
  accuracy = classAccuracy((j) => p.subarray(j * 10, j * 10 + 10), d.labels.subarray(0, m));
  return { ...info, times, samples: m, epochs: reps + 1, accuracy };
}

/** Workload 3 — square matmul, float32. Times `matMul` plus the read-back (`dataSync`). */
export async function matmul({ backend = 'cpu', sizes = SETTINGS.matmul.sizes, reps = 5 }) {
  const info = await useBackend(backend);
  const results = [];
  for (const n of sizes) {
    const a = tf.tensor2d(f32(squareMatrix(n, 1)), [n, n]);
    const b = tf.tensor2d(f32(squareMatrix(n, 2)), [n, n]);
    const seconds = timeMatmul(
      () => {
        const c = tf.matMul(a, b);
        c.dataSync();
        c.dispose();
      },
      { reps },
    );
    results.push({ n, seconds, gflops: (2 * n ** 3) / seconds / 1e9 });
    a.dispose();
    b.dispose();
  }
  return { ...info, results };
}
