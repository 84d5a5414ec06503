/**
 * bottomup vs. numpy, run by run.mjs: the same workloads written in numpy the way the course's
 * notebooks write them (libs/numpy_peer.py), on the same data (data.mjs, handed over as raw float64
 * files), with OpenBLAS on 1 and on 2 threads, as Python subprocesses, INTERLEAVED with bottomup:
 * each round runs every contestant once per workload, each in a fresh process, in an order that
 * rotates from round to round, so a disturbance of the shared machine hits all of them alike. Figures
 * are medians over the rounds with their min–max, and the ratios are of medians of the same run.
 *
 * Skipped, with a note in the report, when `python3` (or `$PYTHON`) cannot import numpy.
 *
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './harness.mjs';
import { SETTINGS, deepInit, mlpData, mlpInit, planarData, planarInit, squareMatrix } from './data.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const python = process.env.PYTHON ?? 'python3';

/** The workloads of the comparison, in report order. */
export const NUMPY_WORKLOADS = ['planar', 'mlp', 'deep', 'matmul'];

/**
 * Contestants: bottomup's `fit` (no input gradient, as the notebooks), the same with `bottomup/parallel`'s
 * 2 threads (on the workloads with products large enough to split), numpy on 1 and on 2 BLAS threads.
 */
const CONTESTANTS = [
  { id: 'bu', label: 'bottomup (`fit`)' },
  { id: 'bu2', label: 'bottomup, 2 workers', parallel: 2, workloads: ['mlp', 'deep', 'matmul'] },
  { id: 'np1', label: 'numpy, 1 thread', threads: 1 },
  { id: 'np2', label: 'numpy, 2 threads', threads: 2 },
];

/**
 * The environment of the numpy subprocess: the parent's without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
 * (so OpenBLAS picks its kernels for this CPU itself), with OPENBLAS_NUM_THREADS set.
 */
function numpyEnv(threads) {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads) };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** Runs `cmd args` and resolves with the parsed `RESULT {json}` line of its stdout, or `{ error }`. */
function runProcess(cmd, args, { env = process.env, timeoutSec = 300 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: here, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSec * 1000);
    child.on('error', (e) => resolve({ error: e.message }));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (timedOut) resolve({ error: `timed out after ${timeoutSec} s` });
      else if (line) resolve(JSON.parse(line.slice(7)));
      else resolve({ error: `exited with ${signal ?? code}: ${err.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

/** Whether numpy can be used: `null` when it can, else the reason. */
function numpyMissing() {
  const r = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8', env: numpyEnv(1) });
  if (r.error) return `${python} not found (${r.error.message})`;
  if (r.status !== 0) return `${python} cannot import numpy (${r.stderr.trim().split('\n').pop()})`;
  return null;
}

/** Writes the shared data sets and initial weights as raw float64 files into a new temporary folder. */
function writeData() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bottomup-numpy-'));
  const put = (name, a) =>
    writeFileSync(path.join(dir, `${name}.f64`), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const p = planarData();
  const pi = planarInit();
  put('planar_X', p.X);
  put('planar_Y', p.Y);
  put('planar_W1', pi.W[0]);
  put('planar_b1', pi.b[0]);
  put('planar_W2', pi.W[1]);
  put('planar_b2', pi.b[1]);
  const sets = [
    ['mlp', mlpData(), mlpInit()],
    ['deep', mlpData({ m: SETTINGS.deep.m }), deepInit()],
  ];
  for (const [name, d, init] of sets) {
    put(`${name}_X`, d.X);
    put(`${name}_Y`, d.Y);
    init.W.forEach((w, l) => {
      put(`${name}_W${l + 1}`, w);
      put(`${name}_b${l + 1}`, init.b[l]);
    });
  }
  for (const n of SETTINGS.matmul.sizes) {
    put(`matmul_A${n}`, squareMatrix(n, 1));
    put(`matmul_B${n}`, squareMatrix(n, 2));
  }
  return dir;
}

/** The job of one contestant on one workload (run lengths shortened by `quick`). */
function jobOf(workload, contestant, quick, data) {
  const q = (full, short) => (quick ? short : full);
  const common = {
    planar: { steps: q(SETTINGS.planar.steps, 2000), reps: 1 },
    mlp: { reps: 1 },
    deep: { samples: q(undefined, 12_800), warmupSamples: 2560, reps: 1 },
    matmul: { reps: 3 },
  }[workload];
  if (contestant.id === 'bu' || contestant.id === 'bu2') {
    const spec = { lib: 'bottomup', workload, mode: 'fit', parallel: contestant.parallel, ...common };
    return () => runProcess(process.execPath, [path.join(here, 'worker.mjs'), JSON.stringify(spec)]);
  }
  const settings = {
    planar: { learningRate: SETTINGS.planar.learningRate },
    mlp: { ...SETTINGS.mlp, fullM: SETTINGS.mlp.m },
    deep: { ...SETTINGS.deep, fullM: SETTINGS.deep.m },
    matmul: { sizes: SETTINGS.matmul.sizes },
  }[workload];
  const spec = { workload, data, ...settings, ...common };
  return () =>
    runProcess(python, [path.join(here, 'libs', 'numpy_peer.py'), JSON.stringify(spec)], {
      env: numpyEnv(contestant.threads),
    });
}

/**
 * The figure of one job: seconds for the planar run (scaled to 10 000 steps), samples per second for
 * mlp and deep, GFLOP/s per size for matmul.
 */
function figure(workload, r) {
  if (!r || r.error) return null;
  if (workload === 'planar') return (median(r.times) / 1000) * (SETTINGS.planar.steps / r.steps);
  if (workload === 'matmul') return Object.fromEntries(r.results.map((x) => [x.n, x.gflops]));
  return r.samples / (median(r.times) / 1000);
}

/**
 * The same figure from the process's CPU time instead of the wall time (not for matmul): for a
 * single-threaded contestant, less inflated by waiting for a core on a busy machine.
 */
function cpuFigure(workload, r) {
  if (!r || r.error || !r.cpuTimes || workload === 'matmul') return null;
  return figure(workload, { ...r, times: r.cpuTimes });
}

/**
 * Runs the comparison: `rounds` interleaved rounds over `workloads`. Returns everything the report
 * needs (and `--save` keeps), or `{ skipped }` when numpy is not there.
 */
export async function runVersusNumpy({ quick = false, rounds = quick ? 2 : 5, workloads = NUMPY_WORKLOADS, log }) {
  const missing = numpyMissing();
  if (missing) return { skipped: missing };
  const data = writeData();
  try {
    const info = {};
    for (const c of CONTESTANTS.filter((c) => c.threads))
      info[c.id] = await runProcess(python, [path.join(here, 'libs', 'numpy_peer.py'), '{"workload":"info"}'], {
        env: numpyEnv(c.threads),
      });
    const loads = [os.loadavg()[0]];
    const results = Object.fromEntries(
      workloads.map((w) => [w, Object.fromEntries(CONTESTANTS.map((c) => [c.id, []]))]),
    );
    const t0 = Date.now();
    for (let round = 0; round < rounds; round++) {
      for (const w of workloads) {
        // rotate the order from round to round
        const order = CONTESTANTS.map((_, k) => CONTESTANTS[(k + round) % CONTESTANTS.length]);
        for (const c of order) {
          if (c.workloads && !c.workloads.includes(w)) continue;
          const load = os.loadavg()[0];
          const s = Date.now();
          const r = await jobOf(w, c, quick, data)();
          results[w][c.id].push({
            load,
            figure: figure(w, r),
            cpu: cpuFigure(w, r),
            error: r.error,
            accuracy: r.accuracy,
            raw: r,
          });
          log?.(
            `${r.error ? '✗' : '✓'} numpy comparison round ${round + 1}/${rounds} ${w} ${c.label} ` +
              `(${((Date.now() - s) / 1000).toFixed(1)} s)${r.error ? ` — ${r.error}` : ''}\n`,
          );
        }
      }
      loads.push(os.loadavg()[0]);
    }
    return { quick, rounds, workloads, info, results, loads, totalSec: (Date.now() - t0) / 1000 };
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------------
// Report.

const stats = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x));
  return v.length ? { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length } : null;
};
const f = (x, d) =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—';
const cell = (s, d) => (s ? `${f(s.median, d)} (${f(s.min, d)}–${f(s.max, d)})` : '—');
const times = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');

/** The report section (markdown lines) for a {@link runVersusNumpy} result. */
export function renderVersusNumpy(v) {
  const L = [];
  L.push('## bottomup vs. numpy');
  L.push('');
  if (!v || v.skipped) {
    L.push(
      `Not run: ${v?.skipped ?? 'no numpy results in this run'}. (It needs \`python3\` with numpy, or \`$PYTHON\`.)`,
    );
    L.push('');
    return L;
  }
  const i1 = v.info.np1 ?? {};
  const i2 = v.info.np2 ?? {};
  L.push(
    `The workloads written in numpy the way the course's notebooks write them (\`libs/numpy_peer.py\`: \`np.dot\`, ` +
      'broadcast `+ b`, `np.tanh`/`np.exp` passes, `update_parameters_with_adam`), on the same data and initial weights, ' +
      "against bottomup's `fit` (which, like the notebooks, skips the gradient with respect to the input). " +
      `${v.rounds} interleaved rounds${v.quick ? ' **in --quick mode (shortened runs)**' : ''}: every round runs ` +
      'each contestant once per workload, each in a fresh process after one untimed warm-up run, in an order that ' +
      'rotates from round to round. Figures are medians over the rounds (min–max in brackets); ratios are of the ' +
      'medians of this same run.',
  );
  L.push('');
  L.push(
    `- numpy ${i1.numpy ?? '?'} (Python ${i1.python ?? '?'}), BLAS: ${i1.blas ?? '?'} ${i1.blasVersion ?? ''}, ` +
      `OpenBLAS core \`${i1.core ?? '?'}\`; threads as OpenBLAS reports them: ${i1.threads ?? '?'} with ` +
      `\`OPENBLAS_NUM_THREADS=1\`, ${i2.threads ?? '?'} with \`OPENBLAS_NUM_THREADS=2\`. \`OPENBLAS_CORETYPE\` and ` +
      '`OPENBLAS_L2_SIZE` are unset for the numpy subprocesses.',
  );
  L.push(
    `- 1-minute load average at the start of each round and at the end: ${v.loads.map((x) => x.toFixed(1)).join(', ')} ` +
      `(${os.cpus().length} cores; ${v.totalSec ? `${(v.totalSec / 60).toFixed(1)} min in all` : ''}).`,
  );
  L.push('');
  const get = (w, id) => v.results[w]?.[id] ?? [];
  const rows = [
    ['planar', 'the 2-layer network (2 → 4 tanh → 1 sigmoid, m 400), 10 000 full-batch steps, **s**', 3, false],
    ['mlp', 'MLP 784 → 128 ReLU → 10 softmax, batch 64, SGD, 8 192 examples, **samples/s**', 0, true],
    ['deep', '784 → 256 ReLU → 128 ReLU → 10 softmax, batch 128, Adam, 60 000 examples, **samples/s**', 0, true],
  ].filter(([w]) => v.workloads.includes(w));
  if (rows.length) {
    L.push(
      '| workload (float64) | bottomup | bottomup, 2 workers | numpy 1 thread | numpy 2 threads | ' +
        'bottomup ÷ numpy 1 thread | bottomup ÷ numpy 2 threads | bottomup 2 workers ÷ numpy 2 threads |',
    );
    L.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [w, label, d, higherBetter] of rows) {
      const s = Object.fromEntries(CONTESTANTS.map((c) => [c.id, stats(get(w, c.id).map((r) => r.figure))]));
      // As speed: > 1× means bottomup is faster. For the planar time that is numpy's time over bottomup's.
      const sp = (o, b = 'bu') =>
        s[b] && s[o] ? (higherBetter ? s[b].median / s[o].median : s[o].median / s[b].median) : NaN;
      L.push(
        `| ${label} | ${cell(s.bu, d)} | ${cell(s.bu2, d)} | ${cell(s.np1, d)} | ${cell(s.np2, d)} | ` +
          `${times(sp('np1'))} | ${times(sp('np2'))} | ${times(sp('np2', 'bu2'))} |`,
      );
    }
    L.push('');
    L.push(
      'From CPU time instead of wall time, for the single-threaded contestants (less inflated by waiting for a ' +
        'core; cache sharing with other processes still slows both):',
    );
    L.push('');
    L.push('| workload | bottomup (CPU) | numpy 1 thread (CPU) | bottomup ÷ numpy 1 thread |');
    L.push('| --- | ---: | ---: | ---: |');
    for (const [w, label, d, higherBetter] of rows) {
      const b = stats(get(w, 'bu').map((r) => r.cpu));
      const n = stats(get(w, 'np1').map((r) => r.cpu));
      const sp = b && n ? (higherBetter ? b.median / n.median : n.median / b.median) : NaN;
      L.push(`| ${label} | ${cell(b, d)} | ${cell(n, d)} | ${times(sp)} |`);
    }
    L.push('');
    L.push(
      "The ratio columns are bottomup's speed over numpy's (> 1× = bottomup faster; for the planar network, " +
        "numpy's time over bottomup's).",
    );
    const acc = rows
      .map(([w]) => {
        const a = CONTESTANTS.map((c) => get(w, c.id).find((r) => Number.isFinite(r.accuracy))?.accuracy);
        return `${w}: ${a.map((x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '—')).join(' / ')}`;
      })
      .join('; ');
    L.push(
      'Training accuracy after the timed run (bottomup / bottomup, 2 workers / numpy 1 thread / numpy 2 threads): ' +
        `${acc}.`,
    );
    L.push(
      '"bottomup, 2 workers" is the same `fit` after `startParallel({ threads: 2 })` (`bottomup/parallel`): ' +
        'its large products split by output columns between the main thread and one worker, with bit-identical ' +
        'results.',
    );
    L.push('');
  }
  if (v.workloads.includes('matmul')) {
    const sizes = SETTINGS.matmul.sizes;
    L.push('Square matmul, GFLOP/s = 2n³ / time (`matmulInto(out, A, B)` vs. `np.dot(A, B, out=C)`, Float64):');
    L.push('');
    L.push(`| | ${sizes.map((n) => `n = ${n}`).join(' | ')} |`);
    L.push(`| --- | ${sizes.map(() => '---:').join(' | ')} |`);
    const per = Object.fromEntries(
      CONTESTANTS.map((c) => [c.id, sizes.map((n) => stats(get('matmul', c.id).map((r) => r.figure?.[n])))]),
    );
    for (const c of CONTESTANTS) {
      const label =
        c.id === 'bu' ? 'bottomup (`matmulInto`)' : c.id === 'bu2' ? `${c.label} (\`matmulInto\`)` : c.label;
      L.push(`| ${label} | ${per[c.id].map((s) => cell(s, 1)).join(' | ')} |`);
    }
    for (const [b, o] of [
      ['bu', 'np1'],
      ['bu', 'np2'],
      ['bu2', 'np2'],
    ])
      L.push(
        `| bottomup${b === 'bu2' ? ' 2 workers' : ''} ÷ ${o === 'np1' ? 'numpy 1 thread' : 'numpy 2 threads'} | ${sizes
          .map((_, k) => times(per[b][k] && per[o][k] ? per[b][k].median / per[o][k].median : NaN))
          .join(' | ')} |`,
      );
    L.push('');
  }
  const failed = v.workloads.flatMap((w) =>
    CONTESTANTS.flatMap((c) =>
      get(w, c.id)
        .filter((r) => r.error)
        .map((r) => `${w} / ${c.label}: ${r.error}`),
    ),
  );
  if (failed.length) {
    L.push(`Failed runs: ${failed.join('; ')}.`);
    L.push('');
  }
  L.push('<details><summary>numpy comparison: every round</summary>');
  L.push('');
  for (const w of v.workloads)
    for (const c of CONTESTANTS.filter((c) => !c.workloads || c.workloads.includes(w)))
      L.push(
        `- ${w} / ${c.label}: ${get(w, c.id)
          .map((r) =>
            r.error
              ? 'failed'
              : typeof r.figure === 'number'
                ? `${f(r.figure, w === 'planar' ? 3 : 0)} (load ${r.load.toFixed(1)})`
                : `${Object.entries(r.figure)
                    .map(([n, g]) => `${n}: ${f(g, 1)}`)
                    .join(', ')} (load ${r.load.toFixed(1)})`,
          )
          .join('; ')}`,
      );
  L.push('');
  L.push('</details>');
  L.push('');
  return L;
}
