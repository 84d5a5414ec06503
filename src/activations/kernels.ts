// PLACEHOLDER until the math branch lands (it writes the real table): the kernel table's shape only.
/** The math of one activation kind, on raw row-major (rows, cols) blocks. @internal */
export interface ActivationKernel {
  /** The default `alpha` when the kind takes one; absent when it takes none. */
  readonly alpha?: number;
  /** `a = g(z)`. */
  forward(z: Float64Array, a: Float64Array, rows: number, cols: number, alpha: number): void;
  /** `dz = da ⊙ g′(z)`. */
  backward(z: Float64Array, a: Float64Array, da: Float64Array, dz: Float64Array, rows: number, cols: number, alpha: number): void;
}
const none = (): void => {};
const k: ActivationKernel = { forward: none, backward: none };
/** Every activation kind's math. @internal */
export const ACTIVATIONS = {
  Sigmoid: k, Tanh: k, ReLU: k, LeakyReLU: { alpha: 0.01, ...k }, Softmax: k, Identity: k, ELU: { alpha: 1, ...k },
  SELU: k, GELU: k, Softplus: k, SiLU: k,
} as const satisfies Record<string, ActivationKernel>;
/** The activation kinds. @internal */
export type ActivationType = keyof typeof ACTIVATIONS;
