/**
 * A dependency-free progress line for `fit`.
 *
 * @module
 */
import { checkBoolean, checkFunction, checkInteger, checkOptions } from '../validate/values.js';
import type { EpochLogs } from './history.js';

/** The widest progress bar, in characters. */
const MAX_WIDTH = 200;

/** Options of the progress line printed by {@link fit}. */
export interface ProgressOptions {
  /** Where to write; default `process.stdout.write` in Node, `console.log` elsewhere. */
  write?: (text: string) => void;
  /** Redraw one line in place (a TTY) instead of printing a line per epoch; default: whether stdout is a TTY. */
  tty?: boolean;
  /** Bar width in characters, an integer from 1 to 200; default `24`. */
  width?: number;
}

interface NodeLikeStdout {
  isTTY?: boolean;
  write(text: string): unknown;
}

function stdout(): NodeLikeStdout | undefined {
  const proc = (globalThis as { process?: { stdout?: NodeLikeStdout } }).process;
  return proc?.stdout;
}

function formatSeconds(s: number): string {
  // Round first, so 59.96 s prints as 1m00s (not 60.0s) and 119.6 s as 2m00s (not 1m60s).
  const tenths = Math.round(s * 10) / 10;
  if (tenths < 60) return `${tenths.toFixed(1)}s`;
  const total = Math.round(s);
  const minutes = Math.floor(total / 60);
  return `${minutes}m${String(total - minutes * 60).padStart(2, '0')}s`;
}

/**
 * Formats one epoch's progress: `Epoch 3/10 [=======>        ] loss 0.2345 accuracy 0.9100 ETA 2.1s`, every
 * figure of the logs under its name (`val_loss`, `val_accuracy`).
 * @internal
 */
export function formatProgress(logs: EpochLogs, epochs: number, elapsedMs: number, width: number): string {
  const done = logs.epoch + 1;
  const filled = Math.round((done / epochs) * width);
  const bar =
    done === epochs
      ? '='.repeat(width)
      : `${'='.repeat(Math.max(0, filled - 1))}>${' '.repeat(width - Math.max(1, filled))}`;
  const figures: string[] = [];
  for (const [name, value] of Object.entries(logs)) if (name !== 'epoch') figures.push(`${name} ${value.toFixed(4)}`);
  const eta = ((elapsedMs / done) * (epochs - done)) / 1000;
  const time = done === epochs ? `${formatSeconds(elapsedMs / 1000)} total` : `ETA ${formatSeconds(eta)}`;
  return `Epoch ${String(done).padStart(String(epochs).length)}/${epochs} [${bar}] ${figures.join(' ')} ${time}`;
}

/** The per-epoch reporter behind `fit`'s `progress` option. @internal */
export interface ProgressReporter {
  /** Prints (or redraws) the line for one epoch. */
  epoch(logs: EpochLogs): void;
  /** Closes a redrawn line, however training ended. */
  end(): void;
}

/** Builds the per-epoch reporter for `fit`'s `progress` option, or `null` when off. @internal */
export function progressReporter(
  op: string,
  option: boolean | ProgressOptions | undefined,
  epochs: number,
): ProgressReporter | null {
  if (option === undefined || option === false) return null;
  if (option !== true) checkOptions(`${op}: progress`, option, ['write', 'tty', 'width']);
  const opts: ProgressOptions = option === true ? {} : option;
  const out = stdout();
  const tty = checkBoolean(op, 'progress.tty', opts.tty ?? out?.isTTY === true);
  checkFunction(op, 'progress.write', opts.write);
  const write =
    opts.write ??
    (out !== undefined ? (t: string) => void out.write(t) : (t: string) => console.log(t.replace(/\n$/, '')));
  const width = checkInteger(op, 'progress.width', opts.width ?? 24, 1);
  if (width > MAX_WIDTH) throw new RangeError(`${op}: expected progress.width <= ${MAX_WIDTH}, got ${width}`);
  const started = Date.now();
  let open = false;
  return {
    epoch(logs) {
      const line = formatProgress(logs, epochs, Date.now() - started, width);
      write(tty ? `\r${line}\u001b[K` : `${line}\n`);
      open = tty;
    },
    end() {
      // Close the redrawn line, however training ended.
      if (open) write('\n');
      open = false;
    },
  };
}
