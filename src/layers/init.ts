/**
 * Weight initialisers for `Dense`.
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';
import { Random } from '../random.js';

/**
 * How `Dense` initialises its weights `W` (biases always start at zero).
 *
 * - `'zeros'`: all zeros (the course's logistic-regression start; breaks symmetry poorly in hidden layers).
 * - `'small'`: the course's `randn·0.01`.
 * - `'xavier'`: Glorot/Xavier uniform, `U(−√(6/(n_in+n_out)), +√(6/(n_in+n_out)))` — for tanh/sigmoid.
 * - `'he'`: He/Kaiming normal, `N(0, 2/n_in)` — for ReLU-family activations.
 * - `'lecun'`: LeCun normal, `N(0, 1/n_in)` — for SELU.
 */
export type Initializer = 'zeros' | 'small' | 'xavier' | 'he' | 'lecun';

/** The initialisers {@link Dense} accepts. @internal */
export const INITIALIZERS: readonly Initializer[] = ['zeros', 'small', 'xavier', 'he', 'lecun'];

let shared: Random | null = null;

/**
 * The generator layers draw from when given no `seed`: created on first use with seed 0, so a fresh
 * process is still deterministic. Pass `seed` to a layer for reproducibility that does not depend on
 * construction order. @internal
 */
export function sharedRandom(): Random {
  return (shared ??= new Random(0));
}

/** Fills `W` (shape `(n_out, n_in)`) in place. @internal */
export function initialize(W: Matrix, init: Initializer, random: Random): void {
  const d = W.data;
  const nOut = W.rows,
    nIn = W.cols;
  if (init === 'zeros') d.fill(0);
  else if (init === 'xavier') {
    const limit = Math.sqrt(6 / (nIn + nOut));
    for (let i = 0; i < d.length; i++) d[i] = random.uniform(-limit, limit);
  } else {
    // the seed's randn·0.01, He's N(0, 2/n_in) or LeCun's N(0, 1/n_in): one normal draw times the std
    const std = init === 'small' ? 0.01 : Math.sqrt((init === 'he' ? 2 : 1) / nIn);
    for (let i = 0; i < d.length; i++) d[i] = random.normal() * std;
  }
}
