/**
 * The base of the optimizers: a list of parameters, `step()`, `zeroGrad()`, and state that
 * serialises (`toJSON()`, and `loadOptimizerState` in `../io/`) so training can resume exactly.
 *
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import { Matrix } from '../matrix/matrix.js';
import type { Parameter } from '../parameter.js';
import { checkPositive } from '../validate/values.js';

/**
 * An optimizer's state as plain JSON: its kind, its step count, and its per-parameter buffers
 * (e.g. Adam's moments `m`, `v`), each row-major in `model.parameters()` order.
 */
export interface OptimizerJSON {
  /** The optimizer's class name, e.g. `"Adam"`. */
  type: string;
  /** The hyperparameters it was built with (informative; {@link loadOptimizerState} keeps the current ones). */
  config: Record<string, number | boolean | string>;
  /** Steps taken so far. */
  step: number;
  /** Per-parameter state buffers by slot name. */
  slots: Record<string, number[][]>;
}

/**
 * Updates parameters from their gradients.
 *
 * @remarks
 * `step()` reads each parameter's `grad` and updates its `value`; it never writes `grad`.
 * `zeroGrad()` clears the gradients (backward passes accumulate). Neither allocates.
 *
 * @example
 * ```ts
 * import { Dense, SGD } from 'bottomup';
 * const layer = new Dense(2, 1, { seed: 1 });
 * const optimizer = new SGD(layer.parameters(), { learningRate: 0.1 });
 * optimizer.zeroGrad();
 * ```
 */
export abstract class Optimizer {
  /** The optimizer's class name, e.g. `"Adam"`. */
  abstract readonly type: string;
  /** The parameters this optimizer updates, in order. */
  readonly parameters: readonly Parameter[];
  /** Steps taken so far: read it as {@link Optimizer.stepCount}. */
  protected steps = 0;
  /**
   * Per-parameter state buffers by slot name (Adam's `m` and `v`, …), one Float64Array per
   * parameter: what {@link Optimizer.toJSON} saves and {@link loadOptimizerState} restores.
   */
  readonly slots: Readonly<Record<string, readonly Float64Array[]>> = {};
  /** The slots that hold running squares (never negative), checked by {@link loadOptimizerState}. @internal */
  readonly squareSlots: readonly string[];
  private lr: number;

  /** Steps taken so far (`t`); read-only (restored only by {@link loadOptimizerState}). */
  get stepCount(): number {
    return this.steps;
  }

  /**
   * @param op - the subclass name, for messages.
   * @param parameters - the parameters to update, e.g. `model.parameters()`.
   * @param learningRate - the step size `α`, a finite number `> 0`.
   * @param slotNames - names of the per-parameter state buffers to allocate (zeros).
   * @param squareSlots - those of them that hold running squares, which can never be negative.
   * @throws TypeError when `parameters` is not an array of parameters, or lists one twice.
   * @throws RangeError when it is empty or `learningRate` is not a finite positive number.
   */
  protected constructor(
    op: string,
    parameters: readonly Parameter[],
    learningRate: number,
    slotNames: readonly string[],
    squareSlots: readonly string[] = [],
  ) {
    if (!Array.isArray(parameters)) {
      throw new TypeError(`${op}: expected an array of parameters (model.parameters()), got ${fmtValue(parameters)}`);
    }
    if (parameters.length === 0) throw new RangeError(`${op}: expected at least one parameter, got an empty list`);
    const seen = new Map<unknown, number>();
    // A for loop, not forEach: forEach skips the holes of a sparse array.
    for (let i = 0; i < parameters.length; i++) {
      const p: unknown = parameters[i];
      const q = p as Partial<Parameter> | null;
      if (q === null || typeof q !== 'object' || !(q.value instanceof Matrix) || !(q.grad instanceof Matrix)) {
        throw new TypeError(
          `${op}: expected parameters[${i}] to be { name, value: Matrix, grad: Matrix }, got ${fmtValue(p)}`,
        );
      }
      const first = seen.get(q) ?? seen.get(q.value);
      if (first !== undefined) {
        throw new TypeError(
          `${op}: expected each parameter once, got parameters[${i}] (${fmtValue(q.name)}), the same as ` +
            `parameters[${first}]: it would be stepped twice per update`,
        );
      }
      seen.set(q, i).set(q.value, i);
      if (q.value.rows !== q.grad.rows || q.value.cols !== q.grad.cols) {
        throw new ShapeError(
          `${op}: expected parameters[${i}].grad ${fmtShape(q.value.rows, q.value.cols)} like its value, got ` +
            `${fmtShape(q.grad.rows, q.grad.cols)}`,
        );
      }
    }
    this.parameters = Object.freeze(parameters.slice());
    this.lr = checkPositive(op, 'learningRate', learningRate);
    this.squareSlots = Object.freeze(squareSlots.slice());
    const slots: Record<string, readonly Float64Array[]> = this.slots;
    for (const name of slotNames)
      slots[name] = Object.freeze(this.parameters.map((p) => new Float64Array(p.value.size)));
    Object.freeze(slots);
  }

  /** The learning rate `α`; settable (for schedules), validated. */
  get learningRate(): number {
    return this.lr;
  }

  /** Sets the learning rate (for schedules). @throws RangeError unless a finite number `> 0`. */
  set learningRate(value: number) {
    this.lr = checkPositive(`${this.type}.learningRate`, 'learningRate', value);
  }

  /** Applies one update to every parameter from its current `grad`. */
  abstract step(): void;

  /** Sets every parameter's `grad` to zero. */
  zeroGrad(): void {
    // indexed, not for…of: iterating a frozen array allocates an iterator in V8
    const params = this.parameters;
    for (let i = 0; i < params.length; i++) params[i].grad.data.fill(0);
  }

  /** The hyperparameters, for {@link Optimizer.toJSON}. */
  protected abstract config(): Record<string, number | boolean | string>;

  /**
   * The optimizer's state as JSON (step count and per-parameter buffers).
   * @returns a plain object; `JSON.stringify` it to save.
   */
  toJSON(): OptimizerJSON {
    const slots: Record<string, number[][]> = {};
    for (const [name, buffers] of Object.entries(this.slots)) slots[name] = buffers.map((b) => Array.from(b));
    return { type: this.type, config: { learningRate: this.lr, ...this.config() }, step: this.stepCount, slots };
  }
}

/** Sets an optimizer's step count: for {@link loadOptimizerState} only. @internal */
export function restoreStepCount(optimizer: Optimizer, steps: number): void {
  (optimizer as unknown as { steps: number }).steps = steps;
}
