/**
 * The layer contract shared by `Dense`, the activations and user-defined layers.
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';
import type { Parameter } from '../parameter.js';

/**
 * A serialised layer: its kind, its configuration, and its weights (row-major numbers).
 * See {@link Sequential.toJSON}.
 */
export interface LayerJSON {
  /** The layer's class name, e.g. `"Dense"`, `"Tanh"`. */
  type: string;
  /** Constructor configuration (sizes, options). */
  config?: Record<string, unknown>;
  /** Parameter values by local name (`W`, `b`), each row-major. */
  weights?: Record<string, number[]>;
  /** Saved values that are not trainable parameters (BatchNorm's `runningMean`, `runningVar`). */
  state?: Record<string, number[]>;
  /** The layers of a nested model (`type: 'Sequential'`), first to last; a custom composite may use it too. */
  layers?: LayerJSON[];
}

/**
 * A serialised {@link Sequential} model, as returned by `toJSON()`: plain data, safe to
 * `JSON.stringify`. Numbers round-trip exactly (JavaScript prints the shortest exact decimal).
 *
 * @remarks
 * ```json
 * { "format": "bottomup.sequential", "version": 1,
 *   "layers": [ { "type": "Dense", "config": { "inputSize": 2, "outputSize": 4, "useBias": true, "init": "small" },
 *                 "weights": { "W": [8 numbers, row-major (4, 2)], "b": [4 numbers] } },
 *               { "type": "Tanh" }, … ] }
 * ```
 */
export interface SequentialJSON {
  /** Always `"bottomup.sequential"`. */
  format: string;
  /** The format version (currently 1); newer versions are refused by older builds. */
  version: number;
  /** The layers, first to last. */
  layers: LayerJSON[];
}

/**
 * What a layer must provide to sit in a {@link Sequential}.
 *
 * @remarks
 * `forward(A[l-1])` returns `A[l]` (a buffer the layer owns and overwrites on the next call);
 * `backward(dA[l])` returns `dA[l-1]` and accumulates into the parameters' `grad`.
 *
 * **Shape:** inputs and outputs are `(features, m)`, one column per example.
 */
export interface Layer {
  /** Runs the layer on a batch and remembers what `backward` needs. */
  forward(input: Matrix): Matrix;
  /**
   * Back-propagates `∂J/∂output` of the last `forward`: accumulates parameter gradients and returns
   * `∂J/∂input` (skipped, returning an unspecified matrix, when `inputGradient` is `false`).
   */
  backward(gradOutput: Matrix, inputGradient?: boolean): Matrix;
  /** The trainable parameters (empty for activations). */
  parameters(): Parameter[];
  /**
   * The number of output features for `inputSize` input features, or throws a `ShapeError` when
   * the layer cannot take that many. Used by `Sequential` to check layers fit together.
   */
  computeOutputSize(inputSize: number): number;
  /** The number of input features the layer requires, or `undefined` when any number fits. */
  readonly inputSize?: number;
  /**
   * The layers inside a composite layer (a `Sequential` used as a layer, a residual block), if any.
   * `Sequential` names their parameters with a path (`W[2.1]`: layer 1 inside layer 2), refuses an
   * instance used twice anywhere in the tree, and lists them in `summary()`. A layer without it is
   * a leaf.
   */
  readonly layers?: readonly Layer[];
  /**
   * Whether the layer is in training mode, for a layer that behaves differently when training
   * (`Dropout`, `BatchNorm`); absent for layers that behave the same in both modes.
   */
  readonly training?: boolean;
  /**
   * Switches a layer that has modes to training mode (`true`, the default) or evaluation mode
   * (`false`). `Sequential.train()` / `eval()` call it on every layer of the tree that has it (and
   * descend into the inner `layers` of those that do not).
   */
  train?(mode?: boolean): unknown;
  /**
   * While `true`, a training-mode forward changes no state of the layer and draws no random numbers
   * (`Dropout` reuses its last mask, `BatchNorm` leaves its running statistics alone), so the layer is a
   * fixed function for finite differences; {@link gradientCheck} sets it for the duration of a check.
   */
  frozen?: boolean;
  /**
   * The regularization term the layer adds to the cost of a batch of `m` examples (`Dense` with a
   * `regularizer`); `backward` adds its gradient. `Sequential.penalty(m)` sums it over the tree.
   */
  penalty?(m: number): number;
  /** A short readable description, e.g. `Dense(2 → 4)`. */
  toString(): string;
  /**
   * A JSON-ready description of the layer. A `Sequential` returns its whole-model JSON, which an
   * enclosing `Sequential` writes as `{ type: 'Sequential', layers }`.
   */
  toJSON(): LayerJSON | SequentialJSON;
}
