/**
 * `bottomup/onnx`: models in and out of ONNX — {@link toONNX} writes a model for ONNX Runtime (or any
 * ONNX engine), {@link fromONNX} reads the multilayer perceptrons that PyTorch, Keras (through
 * tf2onnx) and scikit-learn (through skl2onnx) export.
 *
 * @remarks
 * ONNX puts one row per example, bottomup one column: the ONNX input `(N, n_x)` is bottomup's `X`
 * `(n_x, m)` transposed, and so are the outputs. No runtime dependency: the protobuf encoding is
 * bottomup's own. The models are bottomup's own classes, from the `bottomup` entry point.
 *
 * @packageDocumentation
 */
export { fromONNX } from './onnx/import.js';
export { toONNX } from './onnx/export.js';
export type { ToONNXOptions } from './onnx/export.js';
