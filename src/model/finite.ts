import { fmtAt } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';

/** Throws a RangeError when `M` holds a non-finite value, naming the matrix and the first bad position. @internal */
export function requireFinite(op: string, what: string, M: Matrix): void {
  const d = M.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (v - v !== 0) {
      // v − v is NaN exactly for NaN and ±Infinity: one cheap test per element.
      throw new RangeError(`${op}: expected finite values in ${what}, got ${fmtAt(v, i, M.cols)}`);
    }
  }
}
