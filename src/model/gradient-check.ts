/**
 * Gradient checking by central finite differences, as in the course.
 *
 * @module
 */
import { checkMatrix } from '../validate/matrix.js';
import { checkOptions, checkPositive } from '../validate/values.js';
import type { Matrix } from '../matrix/matrix.js';
import type { Loss } from '../losses/loss.js';
import type { Parameter } from '../parameter.js';
import type { Layer } from '../layers/layer.js';

/** What {@link gradientCheck} needs of a model: `Sequential` or anything shaped like it. */
export interface CheckableModel {
  /** Forward propagation. */
  forward(X: Matrix): Matrix;
  /** Backward propagation, returning `dX`. */
  backward(dYhat: Matrix): Matrix;
  /** The trainable parameters. */
  parameters(): Parameter[];
  /** The regularization term of the cost for `m` examples, added to the loss when present. */
  penalty?(m: number): number;
  /** The layers, searched (with their inner layers) for those whose randomness and state can be `frozen`. */
  readonly layers?: readonly Layer[];
}

/** Sets `frozen` on every layer of the tree that has it, recording each one's value before in `saved`. */
function freeze(layers: readonly Layer[] | undefined, saved: Map<Layer, boolean>): void {
  if (!Array.isArray(layers)) return;
  for (const layer of layers) {
    if (typeof layer.frozen === 'boolean' && !saved.has(layer)) {
      saved.set(layer, layer.frozen);
      layer.frozen = true;
    }
    freeze(layer.layers, saved);
  }
}

/** Options of {@link gradientCheck}. */
export interface GradientCheckOptions {
  /** The finite-difference step `ε`; default `1e-7` (the course's). */
  epsilon?: number;
  /** Also check the gradient with respect to the input `X` (reported under the name `X`); default `false`. */
  input?: boolean;
}

/** The relative difference for one parameter (or the input). */
export interface GradientCheckEntry {
  /** The parameter's name (`W[1]`, …) or `X`. */
  name: string;
  /** `‖grad − approx‖₂ / (‖grad‖₂ + ‖approx‖₂)` over this parameter's elements. */
  difference: number;
  /** The largest `|grad − approx|` over its elements. */
  maxAbsError: number;
}

/** The result of {@link gradientCheck}. */
export interface GradientCheckResult {
  /** The course's relative difference over all checked values together. */
  difference: number;
  /** The entry with the largest relative difference. */
  worst: GradientCheckEntry;
  /** One entry per parameter, in `model.parameters()` order (then `X` if requested). */
  parameters: GradientCheckEntry[];
}

/**
 * Compares back-propagated gradients with central finite differences.
 *
 * @remarks
 * For each value `θ` (every element of every parameter, and of `X` with `input: true`):
 * `approx = (J(θ + ε) − J(θ − ε)) / (2ε)`, and the result is the course's relative difference
 * `‖grad − approx‖₂ / (‖grad‖₂ + ‖approx‖₂)` (0 when both are 0). Below about `1e-7` the gradients
 * agree; above `1e-3` there is almost certainly a bug. Weights, gradients and `X` are restored
 * exactly, even if a call throws.
 *
 * The cost is `loss.forward(model.forward(X), Y) + model.penalty(m)` (the penalty of regularized
 * layers, when the model has `penalty`), in the model's current mode. During the check every layer
 * with a `frozen` flag is frozen (and put back afterwards), so in training mode the function is
 * fixed: a `Dropout` draws one mask (or keeps the one it has for this shape) and reuses it for every
 * forward, and a `BatchNorm` leaves its running statistics untouched.
 *
 * **Shape:** `X` `(n_x, m)`, `Y` `(n_y, m)`.
 *
 * @param model - the model (`Sequential` or any {@link CheckableModel}).
 * @param loss - the loss the gradients are of.
 * @param X - inputs.
 * @param Y - targets.
 * @param options - `epsilon`, `input`.
 * @returns the overall difference, the worst entry and per-parameter entries.
 * @throws RangeError when `epsilon` is not a finite positive number, or there is nothing to check (a
 *   model without parameters and `input` not set).
 *
 * @example
 * ```ts
 * import { BinaryCrossEntropy, Dense, Matrix, Sequential, Sigmoid, Tanh, gradientCheck } from 'bottomup';
 * const model = new Sequential([
 *   new Dense(2, 3, { seed: 1 }), new Tanh(), new Dense(3, 1, { seed: 2 }), new Sigmoid(),
 * ]);
 * const X = Matrix.randn(2, 5, { random: 3 }), Y = Matrix.from([[0, 1, 1, 0, 1]]);
 * gradientCheck(model, new BinaryCrossEntropy(), X, Y).difference < 1e-7; //=> true
 * ```
 */
export function gradientCheck(
  model: CheckableModel,
  loss: Loss,
  X: Matrix,
  Y: Matrix,
  options: GradientCheckOptions = {},
): GradientCheckResult {
  checkOptions('gradientCheck', options, ['epsilon', 'input']);
  checkMatrix('gradientCheck', 'X', X);
  checkMatrix('gradientCheck', 'Y', Y);
  const eps = checkPositive('gradientCheck', 'epsilon', options.epsilon ?? 1e-7);
  const params = model.parameters();
  if (params.length === 0 && options.input !== true) {
    // Nothing to compare: there would be no `worst` entry to return.
    throw new RangeError('gradientCheck: expected a model with parameters (or input: true), got no parameters');
  }
  const savedGrads = params.map((p) => p.grad.data.slice());
  const frozen = new Map<Layer, boolean>();
  try {
    freeze(model.layers, frozen);
    for (const p of params) p.grad.data.fill(0);
    loss.forward(model.forward(X), Y);
    const dX = model.backward(loss.backward());
    const targets: { name: string; values: Float64Array; analytic: Float64Array }[] = params.map((p) => ({
      name: p.name,
      values: p.value.data,
      analytic: p.grad.data.slice(),
    }));
    if (options.input === true) targets.push({ name: 'X', values: X.data, analytic: dX.data.slice() });

    const cost = (): number => loss.forward(model.forward(X), Y) + (model.penalty?.(X.cols) ?? 0);
    let diff2 = 0,
      grad2 = 0,
      approx2 = 0;
    const entries: GradientCheckEntry[] = targets.map(({ name, values, analytic }) => {
      let d2 = 0,
        g2 = 0,
        a2 = 0,
        maxAbs = 0;
      for (let i = 0; i < values.length; i++) {
        const original = values[i];
        let plus: number, minus: number;
        try {
          values[i] = original + eps;
          plus = cost();
          values[i] = original - eps;
          minus = cost();
        } finally {
          values[i] = original;
        }
        const approx = (plus - minus) / (2 * eps);
        const g = analytic[i];
        d2 += (g - approx) * (g - approx); // not ** 2: exponentiation is engine-approximated, × is exact
        g2 += g * g;
        a2 += approx * approx;
        maxAbs = Math.max(maxAbs, Math.abs(g - approx));
      }
      diff2 += d2;
      grad2 += g2;
      approx2 += a2;
      return { name, difference: relative(d2, g2, a2), maxAbsError: maxAbs };
    });
    const worst = entries.reduce((w, e) => (e.difference > w.difference ? e : w), entries[0]);
    return { difference: relative(diff2, grad2, approx2), worst, parameters: entries };
  } finally {
    params.forEach((p, i) => p.grad.data.set(savedGrads[i]));
    for (const [layer, was] of frozen) layer.frozen = was;
  }
}

function relative(d2: number, g2: number, a2: number): number {
  const denominator = Math.sqrt(g2) + Math.sqrt(a2);
  return denominator === 0 ? 0 : Math.sqrt(d2) / denominator;
}
