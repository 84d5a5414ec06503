/**
 * The benchmark suite: `npm run bench` runs everything; `npm run bench -- two-layer mlp matmul gc` runs a
 * selection. Every figure is a median of several runs, next to a baseline measured in the same
 * process (the hand-fused or plain-JS reference, or the naive loop), so ratios survive a noisy machine.
 */
import { cpus } from 'node:os';
import { formatGcBench, runGcBench } from './gc.js';
import { formatMatmulTable, runMatmulBench } from './matmul.js';
import { formatMlpBench, runMlpBench } from './mlp.js';
import { formatTwoLayerBench, runTwoLayerBench } from './two-layer.js';

const all = ['two-layer', 'mlp', 'matmul', 'gc'] as const;
const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((a) => !(all as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')}; choose from ${all.join(', ')}`);
  process.exit(2);
}
const selected = requested.length > 0 ? requested : all;

console.log(
  `bottomup benchmarks — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}\n`,
);

if (selected.includes('two-layer')) {
  const r = await runTwoLayerBench();
  console.log(
    `## The 2-layer network: 2 → 4 tanh → 1 sigmoid, m = 400, 10 000 full-batch steps (median of ${r.runs})\n`,
  );
  console.log(formatTwoLayerBench(r), '\n');
}
if (selected.includes('mlp')) {
  const r = await runMlpBench();
  console.log(`## MLP 784 → 128 ReLU → 10 softmax, batch 64, one epoch of 8 192 samples (median of ${r.runs})\n`);
  console.log(formatMlpBench(r));
  console.log(`\nGC events during a steady-state epoch: ${r.gcEvents}\n`);
}
if (selected.includes('matmul')) {
  console.log('## Matrix multiplication, GFLOP/s (2·m·k·n / time), medians\n');
  console.log(formatMatmulTable(runMatmulBench()), '\n');
}
if (selected.includes('gc')) {
  console.log(
    '## GC events in the steady state of the explicit loop, per optimizer (one child process each; ' +
      'MLP over 2 000 steps, scaled)\n',
  );
  console.log(formatGcBench(runGcBench()), '\n');
}
