import { Matrix } from './matrix.js';

/**
 * A reusable work buffer that remembers the last two shapes it was asked for, so alternating batch
 * sizes (a full mini-batch, then the smaller last one) never reallocate in the steady state.
 *
 * @internal
 */
export class Scratch {
  private current: Matrix | null = null;
  private previous: Matrix | null = null;

  /** A `(rows, cols)` matrix; contents are whatever was last written. */
  get(rows: number, cols: number): Matrix {
    const c = this.current;
    if (c !== null && c.rows === rows && c.cols === cols) return c;
    const p = this.previous;
    this.previous = c;
    if (p !== null && p.rows === rows && p.cols === cols) {
      this.current = p;
      return p;
    }
    return (this.current = new Matrix(rows, cols));
  }
}
