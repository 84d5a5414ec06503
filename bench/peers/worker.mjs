/**
 * Runs one (library, workload) job in this process and prints its result as one line
 * `RESULT {json}` on stdout (an `{ "error": ... }` result when the job throws).
 * Usage: `node worker.mjs '{"lib":"tfjs","workload":"planar",...}'`. run.mjs starts one of these per
 * job, so a library that crashes or hangs takes only its own job down.
 */
const job = JSON.parse(process.argv[2]);
let result;
const t0 = performance.now();
try {
  const lib = await import(`./libs/${job.lib}.mjs`);
  const fn = lib[job.workload];
  if (typeof fn !== 'function') throw new Error(`${job.lib} has no workload ${job.workload}`);
  result = await fn(job);
  // JSON drops array properties: move timeRuns' CPU times out of `times`.
  if (result.times?.cpu) result.cpuTimes = result.times.cpu;
} catch (e) {
  const msg = e instanceof Error ? e.message : String(e);
  result = { error: msg.split('\n')[0], pending: Boolean(e?.pending) };
  process.stderr.write(`${e?.stack ?? msg}\n`);
}
result.wallMs = performance.now() - t0;
process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
// Some libraries keep handles open (timers, wasm): do not wait for them.
process.exit(0);
