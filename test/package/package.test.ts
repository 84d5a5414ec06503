/**
 * The package as users get it: everything here runs against the tarball `npm pack` produces (built
 * from a copy of the working tree, see fixtures/packed.ts) and installed into scratch apps, never
 * against the source tree. Checks: the tarball's contents and manifest, ESM and CJS consumers
 * agreeing bit for bit with the source, TypeScript consumers under node16 and bundler resolution,
 * publint and arethetypeswrong, and the minified + gzipped size an app bundler ships.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as source from '../../src/index.js';
import * as predictSource from '../../src/predict.js';
import { fromKeras } from '../../src/keras.js';
import { BIN, type PackResult, ROOT, installTarball, packedTarball, sh } from './fixtures/packed.js';

const FIXTURES = join(ROOT, 'test/package/fixtures');
const require = createRequire(import.meta.url);

/** The 2-layer network's two steps (fixtures/two-layer-steps.cjs), run by each consumer with the library passed in. */
type TwoLayerSteps = (
  lib: typeof source,
  predictLib?: typeof predictSource,
) => {
  predicted: string[] | undefined;
  costs: string[];
  costValues: number[];
  parameters: { name: string; shape: number[]; bits: string[] }[];
  prediction: string[];
  json: string;
};
const twoLayerSteps = require(join(FIXTURES, 'two-layer-steps.cjs')) as TwoLayerSteps;

let pack: PackResult;
let app: string; // scratch app with the tarball installed and the fixtures copied in
let installed: string; // app/node_modules/bottomup
let manifest: Record<string, unknown>;

beforeAll(async () => {
  pack = await packedTarball();
  app = await installTarball(pack.tarball, 'package-test');
  installed = join(app, 'node_modules/bottomup');
  manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
  for (const f of ['two-layer-steps.cjs', 'esm.mjs', 'cjs.cjs', 'onnx.mjs', 'onnx.cjs', 'consumer'])
    cpSync(join(FIXTURES, f), join(app, f), { recursive: true });
}, 240_000);

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

describe('tarball', () => {
  it('holds only dist/*, README.md, LICENSE and package.json (tar -tzf)', async () => {
    const listed = (await sh('tar', ['-tzf', pack.tarball], { cwd: app }))
      .trim()
      .split('\n')
      .map((p) => p.replace(/^package\//, ''))
      .sort();
    expect(listed).toEqual(pack.files);
    const unexpected = listed.filter((p) => !/^(dist\/[^/]+|README\.md|LICENSE|package\.json)$/.test(p));
    expect(unexpected, 'files outside dist/*, README.md, LICENSE, package.json').toEqual([]);
    for (const f of [
      'dist/index.js',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/index.d.cts',
      'dist/onnx.js',
      'dist/onnx.cjs',
      'dist/onnx.d.ts',
      'dist/onnx.d.cts',
      'README.md',
      'LICENSE',
      'package.json',
    ]) {
      expect(listed, f).toContain(f);
    }
  });

  it('has no dependencies and no install scripts', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    for (const field of ['peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
      expect(manifest[field], field).toBeUndefined();
    }
    const scripts = (manifest.scripts ?? {}) as Record<string, string>;
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(scripts[hook], `scripts.${hook}`).toBeUndefined();
    expect(manifest).toMatchObject({
      name: 'bottomup',
      type: 'module',
      sideEffects: false,
      license: 'MIT',
      engines: { node: '>=20.19' },
    });
  });

  it('declarations mention no `any`', () => {
    for (const file of [
      'dist/index.d.ts',
      'dist/index.d.cts',
      'dist/predict.d.ts',
      'dist/predict.d.cts',
      'dist/onnx.d.ts',
      'dist/onnx.d.cts',
      'dist/tfjs.d.ts',
      'dist/tfjs.d.cts',
    ]) {
      const text = readFileSync(join(installed, file), 'utf8');
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const found: string[] = [];
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.AnyKeyword) {
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
          found.push(`${file}:${line + 1}: ${text.split('\n')[line].trim()}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
      expect(found, `\`any\` in ${file}`).toEqual([]);
    }
  });
});

describe('runtime: ESM, CJS and the source agree bit for bit', () => {
  const expected = () => twoLayerSteps(source, predictSource);
  const runtimeExports = Object.keys(source).sort();

  it('the expected numbers are a real training run', () => {
    const { costValues, parameters } = expected();
    expect(costValues).toHaveLength(3);
    expect(costValues.every(Number.isFinite)).toBe(true);
    expect(costValues[2]).toBeLessThan(costValues[0]);
    // bottomup/predict on the saved model gives the model's own prediction, bit for bit.
    expect(expected().predicted).toEqual(expected().prediction);
    expect(parameters.map((p) => [p.name, p.shape])).toEqual([
      ['W[1]', [4, 2]],
      ['b[1]', [4, 1]],
      ['W[2]', [1, 4]],
      ['b[2]', [1, 1]],
    ]);
  });

  it('ESM: import { … } from "bottomup" uses dist/index.js', async () => {
    const out = JSON.parse(await sh(process.execPath, ['esm.mjs'], { cwd: app })) as {
      resolved: string;
      resolvedPredict: string;
      predictExports: string[];
      hasDefault: boolean;
      exports: string[];
      result: ReturnType<TwoLayerSteps>;
    };
    expect(out.resolved).toMatch(/\/node_modules\/bottomup\/dist\/index\.js$/);
    expect(out.resolvedPredict).toMatch(/\/node_modules\/bottomup\/dist\/predict\.js$/);
    expect(out.predictExports).toEqual(['ShapeError', 'createPipelinePredictor', 'createPredictor']);
    expect(out.hasDefault, 'named exports only').toBe(false);
    expect(out.exports).toEqual(runtimeExports);
    expect(out.result).toEqual(expected());
  });

  for (const flags of [[], ['--no-experimental-require-module']]) {
    it(`CJS: require("bottomup") uses dist/index.cjs${flags.length ? ` (${flags.join(' ')})` : ''}`, async () => {
      const out = JSON.parse(await sh(process.execPath, [...flags, 'cjs.cjs'], { cwd: app })) as {
        resolved: string;
        resolvedPredict: string;
        predictExports: string[];
        exports: string[];
        result: ReturnType<TwoLayerSteps>;
      };
      expect(out.resolved).toMatch(/\/node_modules\/bottomup\/dist\/index\.cjs$/);
      expect(out.resolvedPredict).toMatch(/\/node_modules\/bottomup\/dist\/predict\.cjs$/);
      expect(out.predictExports).toEqual(['ShapeError', 'createPipelinePredictor', 'createPredictor']);
      expect(out.exports).toEqual(runtimeExports);
      expect(out.result).toEqual(expected());
    });
  }
});

describe('bottomup/onnx: ESM and CJS', () => {
  type OnnxOut = { resolved: string; exports: string[]; sameClass: boolean; bytes: number; equal: boolean };
  for (const [file, dist] of [
    ['onnx.mjs', 'onnx.js'],
    ['onnx.cjs', 'onnx.cjs'],
  ]) {
    it(`${file}: resolves dist/${dist}, a float64 round trip, the models are bottomup's own Sequential`, async () => {
      const out = JSON.parse(await sh(process.execPath, [file], { cwd: app })) as OnnxOut;
      expect(out.resolved).toMatch(new RegExp(`/node_modules/bottomup/dist/${dist.replace('.', '\\.')}$`));
      expect(out).toMatchObject({ exports: ['fromONNX', 'toONNX'], sameClass: true, equal: true });
      expect(out.bytes).toBeGreaterThan(100);
    });
  }
  it('dist/onnx imports the core as the package, not a copy of it', () => {
    for (const [file, importLine] of [
      ['dist/onnx.js', /from 'bottomup'/],
      ['dist/onnx.cjs', /require\(['"]bottomup['"]\)/],
    ] as const) {
      const text = readFileSync(join(installed, file), 'utf8');
      expect(text, file).toMatch(importLine);
      expect(text, file).not.toContain('Sequential.forward');
    }
  });
});

describe('TypeScript consumers (strict, skipLibCheck false)', () => {
  const common = {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    target: 'ES2022',
    forceConsistentCasingInFileNames: true,
  };
  const configs = {
    // A Node app: ESM (the app's package.json has "type": "module") plus a .cts file for require().
    node16: {
      compilerOptions: {
        ...common,
        module: 'node16',
        moduleResolution: 'node16',
        lib: ['ES2022'],
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
      },
      files: ['consumer/index.ts', 'consumer/require.cts', 'consumer/onnx.ts'],
    },
    // A browser app built by a bundler: no Node types at all.
    bundler: {
      compilerOptions: { ...common, module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], types: [] },
      files: ['consumer/index.ts', 'consumer/onnx.ts'],
    },
  };
  for (const [name, config] of Object.entries(configs)) {
    it(`compiles with moduleResolution ${name}`, async () => {
      writeFileSync(join(app, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
      const args = [BIN.tsc, '-p', `tsconfig.${name}.json`, '--listFiles'];
      const listed = await sh(process.execPath, args, { cwd: app });
      // The declarations actually used: .d.ts for import, .d.cts for require.
      expect(listed).toContain(join(installed, 'dist/index.d.ts'));
      if (name === 'node16') expect(listed).toContain(join(installed, 'dist/index.d.cts'));
      expect(listed).toContain(join(installed, 'dist/onnx.d.ts'));
    });
  }
});

describe('lint', () => {
  it('publint (strict) reports nothing on the tarball', async () => {
    const { publint } = await import('publint');
    const { formatMessage } = await import('publint/utils');
    const bytes = readFileSync(pack.tarball);
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const { messages, pkg } = await publint({ pack: { tarball }, strict: true, level: 'suggestion' });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`)).toEqual([]);
  });

  it(
    'arethetypeswrong reports no problem under node16 (CJS and ESM) and bundler resolution (engines: node >= ' +
      '20.19 reads exports; node10 resolution cannot see bottomup/predict)',
    async () => {
      let out: string;
      try {
        out = await sh(process.execPath, [BIN.attw, pack.tarball, '--profile', 'node16', '--format', 'json'], {
          cwd: app,
        });
      } catch (error) {
        // attw exits 1 when it finds problems; show its human-readable table instead of raw JSON.
        const table = await sh(process.execPath, [BIN.attw, pack.tarball, '--profile', 'node16', '--format', 'table'], {
          cwd: app,
        }).catch((e: Error) => e.message);
        throw new Error(`attw found problems:\n${table}`, { cause: error });
      }
      const report = JSON.parse(out) as { problems?: unknown; analysis: { problems?: unknown[] } };
      const problems = (report.analysis.problems ?? []) as { resolutionKind?: string }[];
      expect(problems.filter((p) => p.resolutionKind !== 'node10')).toEqual([]);
    },
  );
});

describe('size as an app ships it (esbuild, minified, gzip)', () => {
  const TRAIN = ['Matrix', 'Sequential', 'Dense', 'Tanh', 'Sigmoid', 'BinaryCrossEntropy', 'SGD'];
  const KB = 1000;
  /**
   * The house redesign's targets, in gzip bytes, and what CI enforces today: the target where it is
   * met, else a regression ceiling a little above the measured size (the README's
   * Size section has the numbers and what stands between them). Both are printed.
   */
  const TARGET = { train: 12 * KB, trainFit: 16 * KB, predictor: 5 * KB, predict: 7 * KB, all: 27 * KB };
  // predictor: its target, met (4.99 kB) with the compact tanh and the one-element product of bottomup/predict
  const BUDGET = {
    train: 16.1 * KB,
    trainFit: 22.3 * KB,
    predictor: 5 * KB,
    predict: 7.7 * KB,
    all: 40.6 * KB,
  };
  /** bottomup/onnx's own code (the core it imports not counted), gzip: a ceiling a little above the measured size. */
  const ONNX_BUDGET = 10.4 * KB;
  /** bottomup/parallel's own code (the core it hooks into not counted), gzip: a ceiling a little above the measured size. */
  const PARALLEL_BUDGET = 4.5 * KB;
  const LABEL = {
    train: `the 2-layer network's training imports (${TRAIN.join(', ')})`,
    trainFit: 'the same plus fit',
    predictor: "createPredictor alone (export { createPredictor } from 'bottomup/predict')",
    predict: "bottomup/predict with the pipeline predictor (export * from 'bottomup/predict')",
    all: "everything in the main entry (export * from 'bottomup')",
  };
  /** Strings that survive minification and belong to one module the training imports never use. */
  const UNUSED = {
    'optimizers/adam.ts': 'AdamW',
    'optimizers/rmsprop.ts': 'RMSprop',
    'losses/huber.ts': 'Huber',
    'activations/leaky-relu.ts': 'LeakyReLU',
    'activations/softmax.ts': 'Softmax',
    'data/standardizer.ts': 'Standardizer.',
    'data/min-max-scaler.ts': 'MinMaxScaler',
    'data/datasets.ts': 'planar',
    'metrics/confusion-matrix.ts': 'confusionMatrix',
    'model/gradient-check.ts': 'gradientCheck',
    'io/load.ts': 'loadModel',
    'train/plan.ts': 'earlyStopping',
    'train/progress.ts': 'ETA',
    'numpy-random.ts': 'NumpyRandom',
    'data/label-encoder.ts': 'LabelEncoder.',
    'pipeline/pipeline.ts': 'Pipeline.predict',
    'pipeline/predict-classes.ts': 'predictClasses',
    'layers/dropout.ts': 'Dropout.backward',
    'layers/batch-norm.ts': 'BatchNorm.forward',
  };
  const entries = {
    train: `export { ${TRAIN.join(', ')} } from 'bottomup';\n`,
    trainFit: `export { ${TRAIN.join(', ')}, fit } from 'bottomup';\n`,
    predictor: `export { createPredictor } from 'bottomup/predict';\n`,
    predict: `export * from 'bottomup/predict';\n`,
    all: `export * from 'bottomup';\n`,
  };
  type Name = keyof typeof entries;
  const names = Object.keys(entries) as Name[];

  async function bundle(
    code: string,
    resolveDir: string,
    external: string[] = [],
  ): Promise<{ text: string; metafile: Metafile }> {
    const result = await build({
      stdin: { contents: code, resolveDir, sourcefile: 'entry.js', loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      metafile: true,
      outfile: join(resolveDir, 'out.js'),
      logLevel: 'silent',
      external,
    });
    return { text: result.outputFiles[0].text, metafile: result.metafile };
  }

  /** Minified bytes per source module, for attributing the packed bundle's size. */
  async function attribution(code: string): Promise<[string, number][]> {
    const source = code
      .replace("'bottomup/predict'", JSON.stringify(join(ROOT, 'src/predict.ts')))
      .replace("'bottomup'", JSON.stringify(join(ROOT, 'src/index.ts')));
    const { metafile } = await bundle(source, ROOT);
    const [output] = Object.values(metafile.outputs);
    return Object.entries(output.inputs)
      .map(([file, v]): [string, number] => [file.replace(/^.*?src\//, ''), v.bytesInOutput])
      .filter(([, bytes]) => bytes > 0)
      .sort((a, b) => b[1] - a[1]);
  }

  const table = (rows: [string, number][]): string =>
    rows.map(([f, b]) => `  ${String(b).padStart(6)}  ${f}`).join('\n');
  type Measured = { minified: number; gzip: number; text: string; modules: [string, number][] };
  const measured = {} as Record<Name, Measured>;

  beforeAll(async () => {
    for (const name of names) {
      const { text } = await bundle(entries[name], app);
      const modules = await attribution(entries[name]);
      measured[name] = { minified: Buffer.byteLength(text), gzip: gzipSync(text).length, text, modules };
      console.log(
        `[size] ${LABEL[name]}: ${measured[name].minified} B minified, ${measured[name].gzip} B gzip (ceiling ` +
          `${BUDGET[name]} B; target ${TARGET[name]} B ${measured[name].gzip <= TARGET[name] ? 'met' : 'not met'})\n` +
          `[size] minified bytes by source module:\n${table(modules)}`,
      );
    }
  }, 60_000);

  for (const name of names) {
    it(`${LABEL[name]} ≤ ${BUDGET[name] / KB} kB gzip (regression ceiling)`, () => {
      const { gzip, modules } = measured[name];
      expect(
        gzip,
        `${name} bundle is ${gzip} B gzip; modules pulled in (minified bytes):\n${table(modules)}`,
      ).toBeLessThanOrEqual(BUDGET[name]);
    });
  }

  it('tree-shaking: the training imports leave out every module they do not use', () => {
    const { text, modules } = measured.train;
    expect(text, 'the training bundle has Sequential').toContain('Sequential.forward');
    for (const [module, marker] of Object.entries(UNUSED)) {
      expect(measured.all.text, `marker ${JSON.stringify(marker)} of ${module} is in the full bundle`).toContain(
        marker,
      );
    }
    const leaked = Object.entries(UNUSED)
      .filter(([, marker]) => text.includes(marker))
      .map(([module, marker]) => `${module} (${JSON.stringify(marker)})`);
    expect(leaked, `unused modules in the training bundle; its modules (minified bytes):\n${table(modules)}`).toEqual(
      [],
    );
  });

  it('createPredictor alone leaves out the pipeline predictor (its scaler, labels and pipeline reader)', () => {
    const { text, modules } = measured.predictor;
    const files = modules.map(([f]) => f);
    for (const absent of ['data/scaling.ts', 'data/labels.ts', 'pipeline/format.ts', 'pipeline/decide.ts']) {
      expect(files, absent).not.toContain(absent);
      expect(
        measured.predict.modules.map(([f]) => f),
        absent,
      ).toContain(absent);
    }
    expect(text).not.toContain('bottomup.pipeline');
    expect(measured.predict.text).toContain('bottomup.pipeline');
  });

  it('bottomup/onnx: its own code ≤ ONNX_BUDGET gzip; the main entry bundles hold none of it', async () => {
    // the file itself: esbuild's external 'bottomup' would take 'bottomup/onnx' along
    const { text } = await bundle(`export * from ${JSON.stringify(join(installed, 'dist/onnx.js'))};\n`, app, [
      'bottomup',
    ]);
    const gzip = gzipSync(text).length;
    const app2 = await bundle(
      "export { Sequential } from 'bottomup';\nexport { fromONNX, toONNX } from 'bottomup/onnx';\n",
      app,
    );
    console.log(
      `[size] bottomup/onnx (its own code, bottomup external): ${Buffer.byteLength(text)} B minified, ${gzip} B gzip ` +
        `(ceiling ${ONNX_BUDGET} B); with the core it reads into (Sequential, Dense, the activations): ` +
        `${gzipSync(app2.text).length} B gzip`,
    );
    expect(text).toContain('fromONNX:');
    expect(gzip).toBeLessThanOrEqual(ONNX_BUDGET);
    for (const name of ['train', 'all'] as const) {
      expect(measured[name].text, name).not.toContain('fromONNX');
      expect(measured[name].text, name).not.toContain('toONNX');
    }
  });

  it('bottomup/parallel: its own code ≤ PARALLEL_BUDGET gzip; the main entry bundles hold none of it', async () => {
    const { text } = await bundle(`export * from ${JSON.stringify(join(installed, 'dist/parallel.js'))};\n`, app, [
      'bottomup',
    ]);
    const gzip = gzipSync(text).length;
    console.log(
      `[size] bottomup/parallel (its own code, bottomup external): ${Buffer.byteLength(text)} B minified, ` +
        `${gzip} B gzip (ceiling ${PARALLEL_BUDGET} B)`,
    );
    expect(text).toContain('startParallel');
    expect(gzip).toBeLessThanOrEqual(PARALLEL_BUDGET);
    // The core only holds the hook: no pool, no worker source, no shared-memory engine.
    for (const name of ['train', 'trainFit', 'all'] as const) {
      expect(measured[name].text, name).not.toContain('startParallel');
      expect(measured[name].text, name).not.toContain('SharedArrayBuffer');
    }
  });

  it('bottomup/predict ships no Matrix class, no layer class and no training code', () => {
    const { text, modules } = measured.predict;
    const files = modules.map(([f]) => f);
    for (const absent of [
      'matrix/matrix.ts',
      'matrix/ops.ts',
      'layers/dense.ts',
      'layers/dropout.ts',
      'layers/batch-norm.ts',
      'activations/activation.ts',
      'model/sequential.ts',
      'train/fit.ts',
      'matrix/gemm-wasm.ts',
    ]) {
      expect(files, absent).not.toContain(absent);
    }
    expect(text).toContain('createPredictor');
  });
});

describe('bottomup/keras: the packed entry', () => {
  const fixture = join(ROOT, 'test/fixtures/keras/mlp.keras');
  const X = source.Matrix.from([
    [0, 1, -1],
    [0.5, -2, 3],
  ]);
  const bits = (data: ArrayLike<number>): string[] =>
    Array.from(new BigUint64Array(Float64Array.from(data).buffer), (b) => b.toString(16));
  const run = async (file: string, code: string, flags: string[] = []) => {
    writeFileSync(join(app, file), code);
    return JSON.parse(await sh(process.execPath, [...flags, file], { cwd: app })) as {
      resolved: string;
      exports: string[];
      sameClass: boolean;
      bits: string[];
    };
  };
  const body = (load: string) => `
const model = ${load};
const X = new Matrix(2, 3, Float64Array.of(${Array.from(X.data).join(', ')}));
console.log(JSON.stringify({
  resolved: RESOLVED,
  exports: Object.keys(keras).sort(),
  sameClass: model instanceof Sequential,
  bits: Array.from(new BigUint64Array(Float64Array.from(model.predict(X).data).buffer), (b) => b.toString(16)),
}));
`;

  it('ships dist/keras.{js,cjs,d.ts,d.cts}, declarations without `any`', () => {
    for (const f of ['dist/keras.js', 'dist/keras.cjs', 'dist/keras.d.ts', 'dist/keras.d.cts']) {
      expect(pack.files, f).toContain(f);
      if (f.endsWith('ts')) expect(readFileSync(join(installed, f), 'utf8')).not.toMatch(/\bany\b(?![-\w])/);
    }
    // bottomup/keras imports the core as the package, so it has no copy of it.
    expect(readFileSync(join(installed, 'dist/keras.js'), 'utf8')).toMatch(/from ['"]bottomup['"]/);
    expect(readFileSync(join(installed, 'dist/keras.cjs'), 'utf8')).toMatch(/require\(['"]bottomup['"]\)/);
  });

  it('ESM: import { fromKeras } from "bottomup/keras" returns the Sequential of "bottomup", bit for bit', async () => {
    const expected = bits((await fromKeras(readFileSync(fixture))).predict(X).data);
    const out = await run(
      'keras.mjs',
      `import { readFileSync } from 'node:fs';
import { Matrix, Sequential } from 'bottomup';
import * as keras from 'bottomup/keras';
const RESOLVED = import.meta.resolve('bottomup/keras');
${body(`await keras.fromKeras(readFileSync(${JSON.stringify(fixture)}))`)}`,
    );
    expect(out.resolved).toMatch(/\/node_modules\/bottomup\/dist\/keras\.js$/);
    expect(out.exports).toEqual(['fromKeras']);
    expect(out.sameClass).toBe(true);
    expect(out.bits).toEqual(expected);
  });

  for (const flags of [[], ['--no-experimental-require-module']]) {
    it(`CJS: require("bottomup/keras")${flags.length ? ` (${flags.join(' ')})` : ''}`, async () => {
      const expected = bits((await fromKeras(readFileSync(fixture))).predict(X).data);
      const out = await run(
        'keras.cjs',
        `const { readFileSync } = require('node:fs');
const { Matrix, Sequential } = require('bottomup');
const keras = require('bottomup/keras');
const RESOLVED = require.resolve('bottomup/keras');
(async () => {${body(`await keras.fromKeras(readFileSync(${JSON.stringify(fixture)}))`)}})();`,
        flags,
      );
      expect(out.resolved).toMatch(/\/node_modules\/bottomup\/dist\/keras\.cjs$/);
      expect(out.exports).toEqual(['fromKeras']);
      expect(out.sameClass).toBe(true);
      expect(out.bits).toEqual(expected);
    });
  }

  it('type-checks in a TypeScript consumer (node16 and bundler resolution)', async () => {
    writeFileSync(
      join(app, 'keras-consumer.ts'),
      `import { Sequential } from 'bottomup';
import { type FromKerasOptions, fromKeras } from 'bottomup/keras';
const options: FromKerasOptions = { config: '{}' };
export const model: Promise<Sequential> = fromKeras(new Uint8Array(0), options);
`,
    );
    const common = { strict: true, skipLibCheck: false, noEmit: true, target: 'ES2022', lib: ['ES2022', 'DOM'] };
    for (const [name, options] of [
      ['node16', { module: 'node16', moduleResolution: 'node16', types: [] }],
      ['bundler', { module: 'esnext', moduleResolution: 'bundler', types: [] }],
    ] as const) {
      const config = { compilerOptions: { ...common, ...options }, files: ['keras-consumer.ts'] };
      writeFileSync(join(app, `tsconfig.keras-${name}.json`), JSON.stringify(config));
      const listed = await sh(process.execPath, [BIN.tsc, '-p', `tsconfig.keras-${name}.json`, '--listFiles'], {
        cwd: app,
      });
      expect(listed, name).toContain(join(installed, 'dist/keras.d.ts'));
    }
  });

  it('size: its own code ≤ 8.6 kB gzip (bottomup external); the main bundle has none of it', async () => {
    const minified = async (contents: string, external: string[] = []): Promise<string> => {
      const stdin = { contents, resolveDir: app, sourcefile: 'entry.js', loader: 'js' } as const;
      const options = { bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022' } as const;
      return (await build({ stdin, ...options, external, write: false, logLevel: 'silent' })).outputFiles[0].text;
    };
    // esbuild's external 'bottomup' would take 'bottomup/keras' with it: bundle the installed file itself.
    const own = await minified(`export * from ${JSON.stringify(join(installed, 'dist/keras.js'))};\n`, ['bottomup']);
    const all = await minified("export * from 'bottomup/keras';\n");
    const gzip = gzipSync(own).length;
    console.log(
      `[size] bottomup/keras: ${Buffer.byteLength(own)} B minified, ${gzip} B gzip on its own (ceiling 8600 B); ` +
        `${gzipSync(all).length} B gzip with the core it imports (loadModel and every layer kind)`,
    );
    expect(gzip).toBeLessThanOrEqual(8600);
    expect(own).toContain('fromKeras');
    expect(await minified("export * from 'bottomup';\n")).not.toContain('fromKeras');
  });
});

describe('bottomup/tfjs', () => {
  /** A consumer script: exports a model with toTFJS, reads it back with fromTFJS, reports what it got. */
  const script = (lib: string, tfjs: string, resolved: string): string => `
    const { Dense, Sequential, Tanh } = ${lib};
    const tfjs = ${tfjs};
    const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh()]);
    const artifacts = tfjs.toTFJS(model);
    const back = tfjs.fromTFJS(artifacts);
    console.log(JSON.stringify({
      resolved: ${resolved},
      exports: Object.keys(tfjs).sort(),
      sameSequential: back instanceof Sequential,
      layers: back.layers.map(String),
      bytes: artifacts.weightData.byteLength,
    }));`;
  const expected = {
    exports: ['fromTFJS', 'toTFJS'],
    sameSequential: true,
    layers: ['Dense(2 → 3)', 'Tanh()'],
    bytes: 36,
  };

  const consumers = [
    {
      kind: 'ESM: import from',
      file: 'tfjs.mjs',
      code: `import * as lib from 'bottomup';\nimport * as entry from 'bottomup/tfjs';\n${script('lib', 'entry', "import.meta.resolve('bottomup/tfjs')")}`,
      dist: 'dist/tfjs.js',
    },
    {
      kind: 'CJS: require of',
      file: 'tfjs.cjs',
      code: script("require('bottomup')", "require('bottomup/tfjs')", "require.resolve('bottomup/tfjs')"),
      dist: 'dist/tfjs.cjs',
    },
  ];
  for (const { kind, file, code, dist } of consumers) {
    it(`${kind} "bottomup/tfjs" uses ${dist}, and fromTFJS returns the app's Sequential`, async () => {
      writeFileSync(join(app, file), code);
      const { resolved, ...out } = JSON.parse(await sh(process.execPath, [file], { cwd: app }));
      expect(resolved).toMatch(new RegExp(`/node_modules/bottomup/${dist.replace('.', '\\.')}$`));
      expect(out).toEqual(expected);
    });
  }

  it('type-checks for a strict consumer (node16 and bundler)', async () => {
    writeFileSync(
      join(app, 'tfjs-consumer.ts'),
      [
        "import { Dense, Sequential } from 'bottomup';",
        "import { type TFJSArtifacts, type TFJSModelInput, fromTFJS, toTFJS } from 'bottomup/tfjs';",
        'const artifacts: TFJSArtifacts = toTFJS(new Sequential([new Dense(2, 1)]));',
        'const input: TFJSModelInput = artifacts;',
        'const model: Sequential = fromTFJS(input);',
        'export const kernel: number[] = artifacts.weightSpecs[0].shape;',
        'export { model };',
      ].join('\n'),
    );
    for (const [module, resolution] of [
      ['node16', 'node16'],
      ['esnext', 'bundler'],
    ]) {
      const config = {
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          target: 'ES2022',
          module,
          moduleResolution: resolution,
          lib: ['ES2022', 'DOM'],
          types: [],
        },
        files: ['tfjs-consumer.ts'],
      };
      writeFileSync(join(app, `tsconfig.tfjs-${resolution}.json`), JSON.stringify(config));
      const listed = await sh(process.execPath, [BIN.tsc, '-p', `tsconfig.tfjs-${resolution}.json`, '--listFiles'], {
        cwd: app,
      });
      expect(listed).toContain(join(installed, 'dist/tfjs.d.ts'));
    }
  });

  it('size: its own code (bottomup external), printed, ≤ its ceiling; the main entry has none of it', async () => {
    const CEILING = 4_000; // gzip bytes
    const measure = async (contents: string, external: string[]): Promise<{ text: string; gzip: number }> => {
      const result = await build({
        stdin: { contents, resolveDir: app, sourcefile: 'entry.js', loader: 'js' },
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
        external,
        logLevel: 'silent',
      });
      const text = result.outputFiles[0].text;
      return { text, gzip: gzipSync(text).length };
    };
    // By path: an external 'bottomup' would also keep 'bottomup/tfjs' out of the bundle.
    const own = await measure("export * from './node_modules/bottomup/dist/tfjs.js';\n", ['bottomup']);
    const withCore = await measure("export * from 'bottomup/tfjs';\n", []);
    const main = await measure("export * from 'bottomup';\n", []);
    console.log(
      `[size] bottomup/tfjs: ${Buffer.byteLength(own.text)} B minified, ${own.gzip} B gzip of its own (ceiling ` +
        `${CEILING} B); with the core it imports (Sequential, Dense, activations): ${withCore.gzip} B gzip`,
    );
    expect(own.gzip).toBeLessThanOrEqual(CEILING);
    expect(own.text).toContain('from"bottomup"'); // the core is imported, not bundled
    expect(main.text).not.toContain('fromTFJS');
    expect(main.text).not.toContain('layers-model');
  });
});
