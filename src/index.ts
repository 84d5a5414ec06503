/**
 * bottomup — neural networks from the bottom up: small dense networks in TypeScript, Float64,
 * deterministic, zero dependencies. Named exports only; importing has no side effects.
 *
 * @packageDocumentation
 */
export * from './matrix/index.js';
// For bottomup/parallel (internal: not in the API docs), which imports the core as the package.
export { setGemmHook } from './matrix/gemm.js';
export { ShapeError } from './errors.js';
export { Random } from './random.js';
export { NumpyRandom } from './numpy-random.js';
export { parameter } from './parameter.js';
export type { Parameter } from './parameter.js';
export type { RandomState, SeedOptions } from './random.js';
export * from './layers/index.js';
export * from './activations/index.js';
export * from './losses/index.js';
export * from './optimizers/index.js';
export * from './model/index.js';
export * from './train/index.js';
export * from './io/index.js';
export * from './data/index.js';
export * from './metrics/index.js';
export * from './pipeline/index.js';
