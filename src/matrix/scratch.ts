import { Matrix } from './matrix.js';

/**
 * How many shapes the work buffers of layers and losses keep: `fit` with a partial last batch and
 * validation data cycles through three batch widths every epoch (the full batch, the last one, the
 * validation set), and with only two remembered each epoch reallocated every buffer.
 *
 * @internal
 */
export const BATCH_WIDTHS = 3;

/**
 * A reusable work buffer that remembers the last `capacity` shapes it was asked for (two by default), so
 * batch sizes that alternate or cycle (a full mini-batch, the smaller last one, the validation set) never
 * reallocate in the steady state; a shape beyond that evicts the least recently used one.
 *
 * @internal
 */
export class Scratch {
  /** The buffers, most recently used first. */
  private readonly buffers: Matrix[] = [];
  private readonly capacity: number;

  /** @param capacity - how many shapes to remember, at least 1. */
  constructor(capacity = 2) {
    this.capacity = Math.max(1, capacity);
  }

  /** A `(rows, cols)` matrix; contents are whatever was last written. */
  get(rows: number, cols: number): Matrix {
    const b = this.buffers;
    const first = b.length > 0 ? b[0] : null;
    if (first !== null && first.rows === rows && first.cols === cols) return first;
    for (let i = 1; i < b.length; i++) {
      const c = b[i];
      if (c.rows === rows && c.cols === cols) {
        for (let k = i; k > 0; k--) b[k] = b[k - 1];
        b[0] = c;
        return c;
      }
    }
    const fresh = new Matrix(rows, cols);
    if (b.length < this.capacity) b.push(fresh);
    for (let k = b.length - 1; k > 0; k--) b[k] = b[k - 1];
    b[0] = fresh;
    return fresh;
  }
}
