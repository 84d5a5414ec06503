/**
 * What `fit` reports: the figures of each epoch and batch, and the {@link History} of a run.
 *
 * @module
 */

/**
 * The figures of one epoch, as passed to `onEpochEnd` and kept in the {@link History}: Keras's
 * `logs`, one flat record.
 *
 * @remarks
 * The keys are the figure names used everywhere (early stopping's `monitor`, the progress line, the
 * history): `loss`, each metric under its canonical name (`accuracy`, `meanSquaredError`, … —
 * `'mse'` is recorded as `meanSquaredError`), and with validation data `val_loss` and `val_<metric>`
 * (`val_accuracy`); with `learningRateSchedule` or `reduceLROnPlateau`, `learning_rate`, the rate the
 * epoch trained with (Keras 3's name).
 */
export interface EpochLogs {
  /** The epoch number, from 0. */
  epoch: number;
  /** Training loss: the mean of the epoch's batch losses, weighted by batch size. */
  loss: number;
  /**
   * Every other figure: each training metric (averaged over the epoch's batches like `loss`), and
   * with validation data `val_loss` and `val_<metric>`, measured after the epoch.
   */
  [figure: string]: number;
}

/** The figures of one mini-batch, as passed to `onBatchEnd`. */
export interface BatchLogs {
  /** The epoch number, from 0. */
  epoch: number;
  /** The batch number within the epoch, from 0. */
  batch: number;
  /** Number of examples in the batch. */
  size: number;
  /** The batch's cost `J`. */
  loss: number;
}

/**
 * Why training ended: all epochs ran, early stopping, the signal, `onEpochEnd` returned `false`, or a
 * batch's loss was `NaN`/infinite (`stopOnNonFinite`; that epoch's logs are the last, cut short).
 */
export type StopReason = 'completed' | 'earlyStopping' | 'aborted' | 'callback' | 'nonFinite';

/** What {@link fit} returns: per-epoch figures. */
export interface History {
  /** Every epoch's logs, in order. */
  epochs: EpochLogs[];
  /** Training loss per epoch: `history.history.loss` itself (the same array), for short. */
  loss: number[];
  /**
   * Each figure per epoch, by name, as Keras's and TensorFlow.js's `history.history`: `loss`, each
   * metric (`accuracy`, …), with validation data `val_loss` and `val_<metric>` (absent without), and
   * with a learning-rate schedule or `reduceLROnPlateau`, `learning_rate`.
   */
  history: Record<string, number[]>;
  /** Why training ended. */
  stopReason: StopReason;
  /** With early stopping: the epoch with the best monitored figure. */
  bestEpoch?: number;
}

/** The figure names of a run: `loss`, the metrics, then `val_loss` and `val_<metric>`. @internal */
export function figureNames(metrics: readonly string[], validation: boolean): string[] {
  const train = ['loss', ...metrics];
  return validation ? [...train, ...train.map((n) => `val_${n}`)] : train;
}

/** Builds a {@link History} one epoch at a time. @internal */
export class HistoryRecorder {
  /** The history so far (returned by `fit` as is). */
  readonly history: History;
  private readonly names: readonly string[];

  /** @param names - the figures each epoch's logs carry ({@link figureNames}). */
  constructor(names: readonly string[]) {
    this.names = names;
    const series: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    this.history = { epochs: [], loss: series.loss, history: series, stopReason: 'completed' };
  }

  /** Appends one epoch's figures to every series (an epoch cut short has no validation figures). */
  record(logs: EpochLogs): void {
    const h = this.history;
    h.epochs.push(logs);
    for (const name of this.names) if (name in logs) h.history[name].push(logs[name]);
  }
}
