import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the tests that drive a real Chromium (Debian's, at /usr/bin/chromium).
// `npm test` leaves them out, so a machine with only Node passes `npm ci && npm test`.

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
