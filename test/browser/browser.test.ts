/**
 * The browser example (examples/browser) built against the PACKED package and run in real headless
 * Chromium: the page trains the 2-layer network in a Web Worker, draws the flower and the decision
 * boundary, and stays responsive. Needs Debian's chromium at /usr/bin/chromium (.ci/run installs it);
 * without it this test fails rather than skips.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryCrossEntropy, Dense, SGD, Sequential, Sigmoid, Tanh, accuracy, planar } from '../../src/index.js';
import { serveStatic } from '../../examples/playground/serve.js';
import { BIN, ROOT, installTarball, packedTarball, sh } from '../package/fixtures/packed.js';
import { mathDigests } from './math-digests.js';

const CHROMIUM = '/usr/bin/chromium';
const EXAMPLE = join(ROOT, 'examples/browser');
const SCREENSHOT = join(ROOT, 'test-results/browser/planar.png');
/** The page's colours (examples/browser/main.ts): points and regions of class 0 and class 1. */
const COLORS = {
  point: [
    [0xd7, 0x30, 0x1f],
    [0x21, 0x66, 0xac],
  ],
  region: [
    [0xfb, 0xd5, 0xcd],
    [0xcf, 0xe1, 0xf2],
  ],
};

/**
 * The page's training, run here (Node) from the source. The browser must match it bit for bit:
 * Chromium's Math.exp, Math.log, Math.pow, … round differently in the last place from Node 20's (about
 * 10% of random arguments), but bottomup computes its own from exactly specified operations
 * (src/math/), so the same seeds give the same bits in both engines.
 */
function expectedResult(): { cost: number; accuracy: number } {
  const { X, Y } = planar({ seed: 1 });
  const model = new Sequential([
    new Dense(2, 4, { init: 'small', seed: 2 }),
    new Tanh(),
    new Dense(4, 1, { init: 'small', seed: 3 }),
    new Sigmoid(),
  ]);
  const loss = new BinaryCrossEntropy();
  const optimizer = new SGD(model.parameters(), { learningRate: 1.2 });
  for (let i = 0; i < 10_000; i++) {
    loss.forward(model.forward(X), Y);
    optimizer.zeroGrad();
    model.backward(loss.backward());
    optimizer.step();
  }
  const A = model.predict(X);
  return { cost: loss.forward(A, Y), accuracy: accuracy(A, Y) };
}

let work: string;
let app: string;
let site: string;
let server: Server | undefined;
let url: string;
let context: BrowserContext | undefined;

beforeAll(async () => {
  // Fail, don't skip: CI must have a browser.
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium; .ci/run does this)`,
    );
  }
  const pack = await packedTarball();
  app = await installTarball(pack.tarball, 'browser-test');
  work = mkdtempSync(join(tmpdir(), 'bottomup-browser-'));
  site = join(work, 'site');
  mkdirSync(site);
  mkdirSync(join(app, 'src'));
  for (const f of ['index.html', 'main.ts', 'worker.ts']) cpSync(join(EXAMPLE, f), join(app, 'src', f));
}, 240_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  for (const dir of [work, app]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('browser example (examples/browser), built from the packed package', () => {
  it('type-checks against the installed package (strict, DOM + WebWorker)', async () => {
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          // DOM and WebWorker declare the same globals differently; that clash is in lib files only.
          lib: ['ES2022', 'DOM', 'WebWorker'],
          types: [],
          skipLibCheck: true,
        },
        files: ['src/main.ts', 'src/worker.ts'],
      }),
    );
    await sh(process.execPath, [BIN.tsc, '-p', 'tsconfig.json'], { cwd: app });
  });

  it('bundles with esbuild, resolving bottomup to the installed dist/index.js', async () => {
    const result = await build({
      entryPoints: [join(app, 'src/main.ts'), join(app, 'src/worker.ts')],
      absWorkingDir: app,
      outdir: site,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      sourcemap: true,
      metafile: true,
      logLevel: 'silent',
    });
    cpSync(join(app, 'src/index.html'), join(site, 'index.html'));
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('node_modules/bottomup/dist/index.js');
    expect(inputs.filter((f) => f.includes('src/') && !f.startsWith('src/'))).toEqual([]); // nothing from the source tree
    expect(existsSync(join(site, 'main.js')) && existsSync(join(site, 'worker.js'))).toBe(true);
    ({ server, url } = await serveStatic(site));
  });

  it('trains in a worker, draws the flower and the boundary, and stays responsive', async () => {
    expect(url, 'the bundle step ran').toBeDefined();
    const profile = mkdtempSync(join(work, 'profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 900, height: 640 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));

    await page.goto(url);
    // Mid-training, the page answers promptly: the main thread is free.
    await page.waitForFunction(() => document.querySelector('#step')?.textContent !== '0', undefined, {
      timeout: 30_000,
    });
    const t0 = Date.now();
    await page.evaluate(() => document.title);
    const roundTripMs = Date.now() - t0;

    await page.waitForSelector('body[data-done="true"], body[data-error]', { timeout: 60_000 });
    const state = await page.evaluate(() => ({
      done: document.body.dataset.done,
      error: document.body.dataset.error,
      frames: Number(document.body.dataset.frames),
      maxFrameGap: Number(document.body.dataset.maxFrameGap),
      step: document.querySelector('#step')!.textContent,
      cost: document.querySelector('#cost')!.textContent,
      costValue: document.querySelector<HTMLElement>('#cost')!.dataset.value,
      accuracyValue: document.querySelector<HTMLElement>('#accuracy')!.dataset.value,
      accuracy: document.querySelector('#accuracy')!.textContent,
      time: document.querySelector('#time')!.textContent,
    }));
    mkdirSync(join(ROOT, 'test-results/browser'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`[browser] ${JSON.stringify({ ...state, roundTripMs })}; screenshot ${SCREENSHOT}`);

    expect(state.error).toBeUndefined();
    expect(problems).toEqual([]);
    expect(state.done).toBe('true');
    expect(state.step).toBe('10000 / 10000');
    expect(state.cost).toMatch(/^\d+\.\d{6}$/);
    expect(Number(state.cost)).toBeLessThan(0.3);
    expect(state.accuracy).toMatch(/^\d+\.\d\d%$/);
    expect(parseFloat(state.accuracy!)).toBeGreaterThanOrEqual(85);
    // Exactly the numbers Node computes from the source: bit-identical across engines.
    const expected = expectedResult();
    console.log(`[browser] final cost: Chromium ${state.costValue}, Node ${expected.cost}`);
    expect(Number(state.costValue)).toBe(expected.cost);
    expect(Number(state.accuracyValue)).toBe(expected.accuracy);

    // Responsive while training: frames kept coming, with no long freeze.
    expect(state.frames).toBeGreaterThanOrEqual(10);
    expect(state.maxFrameGap).toBeLessThan(1000);
    expect(roundTripMs).toBeLessThan(1000);

    // The canvas holds both classes' points and both regions.
    const counts = await page.evaluate((colors) => {
      const canvas = document.querySelector<HTMLCanvasElement>('#plot')!;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const count = (rgb: number[]): number => {
        let n = 0;
        for (let i = 0; i < data.length; i += 4)
          if (data[i] === rgb[0] && data[i + 1] === rgb[1] && data[i + 2] === rgb[2]) n++;
        return n;
      };
      return { points: colors.point.map(count), regions: colors.region.map(count), total: data.length / 4 };
    }, COLORS);
    console.log(`[browser] pixels: ${JSON.stringify(counts)}`);
    for (const c of [0, 1]) {
      expect(counts.points[c], `pixels of class ${c} points`).toBeGreaterThan(500);
      expect(counts.regions[c], `pixels of the class ${c} region`).toBeGreaterThan(0.1 * counts.total);
    }
  }, 120_000);

  it("bottomup's own exp, expm1, log, log1p, tanh, sin, cos and powInt give Node's bits in Chromium", async () => {
    expect(context, 'the browser started').toBeDefined();
    const { outputFiles } = await build({
      entryPoints: [join(ROOT, 'test/browser/math-digests.ts')],
      bundle: true,
      format: 'iife',
      globalName: 'digests',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const page = await context!.newPage();
    const inChromium = (await page.evaluate(`${outputFiles[0].text}; digests.mathDigests()`)) as ReturnType<
      typeof mathDigests
    >;
    await page.close();
    const inNode = mathDigests();
    const share = (d: typeof inNode) =>
      Object.entries(d)
        .map(([f, v]) => `${f} ${(100 * v.mathDiffers).toFixed(2)}%`)
        .join(', ');
    console.log(
      `[browser] Math.* differs from bottomup's functions on: Chromium ${share(inChromium)}; Node ${share(inNode)}`,
    );
    const digestsOf = (d: typeof inNode) => Object.fromEntries(Object.entries(d).map(([f, v]) => [f, v.digest]));
    expect(digestsOf(inChromium)).toEqual(digestsOf(inNode));
  }, 60_000);
});
