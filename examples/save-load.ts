// Save a trained model (and its optimizer) as JSON, load it back, and check it predicts the same bits
// (npx tsx examples/save-load.ts). The file goes to out/save-load-model.json (git-ignored).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  Adam,
  BinaryCrossEntropy,
  Dense,
  type OptimizerJSON,
  ReLU,
  Sequential,
  type SequentialJSON,
  Sigmoid,
  accuracy,
  fit,
  loadModel,
  loadOptimizerState,
  moons,
} from '../src/index.js';

const { X, Y } = moons({ m: 200, noise: 0.2, seed: 1 });
const test = moons({ m: 100, noise: 0.2, seed: 2 });

// 1. Train a small model.
const model = new Sequential([
  new Dense(2, 8, { init: 'he', seed: 1 }),
  new ReLU(),
  new Dense(8, 1, { seed: 2 }),
  new Sigmoid(),
]);
const optimizer = new Adam(model.parameters(), { learningRate: 0.01 });
const loss = new BinaryCrossEntropy();
const history = fit(model, X, Y, { loss, optimizer, epochs: 200, batchSize: 32, seed: 3 });
console.log(
  `Trained 200 epochs: loss ${history.loss.at(-1)!.toFixed(4)}, test accuracy ` +
    `${(100 * accuracy(model.predict(test.X), test.Y)).toFixed(1)}%`,
);

// 2. Save the model and the optimizer state.
const file = resolve('out', 'save-load-model.json');
mkdirSync(resolve('out'), { recursive: true });
writeFileSync(file, JSON.stringify({ model: model.toJSON(), optimizer: optimizer.toJSON() }));
console.log(`Saved to ${file}`);

// 3. Load them into a fresh model and a fresh optimizer.
const saved = JSON.parse(readFileSync(file, 'utf8')) as { model: SequentialJSON; optimizer: OptimizerJSON };
const loaded = loadModel(saved.model);
const loadedOptimizer = loadOptimizerState(new Adam(loaded.parameters(), { learningRate: 0.01 }), saved.optimizer);
console.log(
  `Loaded: ${loaded.layers.map(String).join(' → ')}; optimizer ${loadedOptimizer.type} at step ` +
    `${loadedOptimizer.stepCount}`,
);

/** Whether two arrays hold the same doubles bit for bit (NaN equals NaN, 0 differs from −0). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

// 4. Predict with both.
const before = model.predict(test.X),
  after = loaded.predict(test.X);
console.log(`Predictions on ${test.X.cols} test examples bit-identical: ${sameBits(before.data, after.data)}`);
console.log(`  e.g. ŷ(0) = ${before.data[0]} (original), ${after.data[0]} (loaded)`);

// 5. Training resumes exactly where it stopped: 50 more epochs on each give the same weights.
fit(model, X, Y, { loss, optimizer, epochs: 50, batchSize: 32, seed: 4 });
fit(loaded, X, Y, { loss: new BinaryCrossEntropy(), optimizer: loadedOptimizer, epochs: 50, batchSize: 32, seed: 4 });
const same = model.parameters().every((p, i) => sameBits(p.value.data, loaded.parameters()[i].value.data));
console.log(`After 50 more epochs each, weights bit-identical: ${same}`);
