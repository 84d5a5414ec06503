// Every TSDoc @example in src/ is run, and each `//=>` result in it is checked, so the API docs
// cannot show code that does not work.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSnippet } from './snippets.js';

const root = resolve(__dirname, '../..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The ```ts blocks inside doc comments, with the line they start on. */
function docExamples(text: string): { line: number; code: string }[] {
  const lines = text.split('\n');
  const out: { line: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*```(ts|typescript)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*\*\s*```/.test(lines[i]); i++) body.push(lines[i].replace(/^\s*\* ?/, ''));
    if (body.some((l) => /from ['"]bottomup['"]/.test(l))) out.push({ line: start, code: body.join('\n') });
  }
  return out;
}

const examples = sourceFiles(src).flatMap((file) =>
  docExamples(readFileSync(file, 'utf8')).map((e) => ({ ...e, file: relative(root, file) })),
);

describe('TSDoc examples in src/', () => {
  it('exist in numbers (every public module has runnable examples)', () => {
    expect(examples.length).toBeGreaterThan(100);
  });
  for (const { file, line, code } of examples) {
    it(`${file}:${line}`, async () => {
      await runSnippet(code, `${file}_${line}`);
    });
  }
});
