/**
 * Early stopping: watch one figure per epoch, stop when it stops improving, optionally put the best
 * weights back.
 *
 * @module
 */
import { fmtValue } from '../errors.js';
import { canonicalMetricName } from '../metrics/metric.js';
import type { Parameter } from '../parameter.js';
import { checkBoolean, checkInteger, checkOptions, checkPositive } from '../validate/values.js';
import type { EpochLogs } from './history.js';

/** When to stop training early (Keras's `EarlyStopping`). */
export interface EarlyStoppingOptions {
  /**
   * The figure to watch, named as in the epoch logs (Keras's names): `'loss'`, a metric (`'accuracy'`),
   * `'val_loss'`, or a validation metric (`'val_accuracy'`). A metric's alias works too (`'val_acc'`,
   * `'mse'`). Default `'val_loss'` with validation data, else `'loss'`.
   */
  monitor?: string;
  /**
   * How many epochs without improvement are tolerated; training stops at the next one. Default `0`:
   * stop at the first epoch that does not improve. (Keras stops one epoch earlier for `patience ≥ 1`.)
   */
  patience?: number;
  /** The smallest change that counts as an improvement; default `0`. */
  minDelta?: number;
  /**
   * Whether lower (`'min'`) or higher (`'max'`) is better; default `'min'` for losses and errors,
   * `'max'` otherwise.
   */
  mode?: 'min' | 'max';
  /**
   * Put back the weights of the best epoch when training ends: on stopping, on finishing, on a
   * non-finite loss, and when a callback or metric throws (before the error goes on). Default `false`.
   */
  restoreBestWeights?: boolean;
}

/** A figure's name with a metric's alias replaced by its canonical name: `val_acc` → `val_accuracy`. */
function figureName(name: string): string {
  const val = name.startsWith('val_') ? 'val_' : '';
  return val + (canonicalMetricName(name.slice(val.length)) ?? name.slice(val.length));
}

/**
 * A policy's `monitor` and `mode` checked against the run's figures: the canonical figure name, and
 * whether lower is better (the default for losses and errors; `'auto'` means the default).
 * @param name - the policy's option name, for messages (`'earlyStopping'`).
 * @internal
 */
export function resolveMonitor(
  op: string,
  name: string,
  given: unknown,
  mode: unknown,
  figures: readonly string[],
  modes: readonly string[],
): [monitor: string, minimize: boolean] {
  const monitor = typeof given === 'string' ? figureName(given) : '';
  if (!figures.includes(monitor)) {
    throw new RangeError(
      `${op}: expected ${name}.monitor among ${figures.join(', ')} (or a metric's alias), got ${fmtValue(given)}`,
    );
  }
  if (mode !== undefined && !modes.includes(mode as string)) {
    throw new RangeError(
      `${op}: expected ${name}.mode ${modes.map((m) => `'${m}'`).join(' or ')}, got ${fmtValue(mode)}`,
    );
  }
  return [monitor, mode === 'min' || ((mode ?? 'auto') === 'auto' && /loss|error/i.test(monitor))];
}

const EARLY_STOPPING_OPTIONS = ['monitor', 'patience', 'minDelta', 'mode', 'restoreBestWeights'];

/**
 * The early-stopping policy of {@link fit}: {@link EarlyStopping.update} after each epoch says
 * whether to stop; {@link EarlyStopping.restore} puts the best epoch's weights back.
 * @internal
 */
export class EarlyStopping {
  /** The epoch with the best monitored figure so far, if any epoch improved on the start. */
  bestEpoch: number | undefined;
  private readonly monitor: string;
  private readonly minimize: boolean;
  private readonly patience: number;
  private readonly minDelta: number;
  private readonly params: readonly Parameter[];
  /** The best epoch's weights, with `restoreBestWeights`. */
  private readonly best: Float64Array[] | null;
  private bestValue: number;
  private wait = 0;

  /**
   * Checks the options; nothing about the model changes.
   * @param op - the calling operation, for messages.
   * @param options - the user's options.
   * @param figures - the figures the epoch logs will carry (`loss`, metrics, `val_loss`, `val_…`).
   * @param validation - whether there is validation data (for the default `monitor`).
   * @param params - the model's parameters (snapshotted with `restoreBestWeights`).
   */
  constructor(
    op: string,
    options: EarlyStoppingOptions,
    figures: readonly string[],
    validation: boolean,
    params: readonly Parameter[],
  ) {
    checkOptions(`${op}: earlyStopping`, options, EARLY_STOPPING_OPTIONS);
    const given = options.monitor ?? (validation ? 'val_loss' : 'loss');
    [this.monitor, this.minimize] = resolveMonitor(op, 'earlyStopping', given, options.mode, figures, ['min', 'max']);
    this.patience = checkInteger(op, 'earlyStopping.patience', options.patience ?? 0, 0);
    this.minDelta = checkPositive(op, 'earlyStopping.minDelta', options.minDelta ?? 0, true);
    this.params = params;
    this.best = checkBoolean(op, 'earlyStopping.restoreBestWeights', options.restoreBestWeights ?? false)
      ? params.map((p) => p.value.data.slice())
      : null;
    this.bestValue = this.minimize ? Infinity : -Infinity;
  }

  /**
   * Takes one epoch's figures.
   * @returns whether training should stop: `patience` epochs have passed without improvement.
   */
  update(logs: EpochLogs): boolean {
    const value = logs[this.monitor];
    const improved = this.minimize ? value < this.bestValue - this.minDelta : value > this.bestValue + this.minDelta;
    if (!improved) return ++this.wait > this.patience;
    this.bestValue = value;
    this.bestEpoch = logs.epoch;
    this.wait = 0;
    const best = this.best;
    if (best !== null) this.params.forEach((p, i) => best[i].set(p.value.data));
    return false;
  }

  /**
   * With `restoreBestWeights`, puts the best epoch's weights back — or, when no epoch gave a finite
   * figure to compare (the loss was `NaN` from the first epoch), the weights from before training.
   */
  restore(): void {
    const best = this.best;
    if (best !== null) this.params.forEach((p, i) => p.value.data.set(best[i]));
  }
}
