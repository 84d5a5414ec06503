/**
 * Learning-rate schedules: functions from the epoch (or step) number to a learning rate, for the
 * explicit loop (`optimizer.learningRate = schedule(epoch)`), and the course's `schedule_lr_decay`.
 *
 * @module
 */
import { fmtValue } from '../errors.js';
import { powInt } from '../math/pow.js';
import { cos } from '../math/trig.js';
import { checkBoolean, checkInteger, checkNumber, checkOptions, checkPositive } from '../validate/values.js';

/**
 * A learning-rate schedule: the learning rate for epoch (or step) `t = 0, 1, 2, …`.
 *
 * @example
 * ```ts
 * import { stepDecay } from 'bottomup';
 * const schedule = stepDecay(0.1, { stepSize: 10, gamma: 0.5 });
 * [schedule(0), schedule(9), schedule(10), schedule(25)]; //=> [0.1, 0.1, 0.05, 0.025]
 * ```
 */
export type LearningRateSchedule = (t: number) => number;

/** Throws a RangeError unless `t` is an integer `≥ 0`. */
function checkEpoch(op: string, t: number): number {
  if (!Number.isInteger(t) || t < 0)
    throw new RangeError(`${op}: expected t to be an integer >= 0, got ${fmtValue(t)}`);
  return t;
}

/**
 * The course's interval decay, `schedule_lr_decay`: `α = α₀ / (1 + decayRate·⌊epoch / timeInterval⌋)`.
 *
 * @param learningRate0 - `α₀`, `> 0`.
 * @param epoch - the epoch number, an integer `≥ 0`.
 * @param decayRate - `r`, `≥ 0`.
 * @param timeInterval - epochs between decays, an integer `≥ 1`; default `1000`, as in the course.
 * @returns the learning rate for `epoch`.
 * @throws RangeError for an argument out of range.
 *
 * @example
 * ```ts
 * import { scheduleLrDecay } from 'bottomup';
 * scheduleLrDecay(0.5, 100, 0.3, 100); //=> 0.3846153846153846
 * ```
 */
export function scheduleLrDecay(learningRate0: number, epoch: number, decayRate: number, timeInterval = 1000): number {
  const op = 'scheduleLrDecay';
  const a0 = checkPositive(op, 'learningRate0', learningRate0);
  const e = checkInteger(op, 'epoch', epoch, 0);
  const rate = checkPositive(op, 'decayRate', decayRate, true);
  const T = checkInteger(op, 'timeInterval', timeInterval, 1);
  return a0 / (1 + rate * Math.floor(e / T));
}

/**
 * A constant learning rate.
 * @param learningRate - `> 0`.
 * @throws RangeError unless `learningRate` is a finite number `> 0`.
 */
export function constantLr(learningRate: number): LearningRateSchedule {
  const lr = checkPositive('constantLr', 'learningRate', learningRate);
  return (t) => {
    checkEpoch('constantLr', t);
    return lr;
  };
}

/** Options of {@link stepDecay}. */
export interface StepDecayOptions {
  /** Epochs between decays, an integer `≥ 1`. */
  stepSize: number;
  /** The factor each decay multiplies by, in `(0, 1]`; default `0.1`. */
  gamma?: number;
}

/**
 * PyTorch's `StepLR`: `α₀·γ^⌊t / stepSize⌋`.
 * @param learningRate - `α₀`, `> 0`.
 * @param options - `stepSize` and `gamma`.
 * @throws RangeError or TypeError for a bad option.
 */
export function stepDecay(learningRate: number, options: StepDecayOptions): LearningRateSchedule {
  const op = 'stepDecay';
  const a0 = checkPositive(op, 'learningRate', learningRate);
  checkOptions(op, options, ['stepSize', 'gamma']);
  const size = checkInteger(op, 'stepSize', options.stepSize, 1);
  const gamma = checkFactor(op, options.gamma ?? 0.1);
  return (t) => a0 * powInt(gamma, Math.floor(checkEpoch(op, t) / size));
}

/** A decay factor in `(0, 1]`. */
function checkFactor(op: string, gamma: unknown): number {
  const g = checkNumber(op, 'gamma', gamma);
  if (!(g > 0 && g <= 1)) throw new RangeError(`${op}: expected gamma in (0, 1], got ${fmtValue(g)}`);
  return g;
}

/**
 * PyTorch's `ExponentialLR`: `α₀·γ^t`.
 * @param learningRate - `α₀`, `> 0`.
 * @param options - `gamma`, in `(0, 1]`.
 * @throws RangeError or TypeError for a bad option.
 */
export function exponentialDecay(learningRate: number, options: { gamma: number }): LearningRateSchedule {
  const op = 'exponentialDecay';
  const a0 = checkPositive(op, 'learningRate', learningRate);
  checkOptions(op, options, ['gamma']);
  const gamma = checkFactor(op, options.gamma);
  return (t) => a0 * powInt(gamma, checkEpoch(op, t));
}

/** Options of {@link inverseTimeDecay}. */
export interface InverseTimeDecayOptions {
  /** `r`, `≥ 0`. */
  decayRate: number;
  /** `T`, epochs per unit of decay, `> 0`; default `1`. */
  decaySteps?: number;
  /** Decay in whole intervals, `⌊t / T⌋` (the course's interval decay); default `false`. */
  staircase?: boolean;
}

/**
 * Keras's `InverseTimeDecay`: `α₀ / (1 + r·t/T)`, or `α₀ / (1 + r·⌊t/T⌋)` with `staircase` — the
 * course's `update_lr` (`T = 1`) and `schedule_lr_decay` (`staircase`, `T` = its `time_interval`).
 * @param learningRate - `α₀`, `> 0`.
 * @param options - `decayRate`, `decaySteps`, `staircase`.
 * @throws RangeError or TypeError for a bad option.
 */
export function inverseTimeDecay(learningRate: number, options: InverseTimeDecayOptions): LearningRateSchedule {
  const op = 'inverseTimeDecay';
  const a0 = checkPositive(op, 'learningRate', learningRate);
  checkOptions(op, options, ['decayRate', 'decaySteps', 'staircase']);
  const rate = checkPositive(op, 'decayRate', options.decayRate, true);
  const T = checkPositive(op, 'decaySteps', options.decaySteps ?? 1);
  const staircase = checkBoolean(op, 'staircase', options.staircase ?? false);
  return (t) => {
    const p = checkEpoch(op, t) / T;
    return a0 / (1 + rate * (staircase ? Math.floor(p) : p));
  };
}

/** Options of {@link cosineDecay}. */
export interface CosineDecayOptions {
  /** `T`, the epochs from `α₀` down to `minimum`, an integer `≥ 1`; the rate stays at `minimum` after. */
  steps: number;
  /**
   * The last learning rate, `≥ 0` and below `α₀`; default `0`. Optimizers refuse a learning rate of
   * 0 (a step that changes nothing), so with the default stop before `t = T`, or give a minimum.
   */
  minimum?: number;
}

/**
 * Cosine annealing (PyTorch's `CosineAnnealingLR` in closed form, Keras's `CosineDecay`):
 * `α_min + (α₀ − α_min)·(1 + cos(π·min(t, T)/T))/2`.
 * @param learningRate - `α₀`, `> 0`.
 * @param options - `steps` and `minimum`.
 * @throws RangeError or TypeError for a bad option.
 */
export function cosineDecay(learningRate: number, options: CosineDecayOptions): LearningRateSchedule {
  const op = 'cosineDecay';
  const a0 = checkPositive(op, 'learningRate', learningRate);
  checkOptions(op, options, ['steps', 'minimum']);
  const T = checkInteger(op, 'steps', options.steps, 1);
  const min = checkPositive(op, 'minimum', options.minimum ?? 0, true);
  if (min >= a0) throw new RangeError(`${op}: expected minimum below learningRate ${a0}, got ${fmtValue(min)}`);
  return (t) => {
    const e = Math.min(checkEpoch(op, t), T);
    return min + ((a0 - min) * (1 + cos((Math.PI * e) / T))) / 2;
  };
}

/** Options of {@link linearWarmup}. */
export interface LinearWarmupOptions {
  /** `W`, the warm-up epochs, an integer `≥ 1`. */
  steps: number;
  /** The learning rate at `t = 0`, `> 0` and below the schedule's first; default `schedule(0) / steps`. */
  start?: number;
}

/**
 * A linear warm-up in front of another schedule: from `start` at `t = 0` up to `schedule(0)` at
 * `t = W` in equal steps, then `schedule(t − W)`.
 * @param schedule - the schedule after the warm-up.
 * @param options - `steps` and `start`.
 * @throws RangeError or TypeError for a bad option.
 *
 * @example
 * ```ts
 * import { constantLr, linearWarmup } from 'bottomup';
 * const schedule = linearWarmup(constantLr(0.4), { steps: 4 });
 * [0, 1, 2, 3, 4, 5].map(schedule); //=> [0.1, 0.17500000000000002, 0.25, 0.32500000000000007, 0.4, 0.4]
 * ```
 */
export function linearWarmup(schedule: LearningRateSchedule, options: LinearWarmupOptions): LearningRateSchedule {
  const op = 'linearWarmup';
  if (typeof schedule !== 'function') {
    throw new TypeError(`${op}: expected schedule to be a function of the epoch, got ${fmtValue(schedule)}`);
  }
  checkOptions(op, options, ['steps', 'start']);
  const W = checkInteger(op, 'steps', options.steps, 1);
  const target = schedule(0);
  const start = checkPositive(op, 'start', options.start ?? target / W);
  if (start > target)
    throw new RangeError(`${op}: expected start <= the schedule's first rate ${target}, got ${start}`);
  return (t) => {
    const e = checkEpoch(op, t);
    return e < W ? start + ((target - start) * e) / W : schedule(e - W);
  };
}
