/**
 * The command line in-process: `run(argv, io)` with real files in a scratch folder — usage errors
 * (exit 2) and bad input (exit 1) with their exact messages, `summary`, `predict` (bit-exact against
 * `model.predict`), and `convert` between bottomup JSON, ONNX and Keras.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, run } from '../../src/cli/main.js';
import { Dense, Matrix, ReLU, Sequential, Sigmoid, Softmax, Tanh, loadModel } from '../../src/index.js';
import { fromKeras } from '../../src/keras.js';
import { fromONNX } from '../../src/onnx.js';
import { fromTFJS, toTFJS } from '../../src/tfjs.js';

const dir = mkdtempSync(join(tmpdir(), 'bottomup-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const model = new Sequential([new Dense(3, 4, { seed: 1 }), new Tanh(), new Dense(4, 2, { seed: 2 }), new Softmax()]);
writeFileSync(at('model.json'), JSON.stringify(model));
const samples = [
  [0.5, -1, 2],
  [1.25, 0, -0.75],
  [3, 2, 1],
];
writeFileSync(at('data.csv'), `a,b,c\n${samples.map((r) => r.join(',')).join('\n')}\n`);

describe('usage (exit 2)', () => {
  it('--help and -h print the usage; --version the version', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: bottomup <command> [options]');
    expect((await cli('predict', '-h')).out).toContain('Usage: bottomup predict <model> <data.csv>');
    const version = await cli('--version');
    expect(version).toEqual({ code: 0, out: `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`, err: '' });
  });

  it.each([
    [[], 'expected a command'],
    [['train'], 'unknown command "train"'],
    [['summary'], 'summary: missing <model>'],
    [['predict', 'm.json'], 'predict: missing <data.csv>'],
    [['convert', 'a.onnx', 'b.json', 'c'], 'convert: unexpected argument "c"'],
    [['summary', 'm.json', '--classes'], 'unknown option --classes for summary'],
    [['predict', 'm.json', 'd.csv', '--output'], 'option --output needs a value'],
    [['convert', 'a', 'b', '--to', 'pt'], '--to: expected one of json, onnx, tfjs, keras, got "pt"'],
    [['convert', 'a', 'b', '--dtype=float16'], '--dtype: expected float32 or float64, got "float16"'],
    [['convert', 'a', 'b', '--opset', 'x'], '--opset: expected an integer, got "x"'],
  ])('%j: %s', async (argv, message) => {
    const { code, out, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.split('\n')[0]).toBe(`bottomup: ${message}`);
    expect(err).toContain('Usage: bottomup');
  });
});

describe('bad input (exit 1)', () => {
  it.each([
    [['summary', at('none.json')], `${at('none.json')}: no such file or folder`],
    [
      ['summary', at('data.csv')],
      `${at('data.csv')}: cannot tell the format from the name: use --from json|onnx|tfjs|keras`,
    ],
    [
      ['convert', at('model.json'), at('model.keras')],
      `${at('model.keras')}: Keras files can be read, not written: convert to onnx or tfjs`,
    ],
  ])('%j', async (argv, message) => {
    expect(await cli(...argv)).toEqual({ code: 1, out: '', err: `bottomup: ${message}\n` });
  });

  it('a model file that is not JSON, or not a model, says so', async () => {
    writeFileSync(at('broken.json'), '{ "layers": ');
    const broken = await cli('summary', at('broken.json'));
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(new RegExp(`^bottomup: ${at('broken.json').replace(/[.\\/]/g, '\\$&')}: not JSON \\(`));
    writeFileSync(at('array.json'), '[1, 2]');
    const notModel = await cli('summary', at('array.json'));
    expect(notModel.code).toBe(1);
    expect(notModel.err).toMatch(/^bottomup: loadModel: /);
  });

  it('a CSV row of the wrong length, or a non-number, names the line', async () => {
    writeFileSync(at('short.csv'), '1,2,3\n4,5\n');
    expect((await cli('predict', at('model.json'), at('short.csv'))).err).toBe(
      `bottomup: ${at('short.csv')}:2: expected 3 values like the first row, got 2\n`,
    );
    writeFileSync(at('word.csv'), '1,2,3\n4,five,6\n');
    expect((await cli('predict', at('model.json'), at('word.csv'))).err).toBe(
      `bottomup: ${at('word.csv')}:2: expected numbers, got "five"\n`,
    );
    writeFileSync(at('two.csv'), '1,2\n3,4\n');
    expect((await cli('predict', at('model.json'), at('two.csv'))).err).toBe(
      `bottomup: ${at('two.csv')}: expected 3 values per row (the model's inputs), got 2\n`,
    );
  });
});

describe('readCsv', () => {
  it('skips a header and blank lines, and reads every number form JSON writes', () => {
    expect(readCsv('x,y\n1,2\n\n-3.5e-7, 4\r\n', 'f.csv')).toEqual([
      [1, 2],
      [-3.5e-7, 4],
    ]);
    expect(() => readCsv('x,y\n', 'f.csv')).toThrow('f.csv: expected at least one row of numbers, got none');
  });
});

describe('summary and predict', () => {
  it('summary prints the layers and the sizes', async () => {
    const { code, out } = await cli('summary', at('model.json'));
    expect(code).toBe(0);
    expect(out).toBe(`${model.summary()}\ninputs: 3, outputs: 2\n`);
  });

  it('predict writes model.predict, one row per example, bit for bit', async () => {
    const { code, out } = await cli('predict', at('model.json'), at('data.csv'));
    expect(code).toBe(0);
    const want = model.predict(Matrix.fromSamples(samples)).toSamples();
    const got = out
      .trim()
      .split('\n')
      .map((line) => line.split(',').map(Number));
    expect(got).toHaveLength(3);
    got.forEach((row, j) => row.forEach((v, i) => expect(Object.is(v, want[j][i])).toBe(true)));
  });

  it('--classes writes the argmax (or the 0.5 threshold of one output); --output writes a file', async () => {
    const { out } = await cli('predict', at('model.json'), at('data.csv'), '--classes');
    const want = model.predict(Matrix.fromSamples(samples)).toSamples();
    expect(out).toBe(`${want.map((y) => (y[1] > y[0] ? 1 : 0)).join('\n')}\n`);
    const binary = new Sequential([new Dense(3, 1, { seed: 3 }), new Sigmoid()]);
    writeFileSync(at('binary.json'), JSON.stringify(binary));
    expect(
      (await cli('predict', at('binary.json'), at('data.csv'), '--classes', `--output=${at('out.csv')}`)).out,
    ).toBe('');
    const p = binary.predict(Matrix.fromSamples(samples)).data;
    expect(readFileSync(at('out.csv'), 'utf8')).toBe(`${Array.from(p, (v) => (v > 0.5 ? 1 : 0)).join('\n')}\n`);
  });
});

describe('convert', () => {
  it('json → onnx (float64) → json gives the same model, bit for bit', async () => {
    const relu = new Sequential([new Dense(3, 5, { seed: 4 }), new ReLU(), new Dense(5, 2, { seed: 5 })]);
    writeFileSync(at('relu.json'), JSON.stringify(relu));
    const there = await cli('convert', at('relu.json'), at('relu.onnx'), '--dtype', 'float64');
    expect(there).toEqual({ code: 0, out: '', err: `wrote ${at('relu.onnx')}\n` });
    const weights = (m: Sequential) => m.parameters().map((p) => Array.from(p.value.data));
    expect(weights(fromONNX(readFileSync(at('relu.onnx'))))).toEqual(weights(relu));
    expect((await cli('convert', at('relu.onnx'), at('back.json'))).code).toBe(0);
    const back = loadModel(JSON.parse(readFileSync(at('back.json'), 'utf8')));
    expect(back.toJSON().layers.map((l) => l.type)).toEqual(['Dense', 'ReLU', 'Dense']);
    expect(weights(back)).toEqual(weights(relu)); // toEqual compares numbers with Object.is
  });

  it('float32 ONNX by default (the weights rounded to float32); --opset is passed on', async () => {
    expect((await cli('convert', at('model.json'), at('model.onnx'), '--opset', '18')).code).toBe(0);
    const back = fromONNX(readFileSync(at('model.onnx')));
    const W = back.parameters()[0].value.data;
    const original = model.parameters()[0].value.data;
    W.forEach((w, i) => expect(w).toBe(Math.fround(original[i])));
  });

  it('a Keras file converts to the model fromKeras reads', async () => {
    const file = join('test/fixtures/keras/mlp.keras');
    expect((await cli('convert', file, at('keras.json'))).code).toBe(0);
    const want = await fromKeras(readFileSync(file));
    expect(JSON.stringify(loadModel(JSON.parse(readFileSync(at('keras.json'), 'utf8'))))).toBe(JSON.stringify(want));
  });

  it('json → a TF.js folder (model.json + weights.bin) → json: the float32 weights', async () => {
    const there = await cli('convert', at('model.json'), `${at('tfjs')}/`);
    expect(there).toEqual({
      code: 0,
      out: '',
      err: `wrote ${join(at('tfjs'), 'model.json')} and ${join(at('tfjs'), 'weights.bin')}\n`,
    });
    const json = JSON.parse(readFileSync(join(at('tfjs'), 'model.json'), 'utf8'));
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    const direct = toTFJS(model);
    expect(new Uint8Array(readFileSync(join(at('tfjs'), 'weights.bin')))).toEqual(new Uint8Array(direct.weightData));
    // the folder, or its model.json, reads back as the float32-rounded model
    for (const input of [at('tfjs'), join(at('tfjs'), 'model.json')]) {
      expect((await cli('convert', input, at('from-tfjs.json'))).code).toBe(0);
      const back = loadModel(JSON.parse(readFileSync(at('from-tfjs.json'), 'utf8')));
      expect(JSON.stringify(back)).toBe(JSON.stringify(fromTFJS(direct)));
    }
    const missing = await cli('summary', at('nothing-here'), '--from', 'tfjs');
    expect(missing.err).toBe(`bottomup: ${at('nothing-here')}: no such file or folder\n`);
  });

  it("reads a folder tensorflowjs_converter wrote (Keras's layout)", async () => {
    const { code, out } = await cli('summary', 'test/fixtures/tfjs/keras2');
    expect(code).toBe(0);
    expect(out).toMatch(/^Layer/);
  });

  it('--from overrides the name', async () => {
    writeFileSync(at('model.txt'), JSON.stringify(model));
    expect((await cli('summary', at('model.txt'), '--from', 'json')).code).toBe(0);
  });
});
