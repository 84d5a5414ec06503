/**
 * `fromTFJS` of the files Keras's `tensorflowjs_converter` writes (test/fixtures/tfjs: model.json in
 * the Keras layout with `model_config`, and group1-shard1of1.bin), Keras 2 and Keras 3 variants,
 * against a row-per-example oracle (`y = x·kernel + bias`, exact: the weights are multiples of 1/8)
 * and against TF.js reading the same files; and the documented way to write toTFJS's artifacts as files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/matrix/index.js';
import { Dense } from '../../src/layers/dense.js';
import { ReLU, Tanh } from '../../src/activations/index.js';
import { Sequential } from '../../src/model/sequential.js';
import { type TFJSModelInput, fromTFJS, toTFJS } from '../../src/tfjs.js';
import { loadTFJS, predictTFJS } from './helpers.js';

const FIXTURES = new URL('../fixtures/tfjs/', import.meta.url);
const weights = JSON.parse(readFileSync(new URL('weights.json', FIXTURES), 'utf8')) as Record<string, number[][]>;
/** The documented call: the parsed model.json, with the bytes of its weight file as weightData. */
const readFixture = (name: string): TFJSModelInput => ({
  ...JSON.parse(readFileSync(new URL(`${name}/model.json`, FIXTURES), 'utf8')),
  weightData: readFileSync(new URL(`${name}/group1-shard1of1.bin`, FIXTURES)),
});

/** Examples, one per row (TF.js's layout). */
const EXAMPLES = [
  [1, 2, -1],
  [0.5, -0.5, 0.25],
  [-2, 1, 3],
  [0, 0, 0],
];

/** Row-per-example Dense: `x·kernel + bias`, kernel row-major `[in, out]`. */
function dense(x: number[], kernel: number[], bias: number[]): number[] {
  return bias.map((b, o) => x.reduce((s, xi, i) => s + xi * kernel[i * bias.length + o], b));
}

function oracle(name: string, hidden: (z: number) => number): number[][] {
  const [k1, b1, k2, b2] = weights[name];
  return EXAMPLES.map((x) => dense(dense(x, k1, b1).map(hidden), k2, b2));
}

const X = Matrix.from(EXAMPLES).transpose(); // bottomup's layout: one column per example

describe('the files tensorflowjs_converter writes', () => {
  it('Keras 2 (InputLayer batch_input_shape, Dense relu, Dropout, Dense linear; dense/kernel names)', async () => {
    const model = fromTFJS(readFixture('keras2'));
    expect(model.layers.map(String)).toEqual(['Dense(3 → 4)', 'ReLU()', 'Dense(4 → 2)']);
    const expected = oracle('keras2', (z) => Math.max(z, 0));
    expect(model.predict(X).transpose().toArray()).toEqual(expected);
    // by hand: z = [-1.625, 0.75, 3, -2.875], relu → [0, 0.75, 3, 0], y = 0.75·[0.25, 0.5] + 3·[-1, 0.75] + b
    expect(expected[0]).toEqual([-2.3125, 2.5]);
    // TF.js reads the same files the same way (the manifest's specs, the file's bytes).
    const json = readFixture('keras2') as TFJSModelInput & { weightsManifest: { weights: [] }[] };
    const tfModel = await loadTFJS({
      modelTopology: json.modelTopology as object,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: new Uint8Array(json.weightData as Buffer).slice().buffer,
    });
    expect(predictTFJS(tfModel, X).toArray()).toEqual(model.predict(X).toArray());
  });

  it('Keras 3 (batch_shape, module/registered_name entries, LeakyReLU negative_slope, scoped weight names)', () => {
    const model = fromTFJS(readFixture('keras3'));
    expect(model.layers.map(String)).toEqual(['Dense(3 → 4)', 'LeakyReLU(alpha=0.25)', 'Dense(4 → 2)']);
    expect(model.predict(X).transpose().toArray()).toEqual(oracle('keras3', (z) => (z < 0 ? 0.25 * z : z)));
  });

  it('weights in several shards: weightData as the list of files, in manifest order', () => {
    const json = readFixture('keras2');
    const bytes = json.weightData as Buffer;
    const split = fromTFJS({
      ...json,
      weightData: [bytes.subarray(0, 20), bytes.subarray(20, 64), bytes.subarray(64)],
    });
    expect(split.predict(X).equals(fromTFJS(json).predict(X))).toBe(true);
  });

  it("toTFJS's artifacts as model.json + group1-shard1of1.bin (the README's recipe) read back", () => {
    const model = new Sequential([new Dense(3, 5, { seed: 4 }), new Tanh(), new Dense(5, 2, { seed: 5 }), new ReLU()]);
    const { weightSpecs, weightData, ...rest } = toTFJS(model);
    const modelJson = JSON.stringify({
      ...rest,
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: weightSpecs }],
    });
    const file = Buffer.from(new Uint8Array(weightData));
    const back = fromTFJS({ ...JSON.parse(modelJson), weightData: file });
    expect(back.layers.map(String)).toEqual(['Dense(3 → 5)', 'Tanh()', 'Dense(5 → 2)', 'ReLU()']);
    expect(back.predict(X).equals(fromTFJS(toTFJS(model)).predict(X))).toBe(true);
  });
});
