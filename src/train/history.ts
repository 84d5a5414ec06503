/**
 * What `fit` reports: the figures of each epoch and batch, and the {@link History} of a run.
 *
 * @module
 */

/** The figures of one epoch, as passed to `onEpochEnd` and kept in the {@link History}. */
export interface EpochLogs {
  /** The epoch number, from 0. */
  epoch: number;
  /** Training loss: the mean of the epoch's batch losses, weighted by batch size. */
  loss: number;
  /** Training metrics, averaged over the epoch's batches like `loss`. */
  metrics: Record<string, number>;
  /** Loss on the validation data after the epoch, if any. */
  valLoss?: number;
  /** Metrics on the validation data after the epoch, if any. */
  valMetrics?: Record<string, number>;
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
  /** Training loss per epoch. */
  loss: number[];
  /** Training metrics per epoch, by name. */
  metrics: Record<string, number[]>;
  /** Validation loss per epoch (empty without validation data). */
  valLoss: number[];
  /** Validation metrics per epoch, by name (empty without validation data). */
  valMetrics: Record<string, number[]>;
  /** Why training ended. */
  stopReason: StopReason;
  /** With early stopping: the epoch with the best monitored figure. */
  bestEpoch?: number;
}

/** Builds a {@link History} one epoch at a time. @internal */
export class HistoryRecorder {
  /** The history so far (returned by `fit` as is). */
  readonly history: History;
  private readonly names: readonly string[];

  /**
   * @param names - the metrics' names.
   * @param validation - whether there is validation data.
   */
  constructor(names: readonly string[], validation: boolean) {
    this.names = names;
    const series = (): Record<string, number[]> => Object.fromEntries(names.map((n) => [n, []]));
    this.history = {
      epochs: [],
      loss: [],
      metrics: series(),
      valLoss: [],
      valMetrics: validation ? series() : {},
      stopReason: 'completed',
    };
  }

  /** Appends one epoch's figures to every series. */
  record(logs: EpochLogs): void {
    const h = this.history;
    h.epochs.push(logs);
    h.loss.push(logs.loss);
    for (const name of this.names) h.metrics[name].push(logs.metrics[name]);
    if (logs.valLoss !== undefined && logs.valMetrics !== undefined) {
      h.valLoss.push(logs.valLoss);
      for (const name of this.names) h.valMetrics[name].push(logs.valMetrics[name]);
    }
  }
}
