// The matrix suites again with every product, however small, on the WebAssembly SIMD engine (as
// they are, products below a size stay on the JS kernel). See also suite-js.test.ts.
import { expect, it } from 'vitest';
import { setGemmEngine } from '../../src/matrix/gemm.js';

it('runs products on WebAssembly (Node 20 has SIMD)', () => expect(setGemmEngine('wasm')).toBe(true));

setGemmEngine('wasm');
await import('./ops.test.js');
await import('./laws.test.js');
await import('./gemm.test.js');
await import('./matrix.test.js');
await import('./errors.test.js');
