// Before `npm run test:browser`: one clear line, not a stack trace, when there is no browser.
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`test:browser needs Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does this)`);
  process.exit(1);
}
