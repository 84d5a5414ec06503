// Shared helpers for the benchmarks: medians, timing, GC counting.
import { PerformanceObserver } from 'node:perf_hooks';

/** The median of `values`. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Milliseconds taken by `fn`. */
export function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * Counts garbage-collection events while `fn` runs (PerformanceObserver on 'gc'). GC entries are
 * delivered asynchronously, so the count is read after a macrotask.
 */
export async function countGc(fn: () => void): Promise<{ events: number; ms: number }> {
  let events = 0;
  let active = false;
  const observer = new PerformanceObserver((list) => {
    if (active) events += list.getEntries().length;
  });
  observer.observe({ entryTypes: ['gc'] });
  await new Promise((r) => setTimeout(r, 20)); // let pending entries from before drain
  active = true;
  const ms = time(fn);
  await new Promise((r) => setTimeout(r, 50));
  active = false;
  observer.disconnect();
  return { events, ms };
}

/** Formats a markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: readonly string[]): string => `| ${r.map((v, c) => v.padEnd(widths[c])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
