// The matrix suites again with every product on the JS kernel: the fallback wherever WebAssembly
// (or its SIMD) is unavailable or refused. The suites also run as they are (WebAssembly from a size
// up, as users get it) and in suite-wasm.test.ts (WebAssembly for every product).
import { expect, it } from 'vitest';
import { setGemmEngine } from '../../src/matrix/gemm.js';

it('runs products on the JS kernel', () => expect(setGemmEngine('js')).toBe(false));

setGemmEngine('js');
await import('./ops.test.js');
await import('./laws.test.js');
await import('./gemm.test.js');
await import('./matrix.test.js');
await import('./errors.test.js');
