// Turns documentation code (guide snippets, TSDoc @example blocks) into runnable modules:
// `import … from 'bottomup'` (and 'bottomup/predict', 'bottomup/onnx') points at the source, and each `expr; //=> value` line becomes an
// assertion that `expr` deep-equals `value`.
import { deepStrictEqual } from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const srcIndex = resolve(here, '../../src/index.ts');
const outDir = resolve(here, '../../.tmp/snippets');

/** Asserts a documented `//=>` result. Exported for the generated modules. */
export function expectSnippet(actual: unknown, expected: unknown, line: string): void {
  try {
    deepStrictEqual(actual, expected);
  } catch {
    throw new Error(
      `snippet line\n  ${line.trim()}\nexpected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    );
  }
}

/** Rewrites a snippet into a module that asserts its `//=>` results. */
export function transformSnippet(code: string): string {
  const out: string[] = [
    `import { expectSnippet } from ${JSON.stringify(pathToFileURL(join(here, 'snippets.ts')).href)};`,
  ];
  for (const raw of code.split('\n')) {
    const line = raw
      .replace(
        /from ['"]bottomup\/predict['"]/,
        `from ${JSON.stringify(pathToFileURL(join(dirname(srcIndex), 'predict.ts')).href)}`,
      )
      .replace(
        /from ['"]bottomup\/onnx['"]/,
        `from ${JSON.stringify(pathToFileURL(join(dirname(srcIndex), 'onnx.ts')).href)}`,
      )
      .replace(
        /from ['"]bottomup\/keras['"]/,
        `from ${JSON.stringify(pathToFileURL(join(dirname(srcIndex), 'keras.ts')).href)}`,
      )
      .replace(
        /from ['"]bottomup\/parallel['"]/,
        `from ${JSON.stringify(pathToFileURL(join(dirname(srcIndex), 'parallel.ts')).href)}`,
      )
      .replace(
        /from ['"]bottomup\/tfjs['"]/,
        `from ${JSON.stringify(pathToFileURL(join(dirname(srcIndex), 'tfjs.ts')).href)}`,
      )
      .replace(/from ['"]bottomup['"]/, `from ${JSON.stringify(pathToFileURL(srcIndex).href)}`);
    const inline = /^(\s*)(.+?);?\s*\/\/=>\s*(.+)$/.exec(line);
    const alone = /^\s*\/\/=>\s*(.+)$/.exec(line);
    if (alone !== null) {
      // A result on its own line belongs to the previous statement.
      let k = out.length - 1;
      while (k > 0 && out[k].trim() === '') k--;
      const prev = out[k].replace(/;\s*$/, '');
      const indent = /^\s*/.exec(prev)?.[0] ?? '';
      out[k] = `${indent}expectSnippet(${prev.trim()}, ${alone[1]}, ${JSON.stringify(prev.trim())});`;
    } else if (inline !== null && !/^\s*\/\//.test(inline[2])) {
      out.push(`${inline[1]}expectSnippet(${inline[2]}, ${inline[3]}, ${JSON.stringify(raw)});`);
    } else {
      out.push(line);
    }
  }
  return out.join('\n');
}

let counter = 0;

/** Writes a transformed snippet to a temporary module and imports (runs) it. */
export async function runSnippet(code: string, name: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name.replace(/[^\w-]+/g, '_')}_${counter++}.ts`);
  writeFileSync(file, transformSnippet(code));
  await import(pathToFileURL(file).href);
}

/** The ```ts code blocks of a Markdown text, with the heading each sits under. */
export function markdownSnippets(markdown: string): { heading: string; code: string }[] {
  const blocks: { heading: string; code: string }[] = [];
  let heading = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('#')) heading = lines[i].replace(/^#+\s*/, '');
    if (/^```(ts|typescript)\s*$/.test(lines[i])) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
      blocks.push({ heading, code: body.join('\n') });
    }
  }
  return blocks;
}
