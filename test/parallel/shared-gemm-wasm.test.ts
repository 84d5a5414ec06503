/**
 * bottomup/parallel's engine is gemm.wat itself on shared memory: the committed bytes are what the
 * build makes of the .wat, the transformation leaves every function but the exported `gemm`
 * untouched (the micro-kernel `$tile` above all), and it refuses a .wat it no longer recognises.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileSharedGemmWat,
  gemmWat,
  sharedGemmWat,
  sharedGemmWasmSource,
} from '../../src/matrix/gemm-wasm.build.js';

describe('the committed shared-memory engine', () => {
  it('is gemm.wat transformed and compiled (run `npx tsx src/matrix/gemm-wasm.build.ts` after editing it)', async () => {
    const committed = readFileSync(new URL('../../src/matrix/shared-gemm-wasm.ts', import.meta.url), 'utf8');
    expect(committed).toBe(sharedGemmWasmSource(await compileSharedGemmWat()));
  });

  it('imports a shared memory and two scratch addresses, and validates here', async () => {
    const bytes = await compileSharedGemmWat();
    const module = new WebAssembly.Module(new Uint8Array(bytes));
    expect(WebAssembly.Module.imports(module)).toEqual([
      { module: 'env', name: 'memory', kind: 'memory' },
      { module: 'env', name: 'pa', kind: 'global' },
      { module: 'env', name: 'pb', kind: 'global' },
    ]);
    expect(WebAssembly.Module.exports(module).map((e) => e.name)).toEqual(['base', 'gemm']);
    expect(bytes.length).toBeLessThan(4096);
  });
});

describe('sharedGemmWat', () => {
  const wat = gemmWat();
  const shared = sharedGemmWat(wat);
  /** The text of the function named `name`, up to the next top-level function. */
  const fn = (text: string, name: string): string => {
    const start = text.indexOf(`(func ${name}`);
    const end = text.indexOf('\n  (func', start + 1);
    return text.slice(start, end < 0 ? undefined : end);
  };

  it('keeps $pack and $tile exactly as written', () => {
    for (const name of ['$pack', '$tile']) {
      expect(fn(wat, name).length, name).toBeGreaterThan(500);
      expect(fn(shared, name), name).toBe(fn(wat, name));
    }
  });

  it("changes only the memory declaration and the exported gemm's scratch addresses", () => {
    const gemm = fn(wat, '(export "gemm")');
    expect(fn(shared, '(export "gemm")')).toBe(
      gemm.replaceAll('(i32.const 16)', '(global.get $pa)').replaceAll('(i32.const 262160)', '(global.get $pb)'),
    );
    expect(shared.replace(fn(shared, '(export "gemm")'), '')).toBe(
      wat
        .replace(gemm, '')
        .replace(
          '(memory (export "memory") 128)',
          '(memory (import "env" "memory") 1 65536 shared)\n' +
            '  (global $pa (import "env" "pa") i32)\n  (global $pb (import "env" "pb") i32)',
        ),
    );
  });

  it('refuses a .wat whose memory or scratch addresses it does not find where it expects them', () => {
    expect(() =>
      sharedGemmWat(wat.replace('(memory (export "memory") 128)', '(memory (export "memory") 256)')),
    ).toThrow('sharedGemmWat: expected 1 × "(memory (export \\"memory\\") 128)" in gemm.wat, found 0');
    expect(() => sharedGemmWat(`${wat}\n(i32.const 262160)`)).toThrow(
      'sharedGemmWat: expected 2 × "(i32.const 262160)" in gemm.wat, found 3',
    );
    expect(() => sharedGemmWat(wat.replace('(func (export "gemm")', '(func $gemm'))).toThrow(
      'sharedGemmWat: no (func (export "gemm") in gemm.wat',
    );
  });
});
