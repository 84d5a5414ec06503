/**
 * The built `bottomup` executable, from the packed tarball installed into a scratch app: package.json
 * `bin` links it, it runs under plain Node (`#!/usr/bin/env node`), imports the installed package and
 * exits with the command line's codes.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dense, Matrix, Sequential, Sigmoid, Tanh } from '../../src/index.js';
import { ROOT, installTarball, packedTarball } from '../package/fixtures/packed.js';

const exec = promisify(execFile);
let app: string;
let bin: string;

beforeAll(async () => {
  app = await installTarball((await packedTarball()).tarball, 'cli-test');
  bin = join(app, 'node_modules/.bin/bottomup');
}, 240_000);
afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

async function bottomup(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(bin, args, { cwd: app });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npx bottomup (the installed bin)', () => {
  it('--version is the package version; --help the usage', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await bottomup('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await bottomup('--help')).stdout).toContain('convert <input> <output>');
  });

  it('exits 2 on a usage mistake and 1 on bad input', async () => {
    const usage = await bottomup('fit');
    expect(usage.code).toBe(2);
    expect(usage.stderr.split('\n')[0]).toBe('bottomup: unknown command "fit"');
    const missing = await bottomup('summary', 'nothing.json');
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'bottomup: nothing.json: no such file or folder\n' });
  });

  it('predicts what the library predicts, and converts to ONNX and back', async () => {
    const model = new Sequential([
      new Dense(2, 3, { seed: 7 }),
      new Tanh(),
      new Dense(3, 1, { seed: 8 }),
      new Sigmoid(),
    ]);
    writeFileSync(join(app, 'model.json'), JSON.stringify(model));
    writeFileSync(join(app, 'data.csv'), '0.5,1\n-2,0.25\n');
    const { code, stdout } = await bottomup('predict', 'model.json', 'data.csv');
    expect(code).toBe(0);
    const want = model.predict(
      Matrix.fromSamples([
        [0.5, 1],
        [-2, 0.25],
      ]),
    ).data;
    expect(stdout.trim().split('\n').map(Number)).toEqual(Array.from(want));
    expect((await bottomup('convert', 'model.json', 'model.onnx', '--dtype', 'float64')).code).toBe(0);
    expect((await bottomup('convert', 'model.onnx', 'back.json')).code).toBe(0);
    const again = await bottomup('predict', 'back.json', 'data.csv');
    expect(again.stdout).toBe(stdout);
    expect((await bottomup('summary', 'back.json')).stdout).toContain('inputs: 2, outputs: 1');
  });
});
