import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Type tests (*.test-d.ts, expectTypeOf) run with the rest under `npm test`.
    // Errors elsewhere are `tsc --noEmit`'s to report (it runs first in `npm test`).
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], ignoreSourceErrors: true },
  },
});
