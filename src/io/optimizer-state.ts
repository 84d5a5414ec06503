/**
 * `loadOptimizerState`: an optimizer's saved state back into an optimizer, so training resumes exactly.
 *
 * @module
 */
import { fmtValue } from '../errors.js';
import type { Optimizer, OptimizerJSON } from '../optimizers/optimizer.js';

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
 *   non-finite values).
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
  if (json.type !== optimizer.type)
    throw new TypeError(`${op}: expected type ${JSON.stringify(optimizer.type)}, got ${fmtValue(json.type)}`);
  if (typeof json.step !== 'number' || !Number.isSafeInteger(json.step) || json.step < 0) {
    throw new RangeError(`${op}: expected step to be a non-negative integer, got ${fmtValue(json.step)}`);
  }
  const slots = json.slots;
  if (slots === null || typeof slots !== 'object')
    throw new TypeError(`${op}: expected slots to be an object, got ${fmtValue(slots)}`);
  const names = Object.keys(own);
  const given = Object.keys(slots);
  if (given.length !== names.length || !names.every((n) => given.includes(n))) {
    throw new TypeError(`${op}: expected slots [${names.join(', ')}], got [${given.join(', ')}]`);
  }
  for (const name of names) {
    const buffers = slots[name];
    if (!Array.isArray(buffers) || buffers.length !== params.length) {
      throw new RangeError(
        `${op}: expected slots.${name} to hold ${params.length} arrays, got ` +
          `${Array.isArray(buffers) ? buffers.length : fmtValue(buffers)}`,
      );
    }
    buffers.forEach((b, i) => {
      const size = params[i].value.size;
      if (!Array.isArray(b) || b.length !== size) {
        throw new RangeError(
          `${op}: expected slots.${name}[${i}] of length ${size}, got ${Array.isArray(b) ? b.length : fmtValue(b)}`,
        );
      }
      const bad = b.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
      if (bad >= 0)
        throw new RangeError(
          `${op}: expected finite numbers in slots.${name}[${i}], got ${fmtValue(b[bad])} at ${bad}`,
        );
    });
  }
  for (const name of names) slots[name].forEach((b, i) => own[name][i].set(b));
  optimizer.stepCount = json.step;
  return optimizer;
}
