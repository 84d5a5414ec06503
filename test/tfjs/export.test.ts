/**
 * `toTFJS`: generated models of every exportable layer kind, loaded by TF.js itself
 * (`tf.loadLayersModel(tf.io.fromMemory(artifacts))`), predict what bottomup predicts within 1e-5.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ELU,
  Identity,
  LeakyReLU,
  ReLU,
  SELU,
  SiLU,
  Sigmoid,
  Softmax,
  Softplus,
  Tanh,
} from '../../src/activations/index.js';
import { Dense } from '../../src/layers/dense.js';
import type { Layer } from '../../src/layers/layer.js';
import { Sequential } from '../../src/model/sequential.js';
import { fromTFJS, toTFJS } from '../../src/tfjs.js';
import { float32Inputs, loadTFJS, predictTFJS, worstRelative } from './helpers.js';

const ACTIVATIONS: Record<string, () => Layer> = {
  Identity: () => new Identity(),
  Sigmoid: () => new Sigmoid(),
  Tanh: () => new Tanh(),
  ReLU: () => new ReLU(),
  Softmax: () => new Softmax(),
  SELU: () => new SELU(),
  Softplus: () => new Softplus(),
  SiLU: () => new SiLU(),
  ELU: () => new ELU(),
  LeakyReLU: () => new LeakyReLU({ alpha: 0.2 }),
};
const KINDS = Object.keys(ACTIVATIONS);

interface BlockSpec {
  units: number;
  useBias: boolean;
  /** Activations after the Dense (0, 1 or 2: a second one is a layer of its own in TF.js). */
  activations: string[];
  nested: boolean;
  seed: number;
}

const blockArb: fc.Arbitrary<BlockSpec> = fc.record({
  units: fc.integer({ min: 1, max: 5 }),
  useBias: fc.boolean(),
  activations: fc.array(fc.constantFrom(...KINDS), { maxLength: 2 }),
  nested: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1000 }),
});
interface ModelSpec {
  inputSize: number;
  leading: string | undefined;
  blocks: BlockSpec[];
}
const modelArb: fc.Arbitrary<ModelSpec> = fc.record({
  inputSize: fc.integer({ min: 1, max: 5 }),
  leading: fc.option(fc.constantFrom(...KINDS), { nil: undefined }),
  blocks: fc.array(blockArb, { minLength: 1, maxLength: 4 }),
});

function build(spec: ModelSpec): Sequential {
  const layers: Layer[] = [];
  if (spec.leading !== undefined) layers.push(ACTIVATIONS[spec.leading]());
  let size = spec.inputSize;
  for (const block of spec.blocks) {
    const run: Layer[] = [new Dense(size, block.units, { useBias: block.useBias, seed: block.seed, init: 'he' })];
    for (const a of block.activations) run.push(ACTIVATIONS[a]());
    if (block.nested) layers.push(new Sequential(run));
    else layers.push(...run);
    size = block.units;
  }
  return new Sequential(layers);
}

/** The worst difference over every run, for the report. */
let worst = 0;

describe('toTFJS → tf.loadLayersModel predicts what bottomup predicts', () => {
  it('for generated models of every exportable kind (fixed seed), within 1e-5', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(modelArb, fc.integer({ min: 1, max: 40 }), async (spec, m) => {
        const model = build(spec);
        for (const [, type] of JSON.stringify(model).matchAll(/"type":"(\w+)"/g)) seen.add(type);
        const tfModel = await loadTFJS(toTFJS(model));
        const X = float32Inputs(spec.inputSize, m, m);
        const diff = worstRelative(predictTFJS(tfModel, X), model.predict(X));
        tfModel.dispose();
        worst = Math.max(worst, diff);
        expect(diff).toBeLessThanOrEqual(1e-5);
      }),
      { seed: 20261203, numRuns: 120 },
    );
    console.log(`[tfjs] toTFJS: worst relative difference TF.js vs bottomup ${worst.toExponential(3)}`);
    expect(worst).toBeGreaterThan(0); // float32 weights: not bit-identical, so the comparison is real
    expect([...seen].sort()).toEqual([...KINDS, 'Dense', 'Sequential'].sort());
  });
});

/** The leaf layers of a model, nested models flattened into their chain. */
const leaves = (layers: readonly Layer[]): Layer[] =>
  layers.flatMap((layer) => (layer instanceof Sequential ? leaves(layer.layers) : [layer]));

describe('round trip toTFJS → fromTFJS', () => {
  it('gives the float32-rounded weights exactly, and the same chain of layers (Identity dropped)', () => {
    fc.assert(
      fc.property(modelArb, (spec) => {
        const model = build(spec);
        const back = fromTFJS(toTFJS(model));
        const expected = leaves(model.layers).filter((layer) => !(layer instanceof Identity));
        expect(back.layers.map(String)).toEqual(expected.map(String));
        const original = model.parameters();
        const copied = back.parameters();
        expect(copied.map((p) => p.value.shape)).toEqual(original.map((p) => p.value.shape));
        original.forEach((p, k) => {
          expect(Array.from(copied[k].value.data)).toEqual(Array.from(p.value.data, Math.fround));
        });
        // and once rounded, the weights survive a second trip bit for bit
        const again = fromTFJS(toTFJS(back)).parameters();
        copied.forEach((p, k) => expect(again[k].value.data).toEqual(p.value.data));
      }),
      { seed: 20261204, numRuns: 200 },
    );
  });
});
