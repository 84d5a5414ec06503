#!/usr/bin/env node
/**
 * Peer benchmark: runs bottomup and its peers (TensorFlow.js cpu and wasm, brain.js, synaptic,
 * convnetjs, ml-matrix, a plain loop) on three workloads over the same data (data.mjs), one child
 * process per job with a timeout, and writes ../RESULTS.md.
 *
 *   node bench/peers/run.mjs                 # everything; writes bench/RESULTS.md
 *   node bench/peers/run.mjs --quick         # fewer repetitions, shortened runs (extrapolated)
 *   node bench/peers/run.mjs --only=bottomup,tfjs --workload=planar,matmul   # prints, does not write
 *   node bench/peers/run.mjs --out=path.md   # write the report somewhere else
 *   node bench/peers/run.mjs --save=run.json # also keep the raw results; --from=run.json re-renders them
 *   node bench/peers/run.mjs --from=all.json,redo.json   # jobs in later files replace the same jobs
 *   node bench/peers/run.mjs --only=numpy --rounds=3     # just the interleaved bottomup-vs-numpy rounds
 *   node bench/peers/run.mjs --no-numpy      # without them
 *
 * Needs the library built (`npm run build` at the root: bottomup is imported from ../../dist/index.js)
 * and this folder's own dependencies (`npm --prefix bench/peers ci`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { median } from './harness.mjs';
import { SETTINGS } from './data.mjs';
import { NUMPY_WORKLOADS, renderVersusNumpy, runVersusNumpy } from './numpy.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const quick = Boolean(args.quick);
const only = args.only ? String(args.only).split(',') : null;
const onlyWorkloads = args.workload ? String(args.workload).split(',') : null;
const partial = Boolean(only || onlyWorkloads);
const outPath = args.out ? path.resolve(String(args.out)) : partial ? null : path.join(here, '..', 'RESULTS.md');

// ------------------------------------------------------------------------------------------------
// Jobs. `reps` = timed runs (each after one untimed warm-up run); `steps`/`samples` shorten a run.

const q = (full, short) => (quick ? short : full);
const J = (o) => ({ timeoutSec: 240, ...o });
/** @type {Array<Record<string, any>>} */
const jobs = [
  // Workload 1 — planar flower, 10 000 full-batch steps.
  J({
    id: 'bu-loop',
    label: 'bottomup',
    variant: 'explicit loop',
    lib: 'bottomup',
    workload: 'planar',
    mode: 'loop',
    reps: q(9, 3),
  }),
  J({
    id: 'bu-fit',
    label: 'bottomup',
    variant: 'model.fit',
    lib: 'bottomup',
    workload: 'planar',
    mode: 'fit',
    reps: q(9, 3),
  }),
  J({
    id: 'tf-cpu-loop',
    label: 'TF.js cpu',
    variant: 'manual loop (minimize)',
    lib: 'tfjs',
    workload: 'planar',
    backend: 'cpu',
    mode: 'loop',
    reps: q(3, 1),
    steps: q(undefined, 2000),
  }),
  J({
    id: 'tf-cpu-fit',
    label: 'TF.js cpu',
    variant: 'model.fit',
    lib: 'tfjs',
    workload: 'planar',
    backend: 'cpu',
    mode: 'fit',
    reps: q(3, 1),
    steps: q(undefined, 1000),
  }),
  J({
    id: 'tf-wasm-loop',
    label: 'TF.js wasm',
    variant: 'manual loop (minimize)',
    lib: 'tfjs',
    workload: 'planar',
    backend: 'wasm',
    mode: 'loop',
    reps: q(3, 1),
    steps: q(undefined, 2000),
  }),
  J({
    id: 'tf-wasm-fit',
    label: 'TF.js wasm',
    variant: 'model.fit',
    lib: 'tfjs',
    workload: 'planar',
    backend: 'wasm',
    mode: 'fit',
    reps: q(3, 1),
    steps: q(undefined, 1000),
  }),
  J({ id: 'mlm', label: 'ml-matrix', variant: 'hand-written GD', lib: 'mlmatrix', workload: 'planar', reps: q(7, 2) }),
  J({
    id: 'brain',
    label: 'brain.js',
    variant: 'train (per-example)',
    lib: 'brainjs',
    workload: 'planar',
    reps: q(9, 2),
  }),
  J({
    id: 'synaptic',
    label: 'synaptic',
    variant: 'Trainer.train (per-example)',
    lib: 'synaptic',
    workload: 'planar',
    reps: q(9, 2),
  }),
  J({
    id: 'convnet',
    label: 'convnetjs',
    variant: 'Trainer, batch_size 400',
    lib: 'convnetjs',
    workload: 'planar',
    reps: q(3, 1),
    steps: q(undefined, 2000),
  }),

  // Workload 2 — MLP 784 → 128 → 10, one epoch of 8192, batch 64.
  J({
    id: 'bu-loop',
    label: 'bottomup',
    variant: 'explicit loop',
    lib: 'bottomup',
    workload: 'mlp',
    mode: 'loop',
    reps: q(9, 2),
  }),
  J({
    id: 'bu-fit',
    label: 'bottomup',
    variant: 'model.fit',
    lib: 'bottomup',
    workload: 'mlp',
    mode: 'fit',
    reps: q(9, 2),
  }),
  J({
    id: 'tf-cpu-loop',
    label: 'TF.js cpu',
    variant: 'manual loop (minimize)',
    lib: 'tfjs',
    workload: 'mlp',
    backend: 'cpu',
    mode: 'loop',
    reps: q(3, 1),
  }),
  J({
    id: 'tf-cpu-fit',
    label: 'TF.js cpu',
    variant: 'model.fit',
    lib: 'tfjs',
    workload: 'mlp',
    backend: 'cpu',
    mode: 'fit',
    reps: q(3, 1),
  }),
  J({
    id: 'tf-wasm-loop',
    label: 'TF.js wasm',
    variant: 'manual loop (minimize)',
    lib: 'tfjs',
    workload: 'mlp',
    backend: 'wasm',
    mode: 'loop',
    reps: q(9, 2),
  }),
  J({
    id: 'tf-wasm-fit',
    label: 'TF.js wasm',
    variant: 'model.fit',
    lib: 'tfjs',
    workload: 'mlp',
    backend: 'wasm',
    mode: 'fit',
    reps: q(7, 2),
  }),
  J({ id: 'mlm', label: 'ml-matrix', variant: 'hand-written SGD', lib: 'mlmatrix', workload: 'mlp', reps: q(3, 1) }),
  J({
    id: 'brain',
    label: 'brain.js',
    variant: 'train (per-example)',
    lib: 'brainjs',
    workload: 'mlp',
    reps: q(2, 1),
    samples: q(undefined, 2048),
  }),
  J({
    id: 'synaptic',
    label: 'synaptic',
    variant: 'Trainer.train (per-example)',
    lib: 'synaptic',
    workload: 'mlp',
    reps: q(2, 1),
    samples: q(512, 128),
    warmupSamples: q(256, 64),
    timeoutSec: 300,
  }),
  J({
    id: 'convnet',
    label: 'convnetjs',
    variant: 'Trainer, batch_size 64',
    lib: 'convnetjs',
    workload: 'mlp',
    reps: q(3, 1),
    samples: q(undefined, 2048),
  }),

  // Workload 3 — square matmul.
  J({
    id: 'bu',
    label: 'bottomup',
    variant: '`matmulInto` (Float64)',
    lib: 'bottomup',
    workload: 'matmul',
    reps: q(7, 3),
  }),
  J({
    id: 'tf-cpu',
    label: 'TF.js cpu',
    variant: '`tf.matMul` + `dataSync` (float32)',
    lib: 'tfjs',
    workload: 'matmul',
    backend: 'cpu',
    reps: q(7, 3),
  }),
  J({
    id: 'tf-wasm',
    label: 'TF.js wasm',
    variant: '`tf.matMul` + `dataSync` (float32)',
    lib: 'tfjs',
    workload: 'matmul',
    backend: 'wasm',
    reps: q(7, 3),
  }),
  J({
    id: 'mlm',
    label: 'ml-matrix',
    variant: '`A.mmul(B)` (Float64)',
    lib: 'mlmatrix',
    workload: 'matmul',
    reps: q(7, 3),
  }),
  J({
    id: 'plain',
    label: 'plain loop',
    variant: 'i-k-j over Float64Array',
    lib: 'plain',
    workload: 'matmul',
    reps: q(7, 3),
  }),
].filter((j) => (!only || only.includes(j.lib)) && (!onlyWorkloads || onlyWorkloads.includes(j.workload)));

// ------------------------------------------------------------------------------------------------
// Texts for the report.

const planarSemantics = {
  'bu-loop': "the course's loop: forward, `loss.forward`, `zeroGrad`, `backward`, `step`; Float64",
  'bu-fit': '`fit(X, Y, { epochs: 10000, batchSize: 400, shuffle: false })`; Float64',
  'tf-cpu-loop': '`optimizer.minimize` inside `tf.tidy`, `sigmoidCrossEntropy` on the logits; float32',
  'tf-cpu-fit': '`fit(xs, ys, { batchSize: 400, epochs: 10000, shuffle: false })`, `binaryCrossentropy`; float32',
  'tf-wasm-loop': 'as TF.js cpu; float32',
  'tf-wasm-fit': 'as TF.js cpu; float32',
  mlm: "the course's equations by hand over ml-matrix ops (new matrices every step); Float64",
  brain:
    '10 000 `iterations` = 10 000 passes of **per-example** updates (4 M updates); tanh on every layer incl. ' +
    'output, squared-error deltas, lr 0.003 = 1.2/400; own init',
  synaptic:
    '10 000 `iterations` = 10 000 passes of **per-example** updates; tanh hidden, logistic output with ' +
    'cross-entropy error, rate 0.003 = 1.2/400; own init',
  convnet:
    'true full-batch GD (mean gradient over 400 per-example backward passes), lr 1.2; 2-way softmax instead of ' +
    'sigmoid (same model family, twice the step on the logit difference)',
};
const mlpSemantics = {
  'bu-loop': 'pre-sliced column batches, explicit loop; Float64',
  'bu-fit': '`fit(X, Y, { epochs: 1, batchSize: 64, shuffle: false })`; Float64',
  'tf-cpu-loop': 'pre-sliced batches, `minimize` + `softmaxCrossEntropy` on logits; float32',
  'tf-cpu-fit': '`fit(xs, ys, { batchSize: 64, epochs: 1, shuffle: false })`; float32',
  'tf-wasm-loop': 'as TF.js cpu; float32',
  'tf-wasm-fit': 'as TF.js cpu; float32',
  mlm: 'hand-written mini-batch SGD over ml-matrix ops; Float64',
  brain:
    '**per-example** updates (no mini-batches); leaky-ReLU on every layer incl. output (no softmax), squared ' +
    'error, lr 0.01; own init',
  synaptic:
    '**per-example** updates; ReLU hidden, logistic outputs, cross-entropy error, rate 0.01; own init; timed ' +
    'on a prefix of the data set (too slow for 8 192)',
  convnet: 'true mini-batch SGD (mean gradient of 64 per-example backward passes), softmax + cross-entropy',
};
const notes = [
  '**Identical math** (same data, same initial weights, same full-batch / mini-batch gradient descent): bottomup, TF.js (both variants, both backends), ml-matrix. TF.js computes in float32, the others in Float64, so their final accuracies may differ in the last digit.',
  "**convnetjs** does true full-batch / mini-batch gradient descent (its `Trainer` averages the per-example gradients over `batch_size`), but only has softmax outputs: the planar network uses a 2-way softmax, which is the same model family with an over-parameterised output layer (its step on the logit difference is twice the sigmoid network's).",
  '**brain.js 1.x and synaptic** only do online learning (a weight update after every example), so "10 000 steps" becomes their own "10 000 iterations" = 10 000 passes over the 400 examples = 4 000 000 updates of a tiny network; the per-example learning rate is 1.2/400. brain.js has one activation for all layers, including the output, and squared-error deltas. Neither lets the initial weights be set without reaching into internals, so they use their own initialisers. Their times are real, but are not the same computation.',
  'On workload 2 the per-example libraries do 8 192 (brain.js) or 512 (synaptic) updates per epoch instead of 128 mini-batch updates. synaptic compiles the whole network into one generated function; at 784 → 128 → 10 that function is huge and V8 runs it slowly, so synaptic is timed on a 512-example prefix after a 256-example warm-up and its epoch time is extrapolated.',
  "bottomup's explicit loop is written exactly as the design's contract (`model.backward(loss.backward())`), which also computes the gradient with respect to the input X (for the MLP one more 784×128 by 128×64 product per batch); `fit` calls `model.backward(g, false)` and skips it, as TF.js's `minimize` over the variables does. That product is about a third of the MLP's matrix-multiply work per batch, and most of the gap between bottomup's two MLP rows.",
  "TF.js `model.fit` pays a per-epoch cost (callbacks, logs, async scheduling), which dominates a 400-example epoch: compare it with bottomup's `fit`, and the manual loops with each other.",
  'TF.js wasm runs its single-threaded SIMD build: under Node the backend reports no multi-threading support (`WASM_HAS_MULTITHREAD_SUPPORT` false), so it does not load the threaded .wasm. Every job is single-threaded and jobs run one at a time.',
];

// ------------------------------------------------------------------------------------------------
// Running.

function runJob(job) {
  return new Promise((resolve) => {
    const spec = Object.fromEntries(
      Object.entries(job).filter(([k, v]) => v !== undefined && !['id', 'label', 'variant', 'timeoutSec'].includes(k)),
    );
    const child = spawn(process.execPath, [path.join(here, 'worker.mjs'), JSON.stringify(spec)], {
      cwd: here,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, job.timeoutSec * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (timedOut) resolve({ error: `timed out after ${job.timeoutSec} s` });
      else if (line) resolve(JSON.parse(line.slice(7)));
      else resolve({ error: `exited with ${signal ?? code}: ${err.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

/** Which bottomup was measured: the repo's commit, whether the tree had changes, when dist/ was built. */
function describeBuild() {
  const root = path.join(here, '..', '..');
  const git = (...a) => {
    const r = spawnSync('git', a, { cwd: root, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const dist = path.join(root, 'dist', 'index.js');
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: Boolean(git('status', '--porcelain', '--', 'src')),
    builtAt: existsSync(dist)
      ? statSync(dist)
          .mtime.toISOString()
          .replace(/\.\d+Z$/, 'Z')
      : null,
  };
}

let totalSec,
  loadStart,
  loadEnd,
  runDate,
  runPriority,
  runQuick = quick,
  build = null,
  runCount = 1,
  numpy;
if (args.from) {
  // Re-render saved runs (--save) without running anything: --from=a.json[,b.json…]; a job (workload +
  // library + variant) in a later file replaces the same job of an earlier one, e.g. to redo a part
  // of a run that was disturbed.
  const runs = String(args.from)
    .split(',')
    .map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const first = runs[0];
  const last = runs[runs.length - 1];
  ({ loadStart, runDate, runPriority, quick: runQuick, build = null } = first);
  loadEnd = last.loadEnd;
  totalSec = runs.reduce((t, r) => t + r.totalSec, 0);
  const merged = new Map();
  runs.forEach((r, k) =>
    r.jobs.forEach((j) => merged.set(`${j.workload}/${j.id}`, { ...j, run: runs.length > 1 ? k + 1 : undefined })),
  );
  runCount = runs.length;
  numpy = runs.findLast((r) => r.numpy !== undefined)?.numpy;
  jobs.length = 0;
  jobs.push(
    ...[...merged.values()].filter(
      (j) => (!only || only.includes(j.lib)) && (!onlyWorkloads || onlyWorkloads.includes(j.workload)),
    ),
  );
  const order = { planar: 0, mlp: 1, matmul: 2 };
  jobs.sort((x, y) => order[x.workload] - order[y.workload]);
} else {
  build = describeBuild();
  const t0 = Date.now();
  loadStart = os.loadavg()[0];
  runDate = new Date().toISOString().slice(0, 10);
  runPriority = os.getPriority();
  const tty = process.stderr.isTTY;
  for (const job of jobs) {
    const tag = `${job.workload} ${job.label} ${job.variant}`;
    if (tty) process.stderr.write(`… ${tag}`);
    const s = Date.now();
    // Other processes on the machine skew timings: record the 1-minute load average before each job.
    job.load = os.loadavg()[0];
    job.result = await runJob(job);
    const secs = ((Date.now() - s) / 1000).toFixed(1);
    const status = job.result.error ? (job.result.pending ? '…' : '✗') : '✓';
    process.stderr.write(
      `${tty ? '\r' : ''}${status} ${tag} (${secs} s)${job.result.error ? ` — ${job.result.error}` : ''}\n`,
    );
  }
  // bottomup vs. numpy: interleaved rounds of fresh processes (numpy.mjs), after the peer jobs.
  if (!args['no-numpy'] && (!only || only.includes('numpy'))) {
    const workloads = NUMPY_WORKLOADS.filter((w) => !onlyWorkloads || onlyWorkloads.includes(w));
    if (workloads.length)
      numpy = await runVersusNumpy({
        quick,
        workloads,
        rounds: args.rounds ? Number(args.rounds) : undefined,
        log: (s) => process.stderr.write(s),
      });
  }
  totalSec = (Date.now() - t0) / 1000;
  loadEnd = os.loadavg()[0];
  if (args.save)
    writeFileSync(
      String(args.save),
      JSON.stringify({ totalSec, loadStart, loadEnd, runDate, runPriority, quick, build, jobs, numpy }, null, 1),
    );
}

// ------------------------------------------------------------------------------------------------
// Report.

const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const ratio = (x) => (Number.isFinite(x) ? `${x < 0.1 ? x.toFixed(3) : x >= 10 ? x.toFixed(1) : x.toFixed(2)}×` : '—');
const fmtInt = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '—');
const byWorkload = (w) => jobs.filter((j) => j.workload === w);
const failure = (r) => (r.pending ? `pending (${r.error.replace(/^pending: /, '')})` : `failed: ${r.error}`);

function planarFigure(r) {
  if (!r || r.error) return null;
  const t = median(r.times);
  const scale = r.fullSteps / r.steps;
  const cpu = r.cpuTimes ? (median(r.cpuTimes) * scale) / 1000 : NaN;
  return { seconds: (t * scale) / 1000, cpu, extrapolated: scale !== 1, steps: r.steps };
}
function mlpFigure(r) {
  if (!r || r.error) return null;
  const t = median(r.times);
  const scale = SETTINGS.mlp.m / r.samples;
  const cpu = r.cpuTimes ? (median(r.cpuTimes) / 1000) * scale : NaN;
  return { perSecond: r.samples / (t / 1000), epochSeconds: (t / 1000) * scale, cpu, samples: r.samples };
}

const lines = [];
const L = (s = '') => lines.push(s);
const cpus = os.cpus();
const rootPkg = JSON.parse(readFileSync(path.join(here, '..', '..', 'package.json'), 'utf8'));
const peerPkgs = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  'brain.js',
  'synaptic',
  'convnetjs',
  'ml-matrix',
];
const versionOf = (name) => {
  const p = path.join(here, 'node_modules', name, 'package.json');
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')).version : 'not installed';
};
const wasmInfo = jobs.find((j) => j.backend === 'wasm' && j.result && !j.result.error)?.result;

L('# bottomup vs. peers');
L();
L(
  `Generated by \`bench/peers/run.mjs\`${runQuick ? ' **in --quick mode (shortened runs, fewer repetitions)**' : ''} on ${runDate}; ${runCount > 1 ? `assembled from ${runCount} runs (${fmt(totalSec / 60, 1)} min of benchmarking in all; a later run's jobs replace the same jobs of an earlier one, and the raw timings say which run each job comes from)` : `the whole run took ${fmt(totalSec / 60, 1)} min`}.`,
);
L('Every library runs in its own child process, one job at a time, on the same data (`bench/peers/data.mjs`: seeded');
L('mulberry32 + Box–Muller, no dependency on any library). Each figure is the median of the timed runs, which follow');
L("one untimed warm-up run. Data conversion into each library's format happens before the clock starts.");
L();
const maxLoad = Math.max(loadStart, loadEnd, ...jobs.map((j) => j.load), ...(numpy?.loads ?? []));
// A single-threaded job that got a core to itself has CPU time ≈ wall time; much more wall than CPU
// means it was waiting for a core.
const disturbed = jobs.filter((j) => j.result?.cpuTimes && median(j.result.times) > 1.15 * median(j.result.cpuTimes));
if (disturbed.length) {
  L(
    `> **Noisy figures:** other processes competed for the ${cpus.length} cores during part of this run (1-minute load`,
  );
  L(`> average up to ${fmt(maxLoad, 1)}). These jobs took over 15 % more wall time than CPU time, so their wall-clock`);
  L(`> figures are inflated: ${disturbed.map((j) => `${j.workload} / ${j.label} ${j.variant}`).join('; ')}.`);
  L('> Re-run on an otherwise idle machine for figures to quote.');
  L();
}
L('## Machine');
L();
L(`- CPU: ${cpus[0]?.model ?? 'unknown'} (${cpus.length} logical cores as seen by Node; every job is single-threaded)`);
L(
  `- Node ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.arch()}, ` +
    `${fmt(os.totalmem() / 2 ** 30, 0)} GiB RAM`,
);
L(
  `- 1-minute load average: ${fmt(loadStart)} at the start, ${fmt(loadEnd)} at the end (the benchmark itself ` +
    `adds about 1; more means other processes were competing for the ${cpus.length} cores and the figures are noisier)`,
);
if (runPriority)
  L(
    `- run at nice ${runPriority}${
      runPriority < 0 ? ' (raised priority, to be less disturbed by other ' + 'processes on a shared machine)' : ''
    }`,
  );
if (wasmInfo)
  L(
    `- TF.js wasm backend: SIMD ${wasmInfo.simd ? 'on' : 'off'}, multi-threading ` +
      `${wasmInfo.threads ? 'on' : 'off (single-threaded .wasm)'}`,
  );
L();
L('## Versions');
L();
L('| library | version |');
L('| --- | --- |');
const buildText = build?.commit
  ? `; repo at ${build.commit}${build.dirty ? ', src/ with uncommitted changes' : ''}; dist/ built ` +
    `${build.builtAt ?? '?'}`
  : '';
L(`| bottomup | ${rootPkg.version} (this repo, \`dist/index.js\`${buildText}) |`);
for (const p of peerPkgs) L(`| ${p} | ${versionOf(p)} |`);
L();

// Workload 1
const w1 = byWorkload('planar');
if (w1.length) {
  const ref = planarFigure(w1.find((j) => j.id === 'bu-loop')?.result);
  L('## 1. Planar "flower" network: 2 → 4 tanh → 1 sigmoid, 10 000 steps');
  L();
  L('m = 400 examples, binary cross-entropy, plain gradient descent with learning rate 1.2, 10 000 full-batch steps,');
  L('starting from the same `randn·0.01` weights (`planarInit()`) wherever the library lets us set them.');
  L(
    'Time for the whole 10 000 steps (the library\'s own equivalent where it has no full-batch mode, see "semantics");',
  );
  L(
    '"× bottomup" is that time divided by bottomup\'s explicit loop (higher = slower). "CPU" is the process\'s ' +
      'CPU time over',
  );
  L('the same runs (user + system, all threads): far below the wall time means the job was waiting for a core.');
  L();
  L('| library | variant | time (s) | × bottomup | CPU (s) | train accuracy | timed runs | semantics |');
  L('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const j of w1) {
    const r = j.result;
    const f = planarFigure(r);
    const sem = planarSemantics[j.id] ?? '';
    if (!f) {
      L(`| ${j.label} | ${j.variant} | — | — | — | — | — | — | ${failure(r)} |`);
      continue;
    }
    const time = `${fmt(f.seconds, 2)}${f.extrapolated ? ` (extrapolated from ${f.steps})` : ''}`;
    const rel = ref ? ratio(f.seconds / ref.seconds) : '—';
    L(
      `| ${j.label} | ${j.variant} | ${time} | ${rel} | ${fmt(f.cpu)} | ${pct(r.accuracy)} | ${r.times.length} ` +
        `| ${sem} |`,
    );
  }
  L();
}

// Workload 2
const w2 = byWorkload('mlp');
if (w2.length) {
  const ref = mlpFigure(w2.find((j) => j.id === 'bu-loop')?.result);
  L('## 2. MLP 784 → 128 ReLU → 10 softmax, one epoch of 8 192 examples, mini-batch 64');
  L();
  L(
    'Synthetic data (`mlpData()`: 10 random prototypes in [0, 1]^784 plus 0.5·randn, clipped), categorical ' +
      'cross-entropy,',
  );
  L('SGD with learning rate 0.1, no shuffling, the same He/Glorot initial weights (`mlpInit()`) where settable.');
  L(
    'Training throughput in examples per second; "× bottomup" is that over bottomup\'s explicit loop (higher = ' +
      'faster).',
  );
  L('"epoch CPU" is the process\'s CPU time per epoch (see workload 1). The accuracy is on the training set after the');
  L('warm-up and timed epochs.');
  L();
  L(
    '| library | variant | samples/s | × bottomup | epoch (s) | epoch CPU (s) | train accuracy | timed runs | ' +
      'semantics |',
  );
  L('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const j of w2) {
    const r = j.result;
    const f = mlpFigure(r);
    const sem = mlpSemantics[j.id] ?? '';
    if (!f) {
      L(`| ${j.label} | ${j.variant} | — | — | — | — | — | — | ${failure(r)} |`);
      continue;
    }
    const runs = `${r.times.length}${r.samples !== SETTINGS.mlp.m ? ` × ${r.samples} examples` : ''}`;
    const epoch = `${fmt(f.epochSeconds, 2)}${r.samples !== SETTINGS.mlp.m ? ' (extrapolated)' : ''}`;
    const rel = ref ? ratio(f.perSecond / ref.perSecond) : '—';
    L(
      `| ${j.label} | ${j.variant} | ${fmtInt(f.perSecond)} | ${rel} | ${epoch} | ${fmt(f.cpu)} | ` +
        `${pct(r.accuracy)} | ${runs} | ${sem} |`,
    );
  }
  L();
}

// Workload 3
const w3 = byWorkload('matmul');
if (w3.length) {
  const sizes = SETTINGS.matmul.sizes;
  const refJob = w3.find((j) => j.id === 'bu');
  const refAt = (n) => refJob?.result?.results?.find((x) => x.n === n)?.gflops;
  L('## 3. Square matrix multiply, GFLOP/s = 2n³ / time');
  L();
  L(
    'Uniform [-1, 1) matrices (`squareMatrix()`). Each measurement repeats the multiply for at least 150 ms; ' +
      'the figure is',
  );
  L(
    'the median of the timed measurements after one warm-up measurement. "× bu" = GFLOP/s over bottomup\'s ' +
      '(higher = faster).',
  );
  L();
  L(`| library | kernel | ${sizes.map((n) => `n = ${n}`).join(' | ')} |`);
  L(`| --- | --- | ${sizes.map(() => '---:').join(' | ')} |`);
  for (const j of w3) {
    const r = j.result;
    if (r.error) {
      L(`| ${j.label} | ${j.variant} | ${sizes.map(() => '—').join(' | ')} |`);
      L(`|  | ${failure(r)} | ${sizes.map(() => '').join(' | ')} |`);
      continue;
    }
    const cells = sizes.map((n) => {
      const g = r.results.find((x) => x.n === n)?.gflops;
      const ref = refAt(n);
      return j.id === 'bu' || !ref ? fmt(g) : `${fmt(g)} (${ratio(g / ref)} bu)`;
    });
    L(`| ${j.label} | ${j.variant} | ${cells.join(' | ')} |`);
  }
  L();
  L(`Timed measurements per size: ${w3.map((j) => `${j.label} ${j.reps}`).join(', ')}.`);
  L(
    'TF.js times include `dataSync()` (the read-back of C) and the allocation of the result tensor; ml-matrix ' +
      'allocates its',
  );
  L('result too; bottomup writes into a preallocated `out` and the plain loop into a preallocated `Float64Array`.');
  L('float32 (TF.js) moves half the bytes of Float64 and the wasm backend uses 128-bit SIMD (4 float32 lanes).');
  L();
}

if (numpy !== undefined) for (const l of renderVersusNumpy(numpy)) L(l);

L('## Notes on semantics');
L();
for (const n of notes) L(`- ${n}`);
L();

const failed = jobs.filter((j) => j.result?.error);
if (failed.length) {
  L('## Did not run');
  L();
  for (const j of failed) L(`- ${j.workload} / ${j.label} ${j.variant}: ${failure(j.result)}`);
  L();
}

L('<details><summary>Raw timings (ms per timed run)</summary>');
L();
for (const j of jobs) {
  const r = j.result;
  L(
    `- ${j.workload} / ${j.label} ${j.variant} (${j.run ? `run ${j.run}, ` : ''}load ${fmt(j.load)}): ${r.error ? failure(r) : r.times ? r.times.map((t, k) => `${t.toFixed(1)}${r.cpuTimes ? ` (CPU ${r.cpuTimes[k].toFixed(1)})` : ''}`).join(', ') : r.results.map((x) => `n=${x.n}: ${(x.seconds * 1000).toFixed(3)} ms`).join(', ')}`,
  );
}
L();
L('</details>');
L();

const md = lines.join('\n');
if (outPath) {
  writeFileSync(outPath, md);
  process.stderr.write(`wrote ${path.relative(process.cwd(), outPath)} (${fmt(totalSec / 60, 1)} min)\n`);
} else {
  process.stdout.write(`${md}\n`);
}
