/**
 * Gradient clipping for the explicit loop: between `backward` and `step`, with any optimizer.
 *
 * @module
 */
import { fmtValue } from '../errors.js';
import type { Parameter } from '../parameter.js';
import { checkMatrix } from '../validate/matrix.js';
import { checkBoolean, checkOptions, checkPositive } from '../validate/values.js';

/** Options of {@link clipGradNorm}. */
export interface ClipGradNormOptions {
  /**
   * Throw when the gradients' norm is `NaN` or `±∞` (leaving them untouched); with `false`, return
   * that norm and leave them untouched. Default `true`.
   */
  errorIfNonFinite?: boolean;
}

/** The last {@link clipGradNorm}'s norm, handed back unboxed. */
const NORM = /* @__PURE__ */ new Float64Array(1);

/** Throws a TypeError unless `parameters` is an array of parameters, each with a whole `grad` Matrix. */
function checkParameters(op: string, parameters: unknown): asserts parameters is readonly Parameter[] {
  if (!Array.isArray(parameters)) {
    throw new TypeError(`${op}: expected an array of parameters (model.parameters()), got ${fmtValue(parameters)}`);
  }
  for (let k = 0; k < parameters.length; k++) {
    checkMatrix(op, `parameters[${k}].grad`, (parameters[k] as Partial<Parameter> | null)?.grad);
  }
}

/**
 * Scales all gradients together so that their global norm `√(Σ grad²)` (over every element of every
 * parameter) is at most `maxNorm` — PyTorch's `clip_grad_norm_`: when the norm exceeds `maxNorm`,
 * every gradient is multiplied by `maxNorm / (norm + 1e-6)`; otherwise nothing changes.
 *
 * @remarks
 * Call it between `model.backward` and `optimizer.step`. It allocates nothing.
 *
 * @param parameters - the parameters whose `grad` to clip, e.g. `model.parameters()`.
 * @param maxNorm - the largest norm allowed, `> 0`.
 * @param options - `errorIfNonFinite` (default `true`).
 * @returns the gradients' norm before clipping.
 * @throws RangeError when `maxNorm` is not a finite number `> 0`, or (with `errorIfNonFinite`)
 *   when the norm is not finite.
 *
 * @example
 * ```ts
 * import { Dense, clipGradNorm } from 'bottomup';
 * const layer = new Dense(2, 1, { init: 'zeros', useBias: false });
 * layer.weight.grad.data.set([3, 4]);
 * clipGradNorm(layer.parameters(), 1); //=> 5
 * layer.weight.grad.toArray(); //=> [[0.599999880000024, 0.799999840000032]]
 * ```
 */
export function clipGradNorm(parameters: readonly Parameter[], maxNorm: number, options?: ClipGradNormOptions): number {
  clipNormInto(parameters, maxNorm, options);
  return NORM[0];
}

/** {@link clipGradNorm}, with the norm left in NORM[0] (so the wrapper is small enough to inline). */
function clipNormInto(parameters: readonly Parameter[], maxNorm: number, options?: ClipGradNormOptions): void {
  const op = 'clipGradNorm';
  checkParameters(op, parameters);
  checkPositive(op, 'maxNorm', maxNorm);
  if (options !== undefined) {
    checkOptions(op, options, ['errorIfNonFinite']);
    if (options.errorIfNonFinite !== undefined) checkBoolean(op, 'errorIfNonFinite', options.errorIfNonFinite);
  }
  let sum = 0;
  for (let k = 0; k < parameters.length; k++) {
    const G = parameters[k].grad.data;
    for (let i = 0; i < G.length; i++) sum += G[i] * G[i];
  }
  const norm = Math.sqrt(sum);
  NORM[0] = norm;
  if (!Number.isFinite(norm)) {
    if (options?.errorIfNonFinite === false) return;
    throw new RangeError(
      `${op}: expected finite gradients, got a norm of ${norm} (gradients left unchanged; ` +
        'pass { errorIfNonFinite: false } to get it back instead)',
    );
  }
  if (norm <= maxNorm) return;
  const scale = maxNorm / (norm + 1e-6);
  for (let k = 0; k < parameters.length; k++) {
    const G = parameters[k].grad.data;
    for (let i = 0; i < G.length; i++) G[i] *= scale;
  }
}

/**
 * Clamps every gradient element into `[−clipValue, clipValue]` — PyTorch's `clip_grad_value_`,
 * Keras's `clipvalue`. `NaN` stays `NaN`. Call it between `model.backward` and `optimizer.step`; it
 * allocates nothing.
 *
 * @param parameters - the parameters whose `grad` to clip, e.g. `model.parameters()`.
 * @param clipValue - the largest magnitude allowed, `> 0`.
 * @throws RangeError when `clipValue` is not a finite number `> 0`.
 *
 * @example
 * ```ts
 * import { Dense, clipGradValue } from 'bottomup';
 * const layer = new Dense(3, 1, { init: 'zeros', useBias: false });
 * layer.weight.grad.data.set([-5, 0.25, 2]);
 * clipGradValue(layer.parameters(), 1);
 * layer.weight.grad.toArray(); //=> [[-1, 0.25, 1]]
 * ```
 */
export function clipGradValue(parameters: readonly Parameter[], clipValue: number): void {
  const op = 'clipGradValue';
  checkParameters(op, parameters);
  const c = checkPositive(op, 'clipValue', clipValue);
  for (let k = 0; k < parameters.length; k++) {
    const G = parameters[k].grad.data;
    for (let i = 0; i < G.length; i++) {
      const g = G[i];
      if (g > c) G[i] = c;
      else if (g < -c) G[i] = -c;
    }
  }
}
