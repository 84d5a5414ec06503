/**
 * `Sequential`: layers applied in order, with the explicit forward/backward of the course.
 *
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import type { Layer, LayerJSON } from '../layers/layer.js';
import type { Parameter } from '../parameter.js';
import { checkAllFinite, checkBoolean, checkInteger, checkOptions, transposeHint } from '../validate/values.js';
import { checkMatrix } from '../validate/matrix.js';
import { MAX_NESTING, MODEL_FORMAT, MODEL_VERSION, type SequentialJSON } from '../io/format.js';

/** The error for a layer instance used twice (each use needs its own forward cache). */
function sharedLayer(at: string, first: string, layer: Layer): TypeError {
  return new TypeError(
    `Sequential: expected each layer instance once, got ${at}, the same ${layer.toString()} as ` +
      `${first}: create a new layer for each use (layers cannot share an instance)`,
  );
}

/** No layers (one shared array: the walks below run every training step and allocate nothing). */
const NONE: readonly Layer[] = [];

/** The inner layers of a composite layer (a `Sequential`, or a user's layer exposing `layers`), else none. */
const innerLayers = (layer: Layer): readonly Layer[] => {
  const inner: unknown = layer.layers;
  return Array.isArray(inner) ? inner : NONE;
};

/** Sets the mode of every layer of the tree that has one (a layer with `train` sets its own subtree). */
function setMode(layers: readonly Layer[], mode: boolean): void {
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    if (typeof layer.train === 'function') layer.train(mode);
    else setMode(innerLayers(layer), mode);
  }
}

/** The sum of the penalties of the layers of the tree, in order (a layer with `penalty` sums its own subtree). */
function penaltyOf(layers: readonly Layer[], m: number): number {
  let sum = 0;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    sum += typeof layer.penalty === 'function' ? layer.penalty(m) : penaltyOf(innerLayers(layer), m);
  }
  return sum;
}

/**
 * Records `layer` and every layer nested in it under their paths (`layers[2].layers[0]`), refusing an
 * instance met twice; returns the nesting depth below `layer` (0 for a plain layer).
 */
function visit(layer: Layer, at: string, seen: Map<unknown, string>): number {
  const first = seen.get(layer);
  if (first !== undefined) throw sharedLayer(at, first, layer);
  seen.set(layer, at);
  let depth = 0;
  innerLayers(layer).forEach((inner, k) => {
    depth = Math.max(depth, 1 + visit(inner, `${at}.layers[${k}]`, seen));
  });
  return depth;
}

/**
 * The names of the parameters of `layers` after their place, `W[l]` (the `l`-th layer with
 * parameters, counted from 1), and for those of a nested layer's own layers a path, `W[l.k]`;
 * checks that no two layers share a parameter. `where` is the layers' position for messages (`''`
 * or `'2.'`). Nothing is renamed here: the caller applies `names` once every check has passed.
 */
function nameParameters(
  layers: readonly Layer[],
  prefix: string,
  where: string,
  owner: Map<unknown, string>,
  names: Map<Parameter, string>,
): void {
  let l = 0;
  layers.forEach((layer, i) => {
    const params = layer.parameters();
    if (params.length === 0) return;
    const path = `${prefix}${++l}`;
    const inner = innerLayers(layer);
    // The nested layers' parameters get the longer path; the rest are the layer's own.
    nameParameters(inner, `${path}.`, `${where}${i}.`, owner, names);
    const nested = new Set(inner.flatMap((sub) => sub.parameters()));
    const here = `${layer.toString()} (layer ${where}${i})`;
    for (const p of params) {
      if (nested.has(p)) continue;
      // a parameter (or its value matrix) in two layers would be stepped twice per update
      for (const key of [p, p.value]) {
        const first = owner.get(key);
        if (first !== undefined) {
          throw new TypeError(
            `Sequential: expected each parameter in one layer, got ${names.get(p) ?? p.name} of ${here} also in ` +
              `${first}: layers cannot share weights`,
          );
        }
        owner.set(key, here);
      }
      names.set(p, `${p.name.replace(/\[[\d.]+\]$/, '')}[${path}]`);
    }
  });
}

/** Options of {@link Sequential}. */
export interface SequentialOptions {
  /**
   * Check every layer's output (forward) and gradient (backward) for `NaN`/`Infinity`, and throw an
   * error naming the first layer where one appears. Off by default (it costs a pass over each buffer).
   */
  checkFinite?: boolean;
}

/**
 * A stack of layers, each feeding the next: `A[0] = X`, `A[l] = layer_l(A[l-1])`, `ŷ = A[L]`.
 *
 * @remarks
 * The explicit loop of the course reads:
 * ```ts
 * const cost = loss.forward(model.forward(X), Y);
 * optimizer.zeroGrad();
 * model.backward(loss.backward());
 * optimizer.step();
 * ```
 * Each layer instance may appear once, and no two layers may share a parameter: a layer keeps its last
 * forward's input for backward, so a second use would overwrite what the first use's gradient needs
 * (PyTorch accumulates over uses instead; bottomup refuses at construction, with a TypeError). The
 * layer list is frozen. Layers are checked to fit together at construction: a `Dense` whose
 * `inputSize` differs from the previous layer's output throws a {@link ShapeError} naming both
 * layers. Dense parameters are named after the course's notation, `W[1]`, `b[1]`, `W[2]`, …
 * (layers with parameters counted from 1).
 *
 * A `Sequential` is itself a {@link Layer}, so a model can be a layer of another (as can any layer
 * that exposes its inner layers as `layers`, such as a residual block). The parameters of layer `k`
 * inside layer `l` are named with a path, `W[l.k]` (`W[2.1]`, `b[2.1]`; one more `.k` per level), so
 * names stay unique; `summary()` lists the nested layers under their model's row; `toJSON()` writes a
 * nested model as `{ type: 'Sequential', layers }`. The once-per-instance rule holds across levels:
 * the same layer inside an inner model and in the outer one, or an inner model used twice, is
 * refused with a TypeError naming both places (`layers[3]`, `layers[1].layers[0]`). Layers nest at
 * most 32 levels deep (a RangeError beyond), as `loadModel` reads them.
 *
 * **Shape:** `X` is `(n_x, m)`, the output `(n_y, m)`: one column per example.
 *
 * @example
 * ```ts
 * import { Dense, Matrix, Sequential, Sigmoid, Tanh } from 'bottomup';
 * const model = new Sequential([
 *   new Dense(2, 4, { seed: 1 }), new Tanh(), new Dense(4, 1, { seed: 2 }), new Sigmoid(),
 * ]);
 * model.forward(Matrix.zeros(2, 5)).shape; //=> [1, 5]
 * model.parameters().map((p) => p.name); //=> ['W[1]', 'b[1]', 'W[2]', 'b[2]']
 * ```
 */
export class Sequential {
  /** The layers, in order. */
  readonly layers: readonly Layer[];
  /** Number of input features `n_x`, or `undefined` if no layer fixes it. */
  readonly inputSize: number | undefined;
  /** Number of outputs `n_y`, or `undefined` if no layer fixes it. */
  readonly outputSize: number | undefined;
  /** Whether forward and backward check for non-finite values (see {@link SequentialOptions}). */
  checkFinite: boolean;
  private mode = true;
  private output: Matrix | null = null;
  /** Every layer's parameters, in order, collected once (zeroGrad walks it without allocating). */
  private readonly params: readonly Parameter[];
  /** With `checkFinite`: the gradients before the current backward, to put back if it throws. */
  private savedGrads: Float64Array[] | null = null;

  /**
   * @param layers - the layers, first to last (at least one).
   * @param options - `checkFinite`.
   * @throws TypeError when `layers` is not a non-empty array of layers, when a layer instance is used
   *   twice or two layers share a parameter (at any nesting level), or on an unknown option.
   * @throws RangeError when layers nest more than 32 levels deep.
   * @throws {@link ShapeError} when consecutive layers do not fit, naming both.
   */
  constructor(layers: readonly Layer[], options: SequentialOptions = {}) {
    if (!Array.isArray(layers) || layers.length === 0) {
      throw new TypeError(
        `Sequential: expected a non-empty array of layers, got ` +
          `${Array.isArray(layers) ? 'an empty array' : fmtValue(layers)}`,
      );
    }
    const seen = new Map<unknown, string>();
    let depth = 0;
    // A for loop, not forEach: forEach skips the holes of a sparse array.
    for (let i = 0; i < layers.length; i++) {
      const layer: unknown = layers[i];
      const l = layer as Partial<Layer> | null;
      if (
        l === null ||
        typeof l !== 'object' ||
        typeof l.forward !== 'function' ||
        typeof l.backward !== 'function' ||
        typeof l.parameters !== 'function' ||
        typeof l.computeOutputSize !== 'function'
      ) {
        throw new TypeError(
          `Sequential: expected layers[${i}] to be a layer (forward, backward, parameters, computeOutputSize), ` +
            `got ${i in layers ? fmtValue(layer) : 'a hole (an empty slot of a sparse array)'}`,
        );
      }
      depth = Math.max(depth, 1 + visit(layers[i], `layers[${i}]`, seen));
    }
    if (depth > MAX_NESTING) {
      throw new RangeError(
        `Sequential: expected layers nested at most ${MAX_NESTING} levels deep, got ${depth} levels`,
      );
    }
    checkOptions('Sequential', options, ['checkFinite']);
    // Frozen: a layer pushed later would be used by forward and saved by toJSON but trained by no optimizer.
    this.layers = Object.freeze(layers.slice());
    this.checkFinite = options.checkFinite ?? false;

    // The number of features flowing between layers, from the first layer that fixes it.
    let size: number | undefined;
    let from = -1;
    let inputSize: number | undefined;
    this.layers.forEach((layer, i) => {
      if (size === undefined) {
        if (layer.inputSize === undefined) return;
        size = inputSize = layer.inputSize;
      } else if (layer.inputSize !== undefined && layer.inputSize !== size) {
        throw new ShapeError(
          `Sequential: expected ${layer.toString()} (layer ${i}) to take the ${size} outputs of ` +
            `${this.layers[from].toString()} (layer ${from}), got inputSize ${layer.inputSize}`,
        );
      }
      size = layer.computeOutputSize(size);
      from = i;
    });
    this.inputSize = inputSize;
    this.outputSize = size;

    const names = new Map<Parameter, string>();
    nameParameters(this.layers, '', '', new Map(), names);
    for (const [p, name] of names) p.name = name;
    const all: Parameter[] = [];
    for (const layer of this.layers) all.push(...layer.parameters());
    this.params = all;
  }

  /**
   * Forward propagation through every layer: returns `ŷ = A[L]`.
   * @param X - the inputs, `(n_x, m)` with `m ≥ 1`.
   * @returns `A[L]`, `(n_y, m)` — the last layer's buffer, overwritten by the next forward; `clone()` it
   *   (or use {@link Sequential.predict}) to keep it.
   * @throws {@link ShapeError} when `X.rows !== inputSize` or `X` has no columns.
   * @throws RangeError with `checkFinite`, naming the first layer whose output is not finite.
   */
  forward(X: Matrix): Matrix {
    checkMatrix('Sequential.forward', 'X', X);
    if ((this.inputSize !== undefined && X.rows !== this.inputSize) || X.cols === 0) {
      throw new ShapeError(
        `Sequential.forward: expected X (${this.inputSize ?? X.rows}, m) with m >= 1 for ` +
          `${this.layers[0].toString()}, ` +
          `got X ${fmtShape(X.rows, X.cols)}${transposeHint('X', X.rows, X.cols, this.inputSize ?? X.rows)}`,
      );
    }
    const check = this.checkFinite;
    if (check) checkAllFinite('Sequential.forward', 'X', X);
    // From here the layers' caches change: if a layer throws part-way, backward must not mix two batches.
    this.output = null;
    let A = X;
    for (let i = 0; i < this.layers.length; i++) {
      A = this.layers[i].forward(A);
      if (check) checkAllFinite('Sequential.forward', `the output of ${this.layers[i].toString()} (layer ${i})`, A);
    }
    this.output = A;
    return A;
  }

  /**
   * Backward propagation: accumulates every parameter's gradient and returns `dX = ∂J/∂X`.
   * @param dYhat - `∂J/∂ŷ`, usually `loss.backward()`, shaped like the last forward's output.
   * @returns `dX`, `(n_x, m)`, a buffer owned by the first layer.
   * @throws Error when called before `forward`.
   * @throws {@link ShapeError} when `dYhat` is not shaped like the last output.
   * @throws RangeError with `checkFinite`, naming the first layer whose gradient is not finite; every
   *   `grad` is then as it was before the call.
   */
  backward(dYhat: Matrix): Matrix;
  /**
   * Backward propagation without the input gradient: accumulates every parameter's gradient and
   * skips the first layer's `dX` product (nothing needs it when training; `fit` does this).
   * @param dYhat - `∂J/∂ŷ`, shaped like the last forward's output.
   * @param inputGradient - `false`.
   * @returns `null`.
   * @throws Error when called before `forward`.
   * @throws {@link ShapeError} when `dYhat` is not shaped like the last output.
   */
  backward(dYhat: Matrix, inputGradient: false): null;
  /**
   * Backward propagation, returning `dX` when `inputGradient` is `true` (the default), else `null`.
   * @param dYhat - `∂J/∂ŷ`, shaped like the last forward's output.
   * @param inputGradient - whether to compute `dX`.
   * @returns `dX` or `null`.
   */
  backward(dYhat: Matrix, inputGradient?: boolean): Matrix | null;
  backward(dYhat: Matrix, inputGradient = true): Matrix | null {
    const out = this.output;
    if (out === null) throw new Error('Sequential.backward: expected a forward() first, got none');
    checkMatrix('Sequential.backward', 'dYhat', dYhat);
    if (dYhat.rows !== out.rows || dYhat.cols !== out.cols) {
      throw new ShapeError(
        `Sequential.backward: expected dYhat ${fmtShape(out.rows, out.cols)} like the last output, got dYhat ` +
          `${fmtShape(dYhat.rows, dYhat.cols)}`,
      );
    }
    if (this.checkFinite) return this.backwardChecked(dYhat, inputGradient);
    let grad = dYhat;
    for (let i = this.layers.length - 1; i >= 0; i--) grad = this.layers[i].backward(grad, i > 0 || inputGradient);
    return inputGradient ? grad : null;
  }

  /**
   * {@link Sequential.backward} with `checkFinite`: all or nothing — when a layer's gradient is not
   * finite (or a layer throws), every parameter's `grad` is put back as it was before the call.
   */
  private backwardChecked(dYhat: Matrix, inputGradient: boolean): Matrix | null {
    const params = this.params;
    const saved = (this.savedGrads ??= params.map((p) => new Float64Array(p.grad.data.length)));
    for (let k = 0; k < params.length; k++) saved[k].set(params[k].grad.data);
    let grad = dYhat;
    try {
      for (let i = this.layers.length - 1; i >= 0; i--) {
        const wantInput = i > 0 || inputGradient;
        grad = this.layers[i].backward(grad, wantInput);
        if (wantInput) {
          checkAllFinite(
            'Sequential.backward',
            `the input gradient of ${this.layers[i].toString()} (layer ${i})`,
            grad,
          );
        }
      }
    } catch (error) {
      for (let k = 0; k < params.length; k++) params[k].grad.data.set(saved[k]);
      throw error;
    }
    return inputGradient ? grad : null;
  }

  /**
   * Every trainable parameter, in layer order — the list an optimizer walks.
   * @returns `[W[1], b[1], W[2], b[2], …]`, the same objects on every call.
   */
  parameters(): Parameter[] {
    return this.params.slice();
  }

  /** Sets every parameter's gradient to zero, allocating nothing. */
  zeroGrad(): void {
    const params = this.params;
    for (let i = 0; i < params.length; i++) params[i].grad.data.fill(0);
  }

  /**
   * Whether the model is in training mode (`true` for a new model, as in PyTorch): see
   * {@link Sequential.train}.
   */
  get training(): boolean {
    return this.mode;
  }

  /**
   * Switches the model to training mode (`mode` `true`, the default) or evaluation mode (`false`),
   * with every layer of the tree that has modes (`Dropout`, `BatchNorm`, nested models) — PyTorch's
   * `model.train()`.
   *
   * @remarks
   * In training mode `Dropout` drops units and `BatchNorm` normalises with the batch's statistics
   * (and updates its running ones); in evaluation mode `Dropout` is the identity and `BatchNorm` uses
   * its running statistics. `forward` runs in the current mode; `predict`, `evaluate` and `fit`'s
   * validation always run in evaluation mode, and `fit` trains in training mode. The mode is not
   * saved by `toJSON()`: a loaded model starts in training mode.
   *
   * @param mode - `true` for training, `false` for evaluation.
   * @returns the model.
   * @throws TypeError when `mode` is not a boolean.
   */
  train(mode = true): this {
    checkBoolean('Sequential.train', 'mode', mode);
    this.mode = mode;
    setMode(this.layers, mode);
    return this;
  }

  /**
   * Switches the model to evaluation mode: `train(false)`, PyTorch's `model.eval()`.
   * @returns the model.
   */
  eval(): this {
    return this.train(false);
  }

  /**
   * The regularization term of the cost for a batch of `m` examples: the sum of the layers'
   * penalties (a `Dense` with `regularizer: { l1, l2 }` adds `l2/(2m)·ΣW² + l1/m·Σ|W|`); `0` when no
   * layer is regularized. `backward` adds its gradient to the parameters'; add it to the loss
   * yourself in an explicit loop, as `fit` does: `loss.forward(model.forward(X), Y) + model.penalty(m)`.
   * @param m - the number of examples in the batch (`X.cols`), a positive integer.
   * @returns the penalty, `>= 0`.
   * @throws RangeError when `m` is not a positive integer.
   */
  penalty(m: number): number {
    checkInteger('Sequential.penalty', 'm', m, 1);
    return penaltyOf(this.layers, m);
  }

  /**
   * The model's output for `X`, as a new matrix the caller owns, computed in evaluation mode (the
   * model's mode is put back afterwards).
   * @param X - the inputs, `(n_x, m)`.
   * @returns `ŷ`, `(n_y, m)`.
   * @throws {@link ShapeError} when `X.rows !== inputSize`.
   */
  predict(X: Matrix): Matrix {
    const mode = this.mode;
    if (mode) this.train(false);
    try {
      return this.forward(X).clone();
    } finally {
      if (mode) this.train(true);
    }
  }

  /**
   * A table of the layers with their output shapes and parameter counts; the layers of a nested
   * model (or of any layer exposing `layers`) follow its row, indented, numbered by their path
   * (`2.0`, `2.1`, …).
   * @returns the text, one line per layer and a total.
   */
  summary(): string {
    const rows: [string, string, string][] = [['Layer', 'Output shape', 'Params']];
    const add = (layers: readonly Layer[], size: number | undefined, indent: string, prefix: string): void => {
      layers.forEach((layer, i) => {
        const input = size ?? layer.inputSize;
        // A nested layer's rows come after its own, fed with its input (the chain of a Sequential).
        const at = rows.length;
        add(innerLayers(layer), input, `${indent}  `, `${prefix}${i}.`);
        size = input === undefined ? undefined : layer.computeOutputSize(input);
        const count = layer.parameters().reduce((s, p) => s + p.value.size, 0);
        rows.splice(at, 0, [`${indent}${prefix}${i}: ${layer.toString()}`, `(${size ?? '?'}, m)`, String(count)]);
      });
    };
    add(this.layers, this.inputSize, '', '');
    const total = this.params.reduce((s, p) => s + p.value.size, 0);
    const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
    const line = (r: [string, string, string]): string =>
      `${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padStart(widths[2])}`;
    const rule = '-'.repeat(widths[0] + widths[1] + widths[2] + 4);
    return [line(rows[0]), rule, ...rows.slice(1).map(line), rule, `Total params: ${total}`].join('\n');
  }

  /**
   * The number of outputs for `inputSize` inputs, so a `Sequential` can be a layer of another.
   * @param inputSize - the number of input features.
   * @returns the last layer's number of outputs.
   * @throws {@link ShapeError} when the first layer that fixes its input takes a different number.
   */
  computeOutputSize(inputSize: number): number {
    let size = inputSize;
    for (const layer of this.layers) size = layer.computeOutputSize(size);
    return size;
  }

  /** `Sequential(n_x → n_y)`, or `Sequential(n → n)` when no layer fixes the sizes. */
  toString(): string {
    return `Sequential(${this.inputSize ?? 'n'} → ${this.outputSize ?? 'n'})`;
  }

  /**
   * The model as plain, versioned JSON: every layer's kind, configuration and weights.
   *
   * @returns a {@link SequentialJSON} object; `JSON.stringify` it to save. Loading it with
   *   {@link loadModel} gives bit-identical predictions.
   * @throws TypeError when a layer cannot be serialised (a user-defined layer without `toJSON`).
   * @throws RangeError when a weight is `NaN` or infinite (a diverged model), naming the layer and position.
   *
   * @example
   * ```ts
   * import { Dense, Sequential, Sigmoid } from 'bottomup';
   * const json = new Sequential([new Dense(2, 1, { init: 'zeros' }), new Sigmoid()]).toJSON();
   * json.layers.map((l) => l.type); //=> ['Dense', 'Sigmoid']
   * ```
   */
  toJSON(): SequentialJSON {
    const layers = this.layers.map((layer, i): LayerJSON => {
      // JSON writes NaN and ±Infinity as null, and such a file would not load: refuse to write it
      for (const p of layer.parameters()) {
        checkAllFinite('Sequential.toJSON', `${p.name} of ${layer.toString()} (layer ${i})`, p.value);
      }
      if (typeof layer.toJSON !== 'function') {
        throw new TypeError(`Sequential.toJSON: expected layers[${i}] to have toJSON(), got ${layer.toString()}`);
      }
      const json = layer.toJSON();
      // A nested model is written as a layer of kind 'Sequential' holding its layers.
      return 'format' in json ? { type: 'Sequential', layers: json.layers } : json;
    });
    return { format: MODEL_FORMAT, version: MODEL_VERSION, layers };
  }
}
