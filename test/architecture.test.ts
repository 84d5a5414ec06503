/**
 * The layout's promises, checked on the source: no import circles (type-only imports included, so
 * the module graph reads one way), no module importing another folder's `internal` file, and every
 * source line at most 120 characters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const files = sourceFiles(SRC);
/** Each module's relative imports and re-exports, as absolute `.ts` paths. */
const graph = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\b[^;]*?from '(\.[^']+)\.js';/gms)].map((m) =>
      resolve(dirname(file), `${m[1]}.ts`),
    );
    return [file, targets];
  }),
);
const name = (file: string): string => relative(SRC, file);

describe('the module graph', () => {
  it('reads the source (a check that found nothing would prove nothing)', () => {
    expect(files.length).toBeGreaterThan(60);
    expect(graph.get(join(SRC, 'train/fit.ts'))?.map(name)).toContain('train/plan.ts');
  });

  it('has no import circles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map(name).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it("imports no other folder's internal file", () => {
    const crossings = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((t) => /(^|\/)internal\.ts$/.test(t) && dirname(t) !== dirname(file))
        .map((t) => `${name(file)} → ${name(t)}`),
    );
    expect(crossings).toEqual([]);
  });

  it('every import resolves to a source file', () => {
    const missing = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => !graph.has(t)).map((t) => `${name(file)} → ${name(t)}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('lines', () => {
  it('are at most 120 characters in src/', () => {
    const long = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => [line, i] as const)
        .filter(([line]) => line.length > 120 && !name(file).endsWith('gemm-wasm.ts'))
        .map(([line, i]) => `${name(file)}:${i + 1} (${line.length})`),
    );
    expect(long).toEqual([]);
  });
});
