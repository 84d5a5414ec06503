/**
 * Compiles `gemm.wat` into `gemm-wasm.ts` (the bytes, hex-encoded) with wabt, a devDependency: the
 * library, its build and its users never need wabt, only this script and the test that checks the
 * committed bytes are the `.wat`'s (test/matrix/gemm-wasm.test.ts). Also compiles the shared-memory
 * variant of the same `.wat` for `bottomup/parallel` into `shared-gemm-wasm.ts` (checked by
 * test/parallel/shared-gemm-wasm.test.ts): see {@link sharedGemmWat}.
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

/** `gemm.wat`'s text. */
export const gemmWat = (): string => readFileSync(here('gemm.wat'), 'utf8');

/**
 * WebAssembly text compiled: baseline SIMD only (no relaxed-simd, whose results are not deterministic),
 * with shared memory when `threads`. wabt's `validate` rejects shared memory whatever the features, so
 * that module is validated by this runtime's `WebAssembly.validate` instead.
 */
async function compile(name: string, wat: string, threads: boolean): Promise<Uint8Array> {
  const { parseWat } = await wabt();
  const module = parseWat(name, wat, { simd: true, relaxed_simd: false, threads });
  try {
    if (!threads) module.validate();
    const bytes = module.toBinary({ write_debug_names: false }).buffer;
    if (threads && !WebAssembly.validate(new Uint8Array(bytes))) throw new Error(`${name} does not validate`);
    return bytes;
  } finally {
    module.destroy();
  }
}

/** `gemm.wat` compiled. */
export const compileGemmWat = (): Promise<Uint8Array> => compile('gemm.wat', gemmWat(), false);

/** Replaces the one occurrence of `from` in `text` by `to`, or `count` of them; throws when the count differs. */
function replace(text: string, from: string, to: string, count = 1): string {
  const found = text.split(from).length - 1;
  if (found !== count) {
    throw new Error(`sharedGemmWat: expected ${count} × ${JSON.stringify(from)} in gemm.wat, found ${found}`);
  }
  return text.split(from).join(to);
}

/**
 * The shared-memory variant of `gemm.wat`, for `bottomup/parallel`: the same functions, `$pack` and
 * `$tile` untouched, with two changes made here on the text (so it follows any edit of the kernel):
 * the memory is imported, shared, instead of defined (`env.memory`, of any size the caller makes it),
 * and the exported `gemm`'s scratch blocks PA (byte 16) and PB (byte 262160) are at the addresses of
 * two imported globals (`env.pa`, `env.pb`) instead: each thread instantiates the module with its
 * own, so threads pack their panels side by side while reading the same operands.
 */
export function sharedGemmWat(wat: string): string {
  const start = wat.indexOf('(func (export "gemm")');
  if (start < 0) throw new Error('sharedGemmWat: no (func (export "gemm") in gemm.wat');
  let head = wat.slice(0, start);
  let gemm = wat.slice(start);
  head = replace(
    head,
    '(memory (export "memory") 128)',
    '(memory (import "env" "memory") 1 65536 shared)\n' +
      '  (global $pa (import "env" "pa") i32)\n  (global $pb (import "env" "pb") i32)',
  );
  gemm = replace(gemm, '(i32.const 16)', '(global.get $pa)', 2);
  gemm = replace(gemm, '(i32.const 262160)', '(global.get $pb)', 2);
  return head + gemm;
}

/** {@link sharedGemmWat} of `gemm.wat`, compiled (with the threads feature: shared memory). */
export const compileSharedGemmWat = (): Promise<Uint8Array> =>
  compile('gemm-shared.wat', sharedGemmWat(gemmWat()), true);

/** The source of a generated module exporting `bytes` hex-encoded as `name`, described by `what`. */
function source(name: string, what: string, bytes: Uint8Array): string {
  const hex = Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('');
  return [
    '// Generated from gemm.wat by gemm-wasm.build.ts (`npx tsx src/matrix/gemm-wasm.build.ts`): do not edit.',
    '',
    '/**',
    ` * ${what} (${bytes.length} bytes), hex-encoded: hex gzips smaller`,
    ' * than base64 in a bundle and decodes in one line.',
    ' *',
    ' * @internal',
    ' */',
    `export const ${name} =`,
    `  '${hex}';`,
    '',
  ].join('\n');
}

/** The source of `gemm-wasm.ts` for the given bytes. */
export const gemmWasmSource = (bytes: Uint8Array): string =>
  source('GEMM_WASM', 'The WebAssembly matmul engine, `gemm.wat` compiled', bytes);

/** The source of `shared-gemm-wasm.ts` for the given bytes. */
export const sharedGemmWasmSource = (bytes: Uint8Array): string =>
  source('SHARED_GEMM_WASM', "bottomup/parallel's engine, `gemm.wat` on shared memory compiled", bytes);

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bytes = await compileGemmWat();
  writeFileSync(here('gemm-wasm.ts'), gemmWasmSource(bytes));
  console.log(`gemm-wasm.ts: ${bytes.length} bytes of WebAssembly`);
  const shared = await compileSharedGemmWat();
  writeFileSync(here('shared-gemm-wasm.ts'), sharedGemmWasmSource(shared));
  console.log(`shared-gemm-wasm.ts: ${shared.length} bytes of WebAssembly`);
}
