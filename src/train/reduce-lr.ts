/**
 * Learning rate on a plateau: watch one figure per epoch, multiply the optimizer's learning rate by a
 * factor when it stops improving (Keras's `ReduceLROnPlateau`).
 *
 * @module
 */
import { fmtValue } from '../errors.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { checkInteger, checkNumber, checkOptions, checkPositive } from '../validate/values.js';
import { resolveMonitor } from './early-stopping.js';
import type { EpochLogs } from './history.js';

/** When and how to lower the learning rate (Keras's `ReduceLROnPlateau`, with its defaults). */
export interface ReduceLROnPlateauOptions {
  /**
   * The figure to watch, named as in the epoch logs: `'val_loss'` (the default; it needs validation
   * data), `'loss'`, a metric or a validation metric, or a metric's alias. A figure the run does not
   * report is refused before training.
   */
  monitor?: string;
  /** What the learning rate is multiplied by, in `(0, 1)`; default `0.1`. */
  factor?: number;
  /** Epochs without improvement before the learning rate is lowered; default `10`. */
  patience?: number;
  /**
   * The smallest change that counts as an improvement on the best figure so far ('min':
   * `current < best - minDelta`); default `1e-4`.
   */
  minDelta?: number;
  /**
   * Whether lower (`'min'`) or higher (`'max'`) is better; `'auto'` (the default): `'min'` for losses
   * and errors, `'max'` otherwise (as `earlyStopping` decides).
   */
  mode?: 'min' | 'max' | 'auto';
  /** Epochs after a reduction during which the figure is not watched for want of improvement; default `0`. */
  cooldown?: number;
  /** The learning rate is never lowered below this, `>= 0`; default `0`. */
  minLr?: number;
}

const OPTIONS = ['monitor', 'factor', 'patience', 'minDelta', 'mode', 'cooldown', 'minLr'];

/**
 * The plateau policy of {@link fit}: {@link ReduceLROnPlateau.update} after each epoch may lower the
 * optimizer's learning rate, exactly as Keras's callback does at an epoch's end. @internal
 */
export class ReduceLROnPlateau {
  private readonly optimizer: Optimizer;
  private readonly monitor: string;
  private readonly minimize: boolean;
  private readonly factor: number;
  private readonly patience: number;
  private readonly minDelta: number;
  private readonly cooldown: number;
  private readonly minLr: number;
  private best: number;
  private wait = 0;
  private cooldownCounter = 0;

  /**
   * Checks the options; nothing about the optimizer changes.
   * @param op - the calling operation, for messages.
   * @param options - the user's options.
   * @param figures - the figures the epoch logs will carry.
   * @param optimizer - the optimizer whose learning rate is lowered.
   */
  constructor(op: string, options: ReduceLROnPlateauOptions, figures: readonly string[], optimizer: Optimizer) {
    const name = 'reduceLROnPlateau';
    checkOptions(`${op}: ${name}`, options, OPTIONS);
    [this.monitor, this.minimize] = resolveMonitor(op, name, options.monitor ?? 'val_loss', options.mode, figures, [
      'min',
      'max',
      'auto',
    ]);
    const factor = checkNumber(op, `${name}.factor`, options.factor ?? 0.1);
    if (!(factor > 0 && factor < 1))
      throw new RangeError(`${op}: expected ${name}.factor in (0, 1), got ${fmtValue(factor)}`);
    this.factor = factor;
    this.patience = checkInteger(op, `${name}.patience`, options.patience ?? 10, 0);
    this.minDelta = checkPositive(op, `${name}.minDelta`, options.minDelta ?? 1e-4, true);
    this.cooldown = checkInteger(op, `${name}.cooldown`, options.cooldown ?? 0, 0);
    this.minLr = checkPositive(op, `${name}.minLr`, options.minLr ?? 0, true);
    this.optimizer = optimizer;
    this.best = this.minimize ? Infinity : -Infinity;
  }

  /** Takes one epoch's figures; lowers the learning rate after `patience` epochs without improvement. */
  update(logs: EpochLogs): void {
    const current = logs[this.monitor];
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    if (this.minimize ? current < this.best - this.minDelta : current > this.best + this.minDelta) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter === 0 && ++this.wait >= this.patience) {
      const lr = this.optimizer.learningRate;
      const next = Math.max(lr * this.factor, this.minLr);
      // (a learning rate lowered so often it underflows to 0 stays where it is)
      if (lr > this.minLr && next > 0) {
        this.optimizer.learningRate = next;
        this.cooldownCounter = this.cooldown;
        this.wait = 0;
      }
    }
  }
}
