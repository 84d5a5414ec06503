// Runs the playground's "show the code" program in Node (from the library's source) and returns
// what it prints. Shared by the Node tests and the browser tests.
import { vi } from 'vitest';
import { runSnippet } from '../docs/snippets.js';

/** What the generated program prints: the train and test cost and accuracy. */
export interface Printed {
  train: { cost: number; accuracy: number };
  test: { cost: number; accuracy: number };
}

let count = 0;

export async function runGeneratedCode(code: string): Promise<Printed> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await runSnippet(code, `playground_code_${count++}`);
    const lines = log.mock.calls.filter((call) => call[0] === 'train cost' || call[0] === 'test cost');
    if (lines.length !== 2) throw new Error(`expected 2 result lines, got ${JSON.stringify(log.mock.calls)}`);
    const [train, test] = lines.map((call) => ({ cost: call[1] as number, accuracy: call[3] as number }));
    return { train, test };
  } finally {
    log.mockRestore();
  }
}
