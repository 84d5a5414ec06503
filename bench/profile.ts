/**
 * Where the time goes: runs one workload under `node --cpu-prof` in a child process and sums the
 * profile's self time by function and by category (the WebAssembly micro-kernel and its packing, the
 * copies in and out of WebAssembly memory, the JS kernel, elementwise passes, mini-batch gathering,
 * optimizer steps, the rest).
 *
 * Run: `npx tsx bench/profile.ts mlp` (or `deep`, `planar`; `--top=N` functions).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Adam,
  CategoricalCrossEntropy,
  Dense,
  Matrix,
  ReLU,
  SGD,
  Sequential,
  Sigmoid,
  Softmax,
  Tanh,
  BinaryCrossEntropy,
  fit,
  type Layer,
} from '../src/index.js';
import { deepInit, mlpData, mlpInit, planarData, planarInit, SETTINGS } from './peers/data.mjs';
import { table } from './util.js';

type Workload = 'mlp' | 'deep' | 'planar';

function load(denses: Dense[], init: { W: Float64Array[]; b: Float64Array[] }): void {
  denses.forEach((d, l) => {
    d.weight.value.data.set(init.W[l]);
    d.bias?.value.data.set(init.b[l]);
  });
}

/** Runs the workload's `fit` for `epochs` epochs (after one warm-up epoch, profiled too). */
function run(workload: Workload, epochs: number): void {
  if (workload === 'planar') {
    const d = planarData();
    const denses = [new Dense(2, 4), new Dense(4, 1)];
    load(denses, planarInit());
    const model = new Sequential([denses[0], new Tanh(), denses[1], new Sigmoid()]);
    const X = new Matrix(2, d.m, d.X),
      Y = new Matrix(1, d.m, d.Y);
    const optimizer = new SGD(model.parameters(), { learningRate: 1.2 });
    fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer,
      epochs: 1000 * epochs,
      batchSize: d.m,
      shuffle: false,
    });
    return;
  }
  const deep = workload === 'deep';
  const s = deep ? SETTINGS.deep : SETTINGS.mlp;
  const m = deep ? 15_360 : s.m;
  const d = mlpData({ m });
  const denses = s.sizes.slice(1).map((n, l) => new Dense(s.sizes[l], n));
  load(denses, deep ? deepInit() : mlpInit());
  const layers: Layer[] = denses.flatMap((x, l) => [x, l + 1 < denses.length ? new ReLU() : new Softmax()]);
  const model = new Sequential(layers);
  const optimizer = deep
    ? new Adam(model.parameters(), { learningRate: s.learningRate })
    : new SGD(model.parameters(), { learningRate: s.learningRate });
  const X = new Matrix(d.nx, m, d.X),
    Y = new Matrix(d.ny, m, d.Y);
  fit(model, X, Y, { loss: new CategoricalCrossEntropy(), optimizer, epochs, batchSize: s.batchSize, shuffle: false });
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Categories, first match wins, on `name file`. */
const CATEGORIES: [string, RegExp][] = [
  ['wasm micro-kernel ($tile)', /^(\$tile|wasm-function\[1\]) /],
  ['wasm packing ($pack)', /^(\$pack|wasm-function\[0\]) /],
  ['wasm blocking loop (gemm)', /^(\$?gemm|wasm-function\[2\]) \S*wasm/],
  ['copies in/out of wasm memory', /^(copy|gemmWasm|set) /],
  ['JS kernel (micro, pack, gemmJs)', /^(micro|pack|gemmJs) \S*gemm\.ts/],
  ['mini-batch gathering', /gather/i],
  ['optimizer steps', /optimizers\//],
  ['activations', /activations\//],
  ['scalar exact math (tanh, sigmoid, exp, log)', /math\//],
  ['losses', /losses\//],
  ['Dense layer (forward/backward bookkeeping)', /layers\//],
  ['matrix ops (elementwise, reductions)', /matrix\//],
  ['fit loop / model', /(train|model)\//],
  ['garbage collection', /^\(garbage collector\)/],
  ['other', /.*/],
];

function summarize(file: string, top: number): void {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  prof.samples.forEach((id, k) => {
    const n = byId.get(id);
    if (!n) return;
    const f = n.callFrame;
    const where = f.url ? `${f.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`;
    self.set(key, (self.get(key) ?? 0) + (prof.timeDeltas[k] ?? 0));
  });
  // Not training: idle, "(program)", the data generation, module loading and transpiling.
  const setup = (k: string): boolean => /^\((idle|program)\)|bench\/|node:|node_modules\/tsx/.test(k);
  const setupMs = [...self.entries()].filter(([k]) => setup(k)).reduce((s, [, v]) => s + v, 0);
  for (const k of [...self.keys()]) if (setup(k)) self.delete(k);
  const total = [...self.values()].reduce((s, v) => s + v, 0);
  const cats = new Map<string, number>();
  for (const [k, v] of self) {
    const c = CATEGORIES.find(([, re]) => re.test(k))?.[0] ?? 'other';
    cats.set(c, (cats.get(c) ?? 0) + v);
  }
  const pct = (v: number): string => `${((100 * v) / total).toFixed(1)} %`;
  console.log(
    `${(total / 1000).toFixed(0)} ms of training samples (left out: ${(setupMs / 1000).toFixed(0)} ms of idle, ` +
      '"(program)", data generation and module loading)\n',
  );
  console.log(
    table(
      ['category', 'self time'],
      [...cats.entries()].sort((a, b) => b[1] - a[1]).map(([c, v]) => [c, `${(v / 1000).toFixed(0)} ms, ${pct(v)}`]),
    ),
  );
  console.log();
  console.log(
    table(
      ['function', 'self time'],
      [...self.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, v]) => [k, pct(v)]),
    ),
  );
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] !== undefined && resolve(process.argv[1]) === here) {
  const [mode, ...rest] = process.argv.slice(2);
  const top = Number(rest.find((a) => a.startsWith('--top='))?.slice(6) ?? 20);
  if (mode === '--child') {
    run(rest[0] as Workload, Number(rest[1]));
  } else {
    const workload = (mode ?? 'mlp') as Workload;
    const dir = mkdtempSync(join(os.tmpdir(), 'bottomup-prof-'));
    const epochs = workload === 'deep' ? 2 : workload === 'planar' ? 5 : 8;
    const r = spawnSync(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', here, '--child', workload, String(epochs)],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error(`profile child exited with ${r.status}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile written');
    console.log(
      `${workload}: fit, ${epochs}${workload === 'planar' ? ' × 1 000' : ''} epochs, load ${os.loadavg()[0].toFixed(1)}`,
    );
    summarize(join(dir, file), top);
    rmSync(dir, { recursive: true, force: true });
  }
}
