/**
 * The playground (examples/playground), built from the source with esbuild as `npm run playground`
 * builds it, in real headless Chromium: it learns the moons, draws the boundary, the curves, the
 * diagram and the hidden units (counted in screenshot pixels), reproduces a linked run bit for bit
 * against Node, and its step / pause / reset / keyboard / export work. Screenshots go to
 * test-results/playground/. Needs Debian's chromium at /usr/bin/chromium (fails rather than skips).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlaygroundRun } from '../../examples/playground/run.js';
import { buildPlayground, serveStatic } from '../../examples/playground/serve.js';
import { decodeState } from '../../examples/playground/state.js';
import { PALETTE } from '../../examples/svg.js';
import { loadModel } from '../../src/index.js';
import { runGeneratedCode } from '../examples/run-code.js';
import { ROOT } from '../package/fixtures/packed.js';
import { type Pixels, countColour, countInk, decodePng } from './png.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-results/playground');
/** The linked run of the determinism tests. */
const LINK = 'data=moons&noise=0.15&layers=4-4&act=tanh&lr=0.1&batch=8&opt=adam&seed=7';

let work: string;
let server: Server | undefined;
let url: string;
let browser: Browser | undefined;
const problems: string[] = [];

async function open(query: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser!.newPage({ viewport });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(`${url}${query}`);
  return page;
}

/** What the page shows: the epoch and the exact numbers behind the rounded ones. */
async function shown(page: Page) {
  return page.evaluate(() => {
    const value = (id: string) => Number(document.getElementById(id)!.dataset.value);
    return {
      epoch: Number(document.body.dataset.epoch),
      playing: document.body.dataset.playing,
      trainCost: value('train-cost'),
      testCost: value('test-cost'),
      trainAccuracy: value('train-accuracy'),
      testAccuracy: value('test-accuracy'),
      accuracyText: document.getElementById('train-accuracy')!.textContent,
      status: document.getElementById('status')!.textContent,
      search: location.search,
    };
  });
}

/** Waits until the page shows `epoch`, paused. */
async function pausedAt(page: Page, epoch: number): Promise<void> {
  await page.waitForFunction(
    (e) => document.body.dataset.epoch === String(e) && document.body.dataset.playing === 'false',
    epoch,
    { timeout: 20_000 },
  );
  await page.evaluate(() => new Promise(requestAnimationFrame)); // the frame that paints it
}

async function pixels(page: Page, selector: string): Promise<Pixels> {
  return decodePng(await page.locator(selector).screenshot());
}

/** Pixels clearly red (class 0) or clearly blue (class 1). */
function redBlue({ rgba }: Pixels): { red: number; blue: number; total: number } {
  let red = 0,
    blue = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i] > rgba[i + 2] + 40) red++;
    else if (rgba[i + 2] > rgba[i] + 40) blue++;
  }
  return { red, blue, total: rgba.length / 4 };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium; .ci/run does this)`,
    );
  }
  work = mkdtempSync(join(tmpdir(), 'bottomup-playground-'));
  const started = performance.now();
  ({ server, url } = await serveStatic(await buildPlayground(join(work, 'site'))));
  console.log(`[playground] built in ${Math.round(performance.now() - started)} ms`);
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('playground (examples/playground) in Chromium', () => {
  it('learns the moons with two hidden layers past 90%, and draws every picture', async () => {
    const page = await open('');
    await page.waitForFunction(() => document.body.dataset.epoch === '0');
    await page.selectOption('#dataset', 'moons');
    // two hidden layers, built with the buttons: remove both default layers, add two (2 units each)
    await page.click('#remove-layer');
    await page.click('#remove-layer');
    await expect.poll(() => page.locator('#layers li').textContent()).toBe('No hidden layer: logistic regression.');
    await page.click('#add-layer');
    await page.click('#add-layer');
    await page.click('[aria-label="more units in hidden layer 1"]');
    expect(await page.locator('#layers .count').allTextContents()).toEqual(['Layer 1: 3', 'Layer 2: 2']);
    expect(new URLSearchParams(await page.evaluate(() => location.search)).get('layers')).toBe('3-2');

    const started = Date.now();
    await page.click('#play');
    await page.waitForFunction(
      () => parseFloat(document.getElementById('train-accuracy')!.textContent!) > 90,
      undefined,
      {
        timeout: 30_000,
      },
    );
    const playedMs = Date.now() - started;
    // The main thread stays free while the worker trains.
    const t0 = Date.now();
    await page.evaluate(() => document.title);
    const roundTripMs = Date.now() - t0;
    await page.click('#play'); // pause
    await page.waitForFunction(
      () =>
        document.body.dataset.playing === 'false' && /^Paused/.test(document.getElementById('status')!.textContent!),
    );
    const state = await shown(page);
    await pausedAt(page, state.epoch);
    console.log(`[playground] moons 3-2: ${state.accuracyText} at epoch ${state.epoch} after ${playedMs} ms of play`);
    expect(state.trainAccuracy).toBeGreaterThan(0.9);
    expect(roundTripMs).toBeLessThan(1000);
    expect(new URLSearchParams(state.search).get('steps')).toBe(String(state.epoch)); // the paused link

    // The boundary: both classes' regions and points, painted.
    const boundary = await pixels(page, '#boundary');
    const tint = redBlue(boundary);
    console.log(`[playground] boundary pixels ${JSON.stringify(tint)}`);
    expect(tint.red).toBeGreaterThan(0.15 * tint.total);
    expect(tint.blue).toBeGreaterThan(0.15 * tint.total);
    expect(countColour(boundary, PALETTE.point[0], 30)).toBeGreaterThan(300);
    expect(countColour(boundary, PALETTE.point[1], 30)).toBeGreaterThan(300);
    // Both curves, train and test, in both charts.
    for (const chart of ['#cost-chart', '#accuracy-chart']) {
      const shot = await pixels(page, chart);
      const counts = { train: countColour(shot, PALETTE.train, 40), test: countColour(shot, PALETTE.test, 40) };
      console.log(`[playground] ${chart} pixels ${JSON.stringify(counts)}`);
      expect(counts.train, `${chart}: train curve`).toBeGreaterThan(300);
      expect(counts.test, `${chart}: test curve`).toBeGreaterThan(150);
    }
    // The diagram: edges of both signs.
    const diagram = redBlue(await pixels(page, '#network'));
    expect(diagram.red).toBeGreaterThan(200);
    expect(diagram.blue).toBeGreaterThan(200);
    // Every hidden unit's heat map: 5 canvases of 44 × 44, mostly tinted.
    expect(await page.locator('#units canvas').count()).toBe(5);
    expect(countInk(await pixels(page, '#units'))).toBeGreaterThan(5 * 44 * 44 * 0.5);

    expect((await shown(page)).epoch, 'still paused').toBe(state.epoch);
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'desktop.png') });
    await page.screenshot({ path: join(SHOTS, 'desktop-full.png'), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  });

  it('a link with a seed and steps gives the same costs as Node, and so does the code it shows', async () => {
    const page = await open(`?${LINK}&steps=40`);
    await page.waitForSelector('body[data-settled="true"]', { timeout: 20_000 });
    await pausedAt(page, 40);
    const state = await shown(page);

    const run = new PlaygroundRun(decodeState(LINK).state);
    for (let i = 0; i < 40; i++) run.step();
    const node = run.measure();
    console.log(`[playground] epoch 40 train cost: Chromium ${state.trainCost}, Node ${node.trainCost}`);
    expect(state.trainCost).toBe(node.trainCost);
    expect(state.testCost).toBe(node.testCost);
    expect(state.trainAccuracy).toBe(node.trainAccuracy);
    expect(state.testAccuracy).toBe(node.testAccuracy);
    expect(state.status).toBe('Paused at epoch 40.');

    await page.click('#show-code');
    const code = await page.locator('#code').textContent();
    expect(code).toContain('for (let epoch = 0; epoch < 40; epoch++) {');
    const printed = await runGeneratedCode(code!);
    expect(printed.train).toEqual({ cost: state.trainCost, accuracy: state.trainAccuracy });
    expect(printed.test).toEqual({ cost: state.testCost, accuracy: state.testAccuracy });
    await page.close();
    expect(problems).toEqual([]);
  });

  it('step, play and pause (buttons and keys) keep to the same run; reset starts it again; export loads', async () => {
    const page = await open(`?${LINK}&steps=5`);
    await pausedAt(page, 5);
    const run = new PlaygroundRun(decodeState(LINK).state);
    const at = (epoch: number) => {
      while (run.epoch < epoch) run.step();
      return run.measure().trainCost;
    };
    expect((await shown(page)).trainCost).toBe(at(5));

    await page.click('#step');
    await pausedAt(page, 6);
    expect((await shown(page)).trainCost).toBe(at(6));

    // keyboard: space plays and pauses, s steps (focus on the page, not in a control)
    await page.locator('h1').click();
    await page.keyboard.press(' ');
    await page.waitForFunction(() => Number(document.body.dataset.epoch) >= 30, undefined, { timeout: 20_000 });
    await page.keyboard.press(' ');
    await page.waitForFunction(
      () =>
        document.body.dataset.playing === 'false' && /^Paused/.test(document.getElementById('status')!.textContent!),
    );
    await page.waitForTimeout(200); // the worker's last slice
    const paused = await shown(page);
    await page.waitForTimeout(300);
    expect((await shown(page)).epoch, 'paused means no more epochs').toBe(paused.epoch);
    expect(paused.trainCost).toBe(at(paused.epoch));
    await page.keyboard.press('s');
    await pausedAt(page, paused.epoch + 1);
    expect((await shown(page)).trainCost).toBe(at(paused.epoch + 1));

    // export: the JSON loadModel reads, predicting Node's bits
    await page.click('#export-model');
    await page.waitForFunction(() => (document.getElementById('model-json') as HTMLTextAreaElement).value.length > 0);
    const json = await page.locator('#model-json').inputValue();
    const loaded = loadModel(JSON.parse(json));
    expect(loaded.predict(run.XTest).equals(run.model.predict(run.XTest))).toBe(true);

    await page.click('#reset');
    await pausedAt(page, 0);
    const fresh = new PlaygroundRun(decodeState(LINK).state).measure();
    const reset = await shown(page);
    expect(reset.trainCost).toBe(fresh.trainCost);
    expect(new URLSearchParams(reset.search).get('steps')).toBeNull();
    expect(reset.status).toBe('Ready: press Play (space) or Step (s).');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('fits a 360 px phone screen: no sideways scrolling, the boundary within the width', async () => {
    const page = await open(`?${LINK}&steps=40&colour=red`, { width: 360, height: 740 });
    await pausedAt(page, 40);
    expect((await shown(page)).status).toBe('Paused at epoch 40. Ignored in the link: colour.');
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      boundary: document.getElementById('boundary')!.getBoundingClientRect().width,
      chart: document.querySelector('#cost-chart svg')!.getBoundingClientRect().width,
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(360);
    expect(layout.boundary).toBeGreaterThan(250);
    expect(layout.boundary).toBeLessThanOrEqual(340);
    expect(layout.chart).toBeGreaterThan(250);
    const tint = redBlue(await pixels(page, '#boundary'));
    expect(tint.red + tint.blue).toBeGreaterThan(0.3 * tint.total);
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'phone.png') });
    await page.screenshot({ path: join(SHOTS, 'phone-full.png'), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  });
});
