import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownSnippets, runSnippet, transformSnippet } from './snippets.js';

const guide = readFileSync(resolve(__dirname, '../../docs/guide.md'), 'utf8');
const snippets = markdownSnippets(guide);

describe('docs/guide.md', () => {
  it("has a snippet for each of the course's concepts, in order", () => {
    const headings = [...guide.matchAll(/^## \d+\. (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      'A 2-layer network',
      'Notation and shapes',
      'Forward propagation',
      'Activation functions',
      'The cost',
      'Backward propagation',
      'Gradient descent',
      'The learning rate',
      'Epochs',
      'Hyperparameters',
      'Initialization',
      'Mini-batches, momentum and Adam',
      'Regularization and dropout',
      'Batch normalization',
      'Layers of your own',
      'Pipelines',
      'From PyTorch, Keras, scikit-learn',
      'Keras models',
      'TensorFlow.js models',
    ]);
    expect(snippets.length).toBeGreaterThanOrEqual(10);
  });

  it('turns //=> comments into assertions', () => {
    const code = transformSnippet('x.shape; //=> [2, 3]\nfoo(1);\n//=> 4');
    expect(code).toContain('expectSnippet(x.shape, [2, 3], "x.shape; //=> [2, 3]");');
    expect(code).toContain('expectSnippet(foo(1), 4, "foo(1)");');
  });

  for (const [i, { heading, code }] of snippets.entries()) {
    it(`runs snippet ${i + 1} (${heading}) and its //=> results hold`, async () => {
      await runSnippet(code, `guide_${i + 1}`);
    });
  }
});
