/**
 * The three products of a fully connected layer, named for what they compute: `Z = W·A + b`,
 * `dW = dZ·Aᵀ` and `dA = Wᵀ·dZ`. Shapes are the caller's responsibility (`Dense` checks them once
 * per call); every element is summed in increasing order of the inner index, on whichever engine
 * runs the product, so the results are the same bits everywhere.
 *
 * @internal
 * @module
 */
import { gemm } from '../matrix/gemm.js';
import type { MatrixView } from '../matrix/view.js';

/**
 * `Z = W·A + b`: the forward pass, `b` added inside the product's final store (the same rounding as
 * adding it after). `W (n, k)`, `A (k, m)`, `b (n, 1)` or `null`, `Z (n, m)`. @internal
 */
export function linearInto<M extends MatrixView>(Z: M, W: MatrixView, A: MatrixView, b: MatrixView | null): M {
  gemm(Z.data, W.data, false, A.data, false, W.rows, W.cols, A.cols, false, b === null ? null : b.data);
  return Z;
}

/** `dW = dZ·Aᵀ` (overwriting `dW`): `dZ (n, m)`, `A (k, m)`, `dW (n, k)`. @internal */
export function weightGradientInto<M extends MatrixView>(dW: M, dZ: MatrixView, A: MatrixView): M {
  gemm(dW.data, dZ.data, false, A.data, true, dZ.rows, dZ.cols, A.rows, false);
  return dW;
}

/** `dA = Wᵀ·dZ` (overwriting `dA`): `W (n, k)`, `dZ (n, m)`, `dA (k, m)`. @internal */
export function inputGradientInto<M extends MatrixView>(dA: M, W: MatrixView, dZ: MatrixView): M {
  gemm(dA.data, W.data, true, dZ.data, false, W.cols, W.rows, dZ.cols, false);
  return dA;
}
