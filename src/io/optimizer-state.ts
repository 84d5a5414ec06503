/**
 * `loadOptimizerState`: an optimizer's saved state back into an optimizer, so training resumes exactly.
 *
 * @module
 */
import { cut, fmtValue } from '../errors.js';
import { type Optimizer, type OptimizerJSON, restoreStepCount } from '../optimizers/optimizer.js';

/**
 * Restores state saved by `optimizer.toJSON()` into `optimizer`, so training resumes exactly where
 * it stopped: the step count and every per-parameter buffer. The hyperparameters stay those of
 * `optimizer`. All-or-nothing: everything is checked first, and on error nothing changes.
 *
 * @param optimizer - an optimizer of the same kind, over parameters of the same shapes (usually
 *   built over `loadModel(…).parameters()`).
 * @param json - the saved state (parsed JSON).
 * @returns `optimizer`.
 * @throws TypeError / RangeError naming the first problem (kind, step, slot names, counts, lengths,
 *   non-finite values, a negative running square such as Adam's `v`). Each value of `json` is read
 *   once, into a copy that is checked before anything is written.
 *
 * @example
 * ```ts
 * import { Dense, SGD, loadOptimizerState } from 'bottomup';
 * const layer = new Dense(2, 1, { seed: 1 });
 * const saved = JSON.parse(JSON.stringify(new SGD(layer.parameters(), { learningRate: 0.1, momentum: 0.9 })));
 * loadOptimizerState(new SGD(layer.parameters(), { learningRate: 0.1, momentum: 0.9 }), saved).stepCount; //=> 0
 * ```
 */
export function loadOptimizerState<O extends Optimizer>(optimizer: O, json: OptimizerJSON): O {
  const op = 'loadOptimizerState';
  const own = optimizer.slots,
    params = optimizer.parameters;
  if (json === null || typeof json !== 'object')
    throw new TypeError(`${op}: expected an object, got ${fmtValue(json)}`);
  // Every value is read once, into private copies that are checked and only then committed: a getter
  // or Proxy that changes between reads, or a check that fails half-way, can leave nothing half-loaded.
  const type: unknown = json.type,
    step: unknown = json.step,
    slots: unknown = json.slots;
  if (type !== optimizer.type)
    throw new TypeError(`${op}: expected type ${fmtValue(optimizer.type)}, got ${fmtValue(type)}`);
  if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 0) {
    throw new RangeError(`${op}: expected step to be a non-negative integer, got ${fmtValue(step)}`);
  }
  if (slots === null || typeof slots !== 'object')
    throw new TypeError(`${op}: expected slots to be an object, got ${fmtValue(slots)}`);
  const names = Object.keys(own);
  const given = Object.keys(slots);
  if (given.length !== names.length || !names.every((n) => given.includes(n))) {
    throw new TypeError(`${op}: expected slots [${names.join(', ')}], got [${given.map(cut).join(', ')}]`);
  }
  const copies = new Map<string, Float64Array[]>();
  for (const name of names) {
    const buffers: unknown = (slots as Record<string, unknown>)[name];
    const count = Array.isArray(buffers) ? buffers.length : -1;
    if (count !== params.length) {
      throw new RangeError(
        `${op}: expected slots.${name} to hold ${params.length} arrays, got ${count >= 0 ? count : fmtValue(buffers)}`,
      );
    }
    const square = optimizer.squareSlots.includes(name);
    const list: Float64Array[] = [];
    for (let i = 0; i < count; i++) {
      const b: unknown = (buffers as unknown[])[i];
      const size = params[i].value.size;
      const length = Array.isArray(b) ? b.length : -1;
      if (length !== size) {
        throw new RangeError(
          `${op}: expected slots.${name}[${i}] of length ${size}, got ${length >= 0 ? length : fmtValue(b)}`,
        );
      }
      const copy = new Float64Array(size);
      for (let k = 0; k < size; k++) {
        const v: unknown = (b as unknown[])[k];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new RangeError(`${op}: expected finite numbers in slots.${name}[${i}], got ${fmtValue(v)} at ${k}`);
        }
        if (square && v < 0) {
          // the next step would take the square root of it, and every weight would become NaN
          throw new RangeError(
            `${op}: expected slots.${name}[${i}] to hold running squares (>= 0), got ${fmtValue(v)} at ${k}`,
          );
        }
        copy[k] = v;
      }
      list.push(copy);
    }
    copies.set(name, list);
  }
  for (const [name, list] of copies) list.forEach((b, i) => own[name][i].set(b));
  restoreStepCount(optimizer, step);
  return optimizer;
}
