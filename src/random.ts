/**
 * The one source of randomness in bottomup: a small, fast, seeded generator. The library never calls
 * the unseeded `Math` generator, so the same seed always gives bit-identical weights, shuffles and data sets.
 *
 * @module
 */
import { fmtValue } from './errors.js';
import { log } from './math/log.js';
import { cos, sin } from './math/trig.js';

/** The serialisable state of a {@link Random} generator (see {@link Random.getState}). */
export interface RandomState {
  /**
   * The state words, unsigned 32-bit: the four of xoshiro128** for a {@link Random}; for a
   * `NumpyRandom`, the 624 of MT19937 and then its position.
   */
  readonly s: readonly number[];
  /** A cached second normal deviate from the last pair, or `null`. */
  readonly spare: number | null;
}

/** splitmix32: spreads a 32-bit seed over the generator's state words. */
function splitmix32(x: number): [number, number] {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [x, z >>> 0];
}

/**
 * A seeded pseudo-random generator (xoshiro128**) with uniform, normal and integer draws.
 *
 * @remarks
 * Doubles carry 53 random bits (two 32-bit outputs), normals come from the Box–Muller transform
 * (the second deviate of each pair is cached). The state can be saved and restored exactly.
 *
 * @example
 * ```ts
 * import { Random } from 'bottomup';
 * const a = new Random(42), b = new Random(42);
 * a.next() === b.next(); //=> true
 * ```
 */
export class Random {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;

  /**
   * @param seed - an integer in `[0, 2^32 − 1]`; each gives its own stream. Defaults to `0`.
   * @throws TypeError when `seed` is not a number.
   * @throws RangeError when it is not an integer in `[0, 2^32 − 1]` (a fraction or an out-of-range
   *   seed would otherwise collide with another seed's stream).
   */
  constructor(seed = 0) {
    let x = checkSeedNumber('Random', seed);
    const s: number[] = [];
    for (let i = 0; i < 4; i++) [x, s[i]] = splitmix32(x);
    [this.s0, this.s1, this.s2, this.s3] = s;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const s0 = this.s0,
      s1 = this.s1,
      s2 = this.s2,
      s3 = this.s3;
    const t = s1 << 9;
    const r = Math.imul(s1, 5);
    const rot = (r << 7) | (r >>> 25);
    const result = Math.imul(rot, 9) >>> 0;
    let n2 = s2 ^ s0;
    let n3 = s3 ^ s1;
    const n1 = s1 ^ n2;
    const n0 = s0 ^ n3;
    n2 ^= t;
    n3 = (n3 << 11) | (n3 >>> 21);
    this.s0 = n0 | 0;
    this.s1 = n1 | 0;
    this.s2 = n2 | 0;
    this.s3 = n3 | 0;
    return result;
  }

  /** A uniform double in `[0, 1)` with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform double in `[low, high)`. */
  uniform(low = 0, high = 1): number {
    const v = low + (high - low) * this.next();
    // Rounding can land exactly on `high` (e.g. when low and high are adjacent doubles); keep the
    // interval half-open by folding that value back to `low`.
    return v === high && low !== high ? low : v;
  }

  /** A normal deviate with the given mean and standard deviation (Box–Muller). */
  normal(mean = 0, std = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * log(u));
    const angle = 2 * Math.PI * v;
    this.spare = radius * sin(angle);
    return mean + std * radius * cos(angle);
  }

  /**
   * A uniform integer in `[0, n)`.
   * @throws RangeError when `n` is not a positive integer.
   */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) {
      throw new RangeError(`Random.int: expected a positive integer n, got ${fmtValue(n)}`);
    }
    return Math.floor(this.next() * n);
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<A extends unknown[] | Int32Array | Uint32Array | Float64Array>(array: A): A {
    for (let i = array.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A copy of the generator's state, for {@link Random.setState} or JSON; words are unsigned 32-bit. */
  getState(): RandomState {
    // Canonical unsigned words, so equal states serialise identically whatever their history.
    return { s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0], spare: this.spare };
  }

  /**
   * Restores a state from {@link Random.getState}.
   * @throws TypeError when `state` is not a valid state.
   * @throws RangeError when all four words are zero (xoshiro would then return 0 forever).
   */
  setState(state: RandomState): this {
    const s = state?.s;
    if (!Array.isArray(s) || s.length !== 4 || !s.every((w) => Number.isInteger(w))) {
      throw new TypeError('Random.setState: expected { s: [4 integers], spare }, got a malformed state');
    }
    if (state.spare !== null && typeof state.spare !== 'number') {
      throw new TypeError(`Random.setState: expected spare to be a number or null, got ${typeof state.spare}`);
    }
    if ((s[0] | s[1] | s[2] | s[3]) === 0) {
      // Words count modulo 2^32 (they are stored as int32), so 2^32 is a zero word too.
      throw new RangeError(`Random.setState: expected s to have a nonzero word (mod 2^32), got [${s.join(', ')}]`);
    }
    this.s0 = s[0] | 0;
    this.s1 = s[1] | 0;
    this.s2 = s[2] | 0;
    this.s3 = s[3] | 0;
    this.spare = state.spare;
    return this;
  }
}

/** The largest seed, `2^32 − 1`. */
const MAX_SEED = 0xffffffff;

/**
 * A seed: an integer in `[0, 2^32 − 1]` (TypeError for a non-number, RangeError otherwise). @internal
 */
export function checkSeedNumber(op: string, seed: unknown): number {
  if (typeof seed !== 'number') throw new TypeError(`${op}: expected seed to be a number, got ${fmtValue(seed)}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`${op}: expected seed to be an integer in [0, 2^32 − 1], got ${fmtValue(seed)}`);
  }
  return seed;
}

/** Options of every seeded data utility. */
export interface SeedOptions {
  /**
   * A seed, or a {@link Random} generator to draw from (and advance). Defaults to seed `0`, so every
   * call is reproducible unless you pass a different seed.
   */
  seed?: number | Random;
}

/** Turns a seed or a generator (or nothing) into a generator. @internal */
export function toRandom(source: number | Random | undefined, fallbackSeed = 0): Random {
  if (source instanceof Random) return source;
  return new Random(source ?? fallbackSeed);
}
