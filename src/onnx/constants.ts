/**
 * The constants of the double-precision forms {@link toONNX} writes for the activations ONNX
 * Runtime has no double kernel for, shared by the exporter and the importer (which recognises those
 * forms).
 *
 * @internal
 * @module
 */

// The values of src/activations/kernels.ts (a test checks them against the layers), written here
// rather than exported from there so the core bundles stay byte for byte what they were.
/** SELU's `λ`. @internal */
export const SELU_LAMBDA = 1.0507009873554804934193349852946;
/** SELU's `α`. @internal */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
/** GELU's `√(2/π)`. @internal */
export const GELU_C = 0.7978845608028654;
/** GELU's cubic coefficient. @internal */
export const GELU_K = 0.044715;
/** `λ·α`, the factor of `e^x − 1` for negative `x`, computed as the kernel computes it. @internal */
export const SELU_C = SELU_LAMBDA * SELU_ALPHA;
/** Below this `e^x − 1` is −1 in double: the written `expm1` clamps its input there. @internal */
export const EXPM1_LOW = -40;
/** Where `|x|` is below this, the written `expm1` uses `x + x²/2 + x³/6` (relative error < 1e-16). @internal */
export const EXPM1_SMALL = 1e-5;
/** Where `t` is below this, the written `log1p(t)` is `t` (relative error < 1e-15). @internal */
export const LOG1P_SMALL = 1e-15;
