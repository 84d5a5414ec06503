/**
 * Compiles `gemm.wat` into `gemm-wasm.ts` (the bytes, hex-encoded) with wabt, a devDependency: the
 * library, its build and its users never need wabt, only this script and the test that checks the
 * committed bytes are the `.wat`'s (test/matrix/gemm-wasm.test.ts).
 *
 * Run after editing `gemm.wat`: `npx tsx src/matrix/gemm-wasm.build.ts`.
 *
 * @internal
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

/** `gemm.wat` compiled: baseline SIMD only (no relaxed-simd, whose results are not deterministic). */
export async function compileGemmWat(): Promise<Uint8Array> {
  const { parseWat } = await wabt();
  const module = parseWat('gemm.wat', readFileSync(here('gemm.wat'), 'utf8'), { simd: true, relaxed_simd: false });
  try {
    module.validate();
    return module.toBinary({ write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

/** The source of `gemm-wasm.ts` for the given bytes. */
export function gemmWasmSource(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('');
  return [
    '// Generated from gemm.wat by gemm-wasm.build.ts (`npx tsx src/matrix/gemm-wasm.build.ts`): do not edit.',
    '',
    '/**',
    ` * The WebAssembly matmul engine, \`gemm.wat\` compiled (${bytes.length} bytes), hex-encoded: hex gzips smaller`,
    ' * than base64 in a bundle and decodes in one line.',
    ' *',
    ' * @internal',
    ' */',
    'export const GEMM_WASM =',
    `  '${hex}';`,
    '',
  ].join('\n');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bytes = await compileGemmWat();
  writeFileSync(here('gemm-wasm.ts'), gemmWasmSource(bytes));
  console.log(`gemm-wasm.ts: ${bytes.length} bytes of WebAssembly`);
}
