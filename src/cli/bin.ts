#!/usr/bin/env node
/**
 * The `bottomup` executable (package.json `bin`): runs the command line and exits with its code.
 *
 * @internal
 * @module
 */
import { run } from './main.js';

run(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
