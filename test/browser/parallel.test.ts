/**
 * `bottomup/parallel` in real headless Chromium, built against the PACKED package: on a cross-origin
 * isolated page (COOP + COEP headers) `startParallel` starts a Web Worker on shared memory and the
 * page's large products come out with exactly the bits of one thread, and of Node; on a page without
 * the headers it refuses with the reason. The pool runs on the page's main thread, where waiting is
 * not allowed (it spins), which Node never exercises.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Matrix } from '../../src/index.js';
import { installTarball, packedTarball } from '../package/fixtures/packed.js';

const CHROMIUM = '/usr/bin/chromium';
/** The product's size: 150·120·170 = 3 060 000 multiply-adds, well above the default minWork. */
const [M, K, N] = [150, 120, 170];

/** The page: one product on one thread, the same with a pool of 2, then the pool closed. */
const PAGE = `
import { Matrix } from 'bottomup';
import { startParallel } from 'bottomup/parallel';
const fill = (rows, cols, seed) => {
  const A = new Matrix(rows, cols);
  for (let i = 0; i < A.data.length; i++) A.data[i] = (((i + seed) * 2654435761) % 1000003) / 1000003 - 0.5;
  return A;
};
const hex = (d) => Array.from(new BigUint64Array(Float64Array.from(d).buffer), (b) => b.toString(16)).join(',');
const result = {};
try {
  const A = fill(${M}, ${K}, 1), B = fill(${K}, ${N}, 2);
  const one = A.matmul(B);
  const pool = await startParallel({ threads: 2 });
  result.threads = pool.threads;
  const two = A.matmul(B);
  await pool.close();
  const after = A.matmul(B);
  result.one = hex(one.data);
  result.two = hex(two.data);
  result.after = hex(after.data);
} catch (e) {
  result.error = String(e && e.message ? e.message : e);
}
result.isolated = globalThis.crossOriginIsolated === true;
document.body.dataset.result = JSON.stringify(result);
`;

let work: string | undefined;
let app: string | undefined;
let server: Server | undefined;
let url = '';
let context: BrowserContext | undefined;

beforeAll(async () => {
  const pack = await packedTarball();
  app = await installTarball(pack.tarball, 'browser-parallel');
  work = mkdtempSync(join(tmpdir(), 'bottomup-browser-parallel-'));
  const site = join(work, 'site');
  mkdirSync(site);
  writeFileSync(join(app, 'page.js'), PAGE);
  const result = await build({
    entryPoints: [join(app, 'page.js')],
    absWorkingDir: app,
    outdir: site,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs).toContain('node_modules/bottomup/dist/index.js');
  expect(inputs).toContain('node_modules/bottomup/dist/parallel.js');
  const files: Record<string, [string, Buffer]> = {
    '/index.html': [
      'text/html',
      Buffer.from('<!doctype html><title>parallel</title><script type="module" src="page.js"></script>'),
    ],
    '/page.js': ['text/javascript', readFileSync(join(site, 'page.js'))],
  };
  // /isolated/… is served cross-origin isolated; /plain/… is the same page without the headers.
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const isolated = path.startsWith('/isolated/');
    const file = files[path.replace(/^\/(isolated|plain)/, '').replace(/\/$/, '/index.html')];
    if (file === undefined) {
      res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': file[0],
      'cache-control': 'no-store',
      ...(isolated
        ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
        : {}),
    });
    res.end(file[1]);
  });
  await new Promise<void>((ok) => server?.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  context = await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-component-update'],
  });
}, 240_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  for (const dir of [work, app]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens `path` and returns the page's result object. */
async function open(path: string): Promise<Record<string, unknown>> {
  const page = await (context as BrowserContext).newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('requestfailed', (q) => problems.push(`request failed: ${q.url()}`));
  await page.goto(`${url}${path}`);
  await page.waitForSelector('body[data-result]', { state: 'attached', timeout: 30_000 }).catch((e: Error) => {
    throw new Error(`${e.message}; the page reported: ${problems.join('; ') || 'nothing'}`);
  });
  const result = JSON.parse((await page.evaluate(() => document.body.dataset.result)) as string);
  await page.close();
  expect(problems).toEqual([]);
  return result as Record<string, unknown>;
}

describe('bottomup/parallel in Chromium, from the packed package', () => {
  it('on a cross-origin isolated page: a Web Worker pool, products bit-identical to one thread and to Node', async () => {
    const r = await open('/isolated/');
    expect(r.error).toBeUndefined();
    expect(r.isolated).toBe(true);
    expect(r.threads).toBe(2);
    expect(r.two).toBe(r.one);
    expect(r.after).toBe(r.one);
    // The same product computed here, in Node, from the source (inputs exact in both engines: integer
    // arithmetic below 2^53 and one correctly rounded division), bit for bit.
    const fill = (rows: number, cols: number, seed: number): Matrix => {
      const A = new Matrix(rows, cols);
      for (let i = 0; i < A.data.length; i++) A.data[i] = (((i + seed) * 2654435761) % 1000003) / 1000003 - 0.5;
      return A;
    };
    const C = fill(M, K, 1).matmul(fill(K, N, 2));
    expect((r.one as string).split(',')).toHaveLength(M * N);
    expect(r.one).toBe(Array.from(new BigUint64Array(C.data.buffer), (b) => b.toString(16)).join(','));
  });

  it('on a page that is not cross-origin isolated: refuses, naming what is missing', async () => {
    const r = await open('/plain/');
    expect(r.isolated).toBe(false);
    expect(r.error).toMatch(
      /^startParallel: SharedArrayBuffer is not available here; a browser offers it only to cross-origin isolated/,
    );
    expect(r.one).toBeUndefined();
  });
});
