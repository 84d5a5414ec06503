/**
 * `fitAsync`: `fit` without blocking the page — the same loop, yielding to the event loop between
 * mini-batches.
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';
import { checkInteger, checkPositive } from '../validate/values.js';
import type { History } from './history.js';
import { trainingLoop } from './loop.js';
import type { Model } from './model.js';
import type { FitOptions } from './plan.js';

/** Options of {@link fitAsync}: those of {@link fit}, and when to yield to the event loop. */
export interface FitAsyncOptions extends FitOptions {
  /** Yield after every `yieldEvery` mini-batches (an integer `>= 1`). */
  yieldEvery?: number;
  /**
   * Yield once this many milliseconds have passed since the last yield (checked after each
   * mini-batch; `0` yields after every batch). Default `10` when `yieldEvery` is not given, so a page
   * keeps drawing frames.
   */
  yieldAfterMs?: number;
}

interface Scheduling {
  scheduler?: { yield?: () => Promise<void> };
  setImmediate?: (callback: () => void) => unknown;
  MessageChannel?: typeof MessageChannel;
}

/**
 * A macrotask turn of the event loop, so timers, input and rendering run: `scheduler.yield()` where
 * there is one (browsers), else `setImmediate` (Node), else a `MessageChannel` message (browsers and
 * workers: no 4 ms clamp), else `setTimeout(0)`.
 */
function yieldToEventLoop(): Promise<void> {
  const g = globalThis as Scheduling;
  if (typeof g.scheduler?.yield === 'function') return g.scheduler.yield();
  return new Promise((resolve) => {
    if (typeof g.setImmediate === 'function') g.setImmediate(resolve);
    else if (typeof g.MessageChannel === 'function') {
      const channel = new g.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else setTimeout(resolve, 0);
  });
}

/**
 * {@link fit} without blocking the event loop: the same training, step for step, yielding between
 * mini-batches so timers, input and rendering run (in Node, browsers and Web Workers).
 *
 * @remarks
 * `fit` and `fitAsync` drive one loop implementation, so with the same options they give the same
 * bits: weights, optimizer state and history. Everything is validated before the first step: a bad
 * option rejects the promise and changes nothing. Aborting `signal` stops at the next batch and
 * resolves with the history so far (`stopReason: 'aborted'`), as `fit` does. Don't touch the model
 * while it trains.
 *
 * **Shape:** `X` `(n_x, m)`, `Y` `(n_y, m)`.
 *
 * @param model - the model to train ({@link Sequential}, or any {@link Model}).
 * @param X - training inputs.
 * @param Y - training targets.
 * @param options - those of {@link fit}, plus `yieldEvery` (batches) and `yieldAfterMs` (a time budget).
 * @returns a promise of the per-epoch history.
 * @throws (rejects with) what {@link fit} throws, and RangeError/TypeError for a bad `yieldEvery` or
 *   `yieldAfterMs`.
 *
 * @example
 * ```ts
 * import { BinaryCrossEntropy, Dense, SGD, Sequential, Sigmoid, fitAsync, planar } from 'bottomup';
 * const { X, Y } = planar({ seed: 1 });
 * const model = new Sequential([new Dense(2, 1, { seed: 2 }), new Sigmoid()]);
 * const history = await fitAsync(model, X, Y, {
 *   loss: new BinaryCrossEntropy(),
 *   optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
 *   epochs: 20,
 *   batchSize: 40,
 *   yieldEvery: 1,
 * });
 * history.loss.length; //=> 20
 * ```
 */
export async function fitAsync(model: Model, X: Matrix, Y: Matrix, options: FitAsyncOptions): Promise<History> {
  const op = 'fitAsync';
  const loop = trainingLoop(op, model, X, Y, options, ['yieldEvery', 'yieldAfterMs']);
  const every = options.yieldEvery === undefined ? Infinity : checkInteger(op, 'yieldEvery', options.yieldEvery, 1);
  const budget =
    options.yieldAfterMs === undefined
      ? every === Infinity
        ? 10
        : Infinity
      : checkPositive(op, 'yieldAfterMs', options.yieldAfterMs, true);
  let count = 0,
    since = performance.now();
  try {
    while (loop.step()) {
      if (++count >= every || performance.now() - since >= budget) {
        await yieldToEventLoop();
        count = 0;
        since = performance.now();
      }
    }
  } catch (error) {
    loop.fail();
    throw error;
  }
  return loop.finish();
}
