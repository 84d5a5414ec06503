// `npm run playground`: bundles the page with esbuild (from the library's source) into
// out/playground/ and serves it on localhost with a tiny static server. PORT=… picks the port
// (default 8080, or any free one when that is taken).
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Where the built page goes (out/ is git-ignored). */
export const OUT = resolve(HERE, '../../out/playground');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
};

/** Bundles main.ts and worker.ts (minified, with source maps) and copies index.html into `outdir`. */
export async function buildPlayground(outdir = OUT): Promise<string> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(HERE, 'main.ts'), join(HERE, 'worker.ts')],
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  copyFileSync(join(HERE, 'index.html'), join(outdir, 'index.html'));
  return outdir;
}

/** Serves the files under `dir` on 127.0.0.1 (`port` 0: any free port); resolves with the page's URL. */
export async function serveStatic(dir: string, port = 0): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path.endsWith(sep) ? join(path, 'index.html') : path;
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

if (process.argv[1] !== undefined && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const started = performance.now();
  const dir = await buildPlayground();
  console.log(`Built ${dir} in ${Math.round(performance.now() - started)} ms`);
  const wanted = Number(process.env.PORT ?? 8080);
  const { url } = await serveStatic(dir, wanted).catch(() => serveStatic(dir, 0));
  console.log(`Playground: ${url}  (Ctrl+C to stop)`);
}
