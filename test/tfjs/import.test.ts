/**
 * `fromTFJS`: models built and saved in TF.js (`tf.io.withSaveHandler`) predict what TF.js predicts
 * within 1e-5, from the in-memory artifacts and from the model.json + weights file layout; the round
 * trip toTFJS → fromTFJS gives the float32-rounded weights exactly.
 */
import { describe, expect, it } from 'vitest';
import { fromTFJS, toTFJS } from '../../src/tfjs.js';
import { float32Inputs, predictTFJS, saveTFJS, tf, worstRelative } from './helpers.js';

const ACTIVATIONS = ['linear', 'sigmoid', 'tanh', 'relu', 'softmax', 'elu', 'selu', 'softplus', 'swish'] as const;
/** The bottomup layer each TF.js activation becomes (`linear`: none). */
const LAYER: Record<string, string[]> = {
  linear: [],
  sigmoid: ['Sigmoid()'],
  tanh: ['Tanh()'],
  relu: ['ReLU()'],
  softmax: ['Softmax()'],
  elu: ['ELU(alpha=1)'],
  selu: ['SELU()'],
  softplus: ['Softplus()'],
  swish: ['SiLU()'],
};

let seed = 0;
/** Seeded initialisers for a TF.js Dense (random biases too, so the bias is tested), the next seed each call. */
const seeded = () => ({
  kernelInitializer: tf.initializers.glorotNormal({ seed: ++seed }),
  biasInitializer: tf.initializers.randomNormal({ seed: ++seed }),
});

/** TF.js models of every kind fromTFJS reads, each with its expected bottomup layers. */
function tfModels(): { name: string; model: tf.Sequential; layers: string[] }[] {
  const out: { name: string; model: tf.Sequential; layers: string[] }[] = [];
  ACTIVATIONS.forEach((activation, i) => {
    for (const useBias of [true, false]) {
      const model = tf.sequential();
      model.add(tf.layers.dense({ ...seeded(), units: 4, inputShape: [3], activation, useBias }));
      const second = ACTIVATIONS[(i + 3) % ACTIVATIONS.length];
      model.add(tf.layers.dense({ ...seeded(), units: 2, activation: second }));
      const layers = [`Dense(3 → 4)`, ...LAYER[activation], 'Dense(4 → 2)', ...LAYER[second]];
      out.push({ name: `Dense ${activation}${useBias ? '' : ' without bias'}`, model, layers });
    }
  });
  const layered = tf.sequential({
    layers: [
      tf.layers.inputLayer({ inputShape: [5] }),
      tf.layers.dense({ ...seeded(), units: 6 }),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.dropout({ rate: 0.5 }),
      tf.layers.dense({ ...seeded(), units: 4 }),
      tf.layers.elu(),
      tf.layers.activation({ activation: 'tanh' }),
      tf.layers.dense({ ...seeded(), units: 3, useBias: false }),
      tf.layers.reLU(),
      tf.layers.dense({ ...seeded(), units: 3 }),
      tf.layers.softmax(),
    ],
  });
  out.push({
    name: 'InputLayer, LeakyReLU, Dropout, ELU, Activation, ReLU and Softmax layers',
    model: layered,
    layers: [
      'Dense(5 → 6)',
      'LeakyReLU(alpha=0.2)',
      'Dense(6 → 4)',
      'ELU(alpha=1)',
      'Tanh()',
      'Dense(4 → 3)',
      'ReLU()',
      'Dense(3 → 3)',
      'Softmax()',
    ],
  });
  const flat = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [2, 3] }),
      tf.layers.dense({ ...seeded(), units: 2, activation: 'sigmoid' }),
    ],
  });
  out.push({ name: 'Flatten of a (2, 3) input', model: flat, layers: ['Dense(6 → 2)', 'Sigmoid()'] });
  return out;
}

let worst = 0;

describe('fromTFJS of models built and saved in TF.js', () => {
  for (const { name, model, layers } of tfModels()) {
    it(`${name}: predicts what TF.js predicts (in memory and as model.json + weights file)`, async () => {
      const artifacts = await saveTFJS(model);
      const imported = fromTFJS(artifacts);
      expect(imported.layers.map(String)).toEqual(layers);
      const n = imported.inputSize as number;
      const X = float32Inputs(n, 25, n);
      const expected = predictTFJS(model, X, model.inputs[0].shape.slice(1) as number[]);
      const diff = worstRelative(imported.predict(X), expected);
      worst = Math.max(worst, diff);
      expect(diff).toBeLessThanOrEqual(1e-5);

      // The model.json + group1-shard1of1.bin layout: a weightsManifest instead of weightSpecs, the
      // weights as the bytes of the file (a Node Buffer, a view into a larger pool).
      const modelJson = JSON.parse(
        JSON.stringify({
          format: artifacts.format,
          generatedBy: artifacts.generatedBy,
          convertedBy: artifacts.convertedBy,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
        }),
      );
      const file = Buffer.from(artifacts.weightData as ArrayBuffer);
      const fromFiles = fromTFJS({ ...modelJson, weightData: file });
      expect(fromFiles.predict(X).equals(imported.predict(X))).toBe(true);

      // Back to TF.js: the same weight bytes, in the same order (kernels [in, out] again).
      expect(new Uint8Array(toTFJS(imported).weightData)).toEqual(new Uint8Array(artifacts.weightData as ArrayBuffer));
    });
  }
  it('the worst relative difference is float32 rounding, not zero (the comparison is real)', () => {
    console.log(`[tfjs] fromTFJS: worst relative difference bottomup vs TF.js ${worst.toExponential(3)}`);
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(1e-5);
  });
});
