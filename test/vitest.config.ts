import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Lives in test/ so the package's top level stays exactly as the design lists it.

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  // bottomup/onnx, /keras and /tfjs import the core as the package 'bottomup': in the tests, that is the source.
  resolve: { alias: [{ find: /^bottomup$/, replacement: fileURLToPath(new URL('../src/index.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts'],
    // The real-browser tests need Chromium: `npm run test:browser` (vitest.browser.config.ts) runs them.
    exclude: ['test/browser/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Type tests (*.test-d.ts, expectTypeOf) run with the rest under `npm test`.
    // Errors elsewhere are `tsc --noEmit`'s to report (it runs first in `npm test`).
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], ignoreSourceErrors: true },
  },
});
