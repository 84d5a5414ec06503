/**
 * The progress line of `fit`: the exact text of `formatProgress`, and what `fit` writes through the
 * `write` option — `\r` redraws and one closing newline on a TTY (however training ends), one line
 * per epoch otherwise. Nothing is written to the real stdout.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sigmoid, Tanh } from '../../src/activations/index.js';
import { Dense } from '../../src/layers/dense.js';
import { BinaryCrossEntropy } from '../../src/losses/index.js';
import { SGD } from '../../src/optimizers/index.js';
import { Sequential } from '../../src/model/sequential.js';
import type { EpochLogs, FitOptions, History } from '../../src/train/index.js';
import { formatProgress } from '../../src/train/progress.js';
import { moons } from '../../src/data/datasets.js';
import { fit } from '../../src/train/index.js';

describe('formatProgress', () => {
  it('a middle epoch: padded counter, bar with its head, figures to 4 decimals, ETA', () => {
    // Epoch 3 of 10 after 3 s: 1 s per epoch, 7 to go; the bar is 3/10 full.
    expect(formatProgress({ epoch: 2, loss: 0.23456, accuracy: 0.91 }, 10, 3000, 10)).toBe(
      'Epoch  3/10 [==>       ] loss 0.2346 accuracy 0.9100 ETA 7.0s',
    );
  });

  it('the first epoch of many shows only the head of the bar', () => {
    expect(formatProgress({ epoch: 0, loss: 0.69314 }, 100, 250, 10)).toBe(
      'Epoch   1/100 [>         ] loss 0.6931 ETA 24.8s',
    );
  });

  it('the last epoch: a full bar and the total time instead of an ETA', () => {
    expect(formatProgress({ epoch: 9, loss: 0.1 }, 10, 12_345, 10)).toBe(
      'Epoch 10/10 [==========] loss 0.1000 12.3s total',
    );
  });

  it('validation figures follow the training ones, named as in the logs: val_loss, then val_<metric>', () => {
    const logs: EpochLogs = {
      epoch: 4,
      loss: 0.5,
      accuracy: 0.8,
      f1: 0.75,
      val_loss: 0.61234,
      val_accuracy: 0.7,
      val_f1: 0.66666,
    };
    expect(formatProgress(logs, 5, 125_400, 8)).toBe(
      'Epoch 5/5 [========] loss 0.5000 accuracy 0.8000 f1 0.7500 val_loss 0.6123 val_accuracy 0.7000 val_f1 ' +
        '0.6667 2m05s total',
    );
  });

  it('times of a minute or more read as minutes and seconds, rounded once', () => {
    const at = (elapsedMs: number) => formatProgress({ epoch: 0, loss: 1 }, 2, elapsedMs, 4);
    expect(at(62_700)).toBe('Epoch 1/2 [=>  ] loss 1.0000 ETA 1m03s');
    expect(at(119_600)).toBe('Epoch 1/2 [=>  ] loss 1.0000 ETA 2m00s'); // not 1m60s
    expect(at(59_960)).toBe('Epoch 1/2 [=>  ] loss 1.0000 ETA 1m00s'); // not 60.0s
    expect(at(59_940)).toBe('Epoch 1/2 [=>  ] loss 1.0000 ETA 59.9s');
    expect(formatProgress({ epoch: 1, loss: 1 }, 2, 3_725_000, 4)).toBe('Epoch 2/2 [====] loss 1.0000 62m05s total');
  });

  it('the bar has the given width whatever the fraction', () => {
    for (let epoch = 0; epoch < 7; epoch++) {
      const line = formatProgress({ epoch, loss: 0 }, 7, 1000, 13);
      const bar = /\[(.*)\]/.exec(line)![1];
      expect(bar).toHaveLength(13);
      expect(bar).toMatch(epoch === 6 ? /^=+$/ : /^=*> *$/);
    }
  });
});

describe('fit with progress', () => {
  const { X, Y } = moons({ m: 40, noise: 0.2, seed: 1 });

  function run(progress: FitOptions['progress'], extra: Partial<FitOptions> = {}): History {
    const model = new Sequential([
      new Dense(2, 3, { seed: 1 }),
      new Tanh(),
      new Dense(3, 1, { seed: 2 }),
      new Sigmoid(),
    ]);
    return fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
      epochs: 3,
      metrics: ['accuracy'],
      progress,
      ...extra,
    });
  }

  /** A line without its time figure (`ETA …` or `… total`), which depends on the clock. */
  const untimed = (line: string): string => line.replace(/ (ETA \S+|\S+ total)$/, '');

  it('TTY: one "\\r…\\x1b[K" redraw per epoch, then a single newline', () => {
    const chunks: string[] = [];
    const history = run({ tty: true, write: (t) => chunks.push(t), width: 6 });
    expect(chunks).toHaveLength(4);
    expect(chunks[3]).toBe('\n');
    chunks.slice(0, 3).forEach((chunk, e) => {
      expect(chunk.startsWith('\r')).toBe(true);
      expect(chunk.endsWith('\u001b[K')).toBe(true);
      expect(chunk).not.toContain('\n');
      const line = chunk.slice(1, -3);
      expect(untimed(line)).toBe(untimed(formatProgress(history.epochs[e], 3, 0, 6)));
    });
    expect(untimed(chunks[0].slice(1, -3))).toBe(
      `Epoch 1/3 [=>    ] loss ${history.loss[0].toFixed(4)} accuracy ${history.history.accuracy[0].toFixed(4)}`,
    );
    expect(chunks[0]).toMatch(/ ETA \d+\.\ds\u001b\[K$/);
    expect(chunks[2]).toMatch(/^\rEpoch 3\/3 \[======\] .* \d+\.\ds total\u001b\[K$/);
  });

  it('TTY: the closing newline is written when onEpochEnd stops training early', () => {
    const chunks: string[] = [];
    const history = run({ tty: true, write: (t) => chunks.push(t) }, { onEpochEnd: (logs) => logs.epoch !== 1 });
    expect(history.stopReason).toBe('callback');
    expect(chunks).toHaveLength(3);
    expect(chunks.slice(0, 2).every((c) => c.startsWith('\rEpoch ') && c.endsWith('\u001b[K'))).toBe(true);
    expect(chunks[2]).toBe('\n');
  });

  it('TTY: … and when early stopping stops it', () => {
    const chunks: string[] = [];
    const history = run(
      { tty: true, write: (t) => chunks.push(t) },
      { epochs: 10, earlyStopping: { minDelta: 100, patience: 1 } },
    );
    expect(history.stopReason).toBe('earlyStopping');
    expect(chunks).toHaveLength(4);
    expect(chunks.at(-1)).toBe('\n');
  });

  it('TTY: … and when a signal aborts it mid-epoch', () => {
    const chunks: string[] = [];
    const controller = new AbortController();
    const history = run(
      { tty: true, write: (t) => chunks.push(t) },
      {
        epochs: 5,
        batchSize: 10,
        signal: controller.signal,
        onBatchEnd: ({ epoch, batch }) => (epoch === 1 && batch === 2 ? controller.abort() : undefined),
      },
    );
    expect(history.stopReason).toBe('aborted');
    expect(chunks).toHaveLength(2); // epoch 1 was cut short and is not drawn
    expect(chunks[1]).toBe('\n');
  });

  it('TTY: … and when a callback throws (the error still propagates)', () => {
    const chunks: string[] = [];
    expect(() =>
      run(
        { tty: true, write: (t) => chunks.push(t) },
        {
          onEpochEnd: (logs) => {
            if (logs.epoch === 1) throw new Error('stop here');
          },
        },
      ),
    ).toThrow('stop here');
    expect(chunks).toHaveLength(3);
    expect(chunks[2]).toBe('\n');
  });

  it('TTY: an already-aborted signal draws nothing at all', () => {
    const chunks: string[] = [];
    run({ tty: true, write: (t) => chunks.push(t) }, { signal: AbortSignal.abort() });
    expect(chunks).toEqual([]);
  });

  it('not a TTY: one complete line per epoch, no carriage returns, nothing after the last line', () => {
    const chunks: string[] = [];
    const history = run({ tty: false, write: (t) => chunks.push(t) }, { validationData: [X, Y] });
    expect(chunks).toHaveLength(3);
    chunks.forEach((chunk, e) => {
      expect(chunk.endsWith('\n')).toBe(true);
      expect(chunk.slice(0, -1)).not.toMatch(/[\r\n\u001b]/);
      expect(untimed(chunk.slice(0, -1))).toBe(untimed(formatProgress(history.epochs[e], 3, 0, 24)));
    });
    expect(chunks[1]).toMatch(
      /^Epoch 2\/3 \[={15}> {8}\] loss \d\.\d{4} accuracy \d\.\d{4} val_loss \d\.\d{4} val_accuracy \d\.\d{4} ETA \d+\.\ds\n$/,
    );
  });

  it('not a TTY, stopped early: just the lines of the epochs run', () => {
    const chunks: string[] = [];
    run({ tty: false, write: (t) => chunks.push(t) }, { onEpochEnd: () => false });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatch(/^Epoch 1\/3 .*\n$/);
  });

  describe('defaults (stdout mocked)', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('progress: true writes to process.stdout; false or absent writes nothing', () => {
      const written: string[] = [];
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
      run(false);
      run(undefined);
      expect(written).toEqual([]);
      run(true);
      spy.mockRestore();
      const text = written.join('');
      expect(text).toContain('Epoch 1/3');
      expect(text).toContain('Epoch 3/3');
      expect(text.endsWith('\n')).toBe(true);
    });
  });
});
