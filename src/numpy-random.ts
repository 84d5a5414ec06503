/**
 * numpy's legacy generator (`np.random.seed`, `np.random.RandomState`), draw for draw: the stream the
 * course's notebooks use for their data sets and initial weights.
 *
 * @module
 */
import { fmtValue } from './errors.js';
import { F64, HI, I32, POW2 } from './math/slot.js';
import { Random, type RandomState, checkSeedNumber } from './random.js';

/** MT19937's state size in 32-bit words. */
const N = 624;
/** MT19937's middle word offset. */
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

// ---- ln, rounded correctly: the C library's log, which numpy's polar method calls, is correctly rounded
// but for rare cases (glibc: within 0.52 ulp); the library's fdlibm ln (within 1 ulp) is not, and
// differed from it on about 3% of the polar method's draws. Here ln(1 + f) = 2·atanh(s) with
// s = f/(2 + f) is summed in double-double (about 106 bits; the series tail from s⁸ in double), so
// the result is the correctly rounded value unless ln x lies within ~2⁻²⁰ ulp of a rounding boundary.

/** `hi` and `lo` of the last double-double operation. */
let ddHi = 0,
  ddLo = 0;
/** Veltkamp's splitting constant, `2^27 + 1`. */
const SPLIT = 134217729;

/** `a·b = ddHi + ddLo` exactly (Dekker's product). */
function twoProduct(a: number, b: number): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a),
    al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b),
    bl = b - bh;
  ddHi = p;
  ddLo = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** `ddHi + ddLo = a + b` normalised, for `|a| ≥ |b|` (Fast2Sum). */
function fastTwoSum(a: number, b: number): void {
  const s = a + b;
  ddHi = s;
  ddLo = b - (s - a);
}

/** `(xh, xl)·(yh, yl)` in double-double. */
function ddMul(xh: number, xl: number, yh: number, yl: number): void {
  twoProduct(xh, yh);
  fastTwoSum(ddHi, ddLo + (xh * yl + xl * yh));
}

/** `(xh, xl) + (yh, yl)` in double-double. */
function ddAdd(xh: number, xl: number, yh: number, yl: number): void {
  const s = xh + yh,
    b = s - xh;
  const e = xh - (s - b) + (yh - b);
  fastTwoSum(s, e + xl + yl);
}

/** `1/(2k + 1)` for k = 1, 2, 3 as double-doubles: the series' leading coefficients. */
const ODD = /* @__PURE__ */ (() => {
  const c = new Float64Array(6);
  for (let k = 1; k <= 3; k++) {
    const d = 2 * k + 1,
      h = 1 / d;
    twoProduct(h, d); // h·d = 1 − r exactly
    c[2 * k - 2] = h;
    c[2 * k - 1] = (1 - ddHi - ddLo) / d;
  }
  return c;
})();
/** ln 2 as a double-double. */
const LN2_HI = 0.6931471805599453,
  LN2_LO = 2.3190468138462996e-17;

/** The correctly rounded `ln x` (see above) of a positive normal `x`. */
function lnRounded(x: number): number {
  F64[0] = x;
  const e = ((I32[HI] + 0x95f64) >> 20) - 1023; // x = 2^e·(1 + f), 1 + f in [√2/2, √2)
  const f = x * POW2[1074 - e] - 1; // exact
  const th = 2 + f,
    tl = f - (th - 2); // 2 + f exactly
  const sh = f / th;
  twoProduct(sh, th);
  const sl = (f - ddHi - ddLo - sh * tl) / th; // s = f/(2 + f) = sh + sl
  twoProduct(sh, sh);
  fastTwoSum(ddHi, ddLo + 2 * sh * sl);
  const uh = ddHi,
    ul = ddLo; // u = s²
  let ah =
      1 / 9 +
      uh *
        (1 / 11 +
          uh *
            (1 / 13 +
              uh *
                (1 / 15 +
                  uh *
                    (1 / 17 +
                      uh * (1 / 19 + uh * (1 / 21 + uh * (1 / 23 + uh * (1 / 25 + uh * (1 / 27 + uh / 29))))))))),
    al = 0;
  for (let k = 3; k >= 1; k--) {
    ddMul(uh, ul, ah, al);
    ddAdd(ODD[2 * k - 2], ODD[2 * k - 1], ddHi, ddLo);
    ah = ddHi;
    al = ddLo;
  }
  ddMul(uh, ul, ah, al);
  ddAdd(1, 0, ddHi, ddLo); // P(u) = 1 + u/3 + u²/5 + …
  ddMul(2 * sh, 2 * sl, ddHi, ddLo); // ln(1 + f) = 2s·P(s²)
  const yh = ddHi,
    yl = ddLo;
  twoProduct(e, LN2_HI);
  const kh = ddHi,
    kl = ddLo + e * LN2_LO;
  ddAdd(kh, kl, yh, yl);
  return ddHi;
}

/**
 * numpy's legacy `RandomState` generator: MT19937 seeded by `init_genrand`, with numpy's own ways of
 * turning its 32-bit words into doubles, normal deviates, integers and shuffles — so the same seed
 * gives the same numbers as `np.random.seed(seed)` followed by the same calls.
 *
 * @remarks
 * A drop-in {@link Random}: pass it wherever a `seed` is accepted (a `Dense` initializer, `fit`'s
 * shuffle, the data sets, `shuffleColumns`) and it is drawn from as numpy would be:
 *
 * | bottomup | numpy (`rs = np.random.RandomState(seed)`) |
 * |---|---|
 * | `next()` | `rs.random_sample()` (`rs.rand()`): `(a >> 5, b >> 6)` of two words, 53 bits |
 * | `uniform(low, high)` | `rs.uniform(low, high)` = `low + (high − low)·random_sample()` |
 * | `normal()`, `normal(mean, std)` | `rs.randn()`, `rs.normal(mean, std)` (legacy polar: `f·x2` first, `f·x1` kept) |
 * | `int(n)` | `rs.randint(n)` (a masked 32-bit word, redrawn while above `n − 1`) |
 * | `shuffle(array)` | `rs.shuffle(array)` (from the last element down, `j = random_interval(i)`) |
 * | `nextUint32()` | one raw MT19937 word |
 *
 * Arrays of draws come out in numpy's order: `rs.randn(3, 2)` is six `normal()` calls, row by row.
 * The normal deviates need `ln`, for which numpy calls the C library's `log`; NumpyRandom uses a
 * correctly rounded one of its own, which agrees with glibc's on every draw the tests compare
 * (8 000 per seed and 200 000 more), though a last-bit difference on some other draw, or with
 * another C library, cannot be ruled out.
 *
 * @example
 * ```ts
 * import { NumpyRandom } from 'bottomup';
 * // np.random.seed(1); np.random.randn()
 * new NumpyRandom(1).normal(); //=> 1.6243453636632417
 * ```
 */
export class NumpyRandom extends Random {
  /** The MT19937 words. */
  private readonly mt = new Uint32Array(N);
  /** The next word to temper; `N` means a twist is due. */
  private pos = N;
  /** The cached second deviate of the last polar pair (numpy's `gauss` with `has_gauss`), or `null`. */
  private gauss: number | null = null;

  /**
   * @param seed - an integer in `[0, 2^32 − 1]`, as `np.random.seed` takes. Defaults to `0`.
   * @throws TypeError when `seed` is not a number.
   * @throws RangeError when it is not an integer in `[0, 2^32 − 1]`.
   */
  constructor(seed = 0) {
    super(checkSeedNumber('NumpyRandom', seed));
    const mt = this.mt;
    mt[0] = seed;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1];
      mt[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
  }

  /** The next 32-bit word of MT19937, tempered (numpy's `mt19937_next32`). */
  override nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.mt[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Regenerates all 624 words. */
  private twist(): void {
    const mt = this.mt;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (mt[i] & UPPER) | (mt[i + 1] & LOWER);
      mt[i] = mt[i + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < N - 1; i++) {
      const y = (mt[i] & UPPER) | (mt[i + 1] & LOWER);
      mt[i] = mt[i + M - N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  /** `low + (high − low)·next()`, as `rs.uniform(low, high)` computes it (no folding of a rounded `high`). */
  override uniform(low = 0, high = 1): number {
    return low + (high - low) * this.next();
  }

  /**
   * A normal deviate, `mean + std·z`, with `z` from numpy's legacy polar method (`legacy_gauss`):
   * `x1, x2` uniform in `(−1, 1)` until `0 < r² = x1² + x2² < 1`, then `f = √(−2 ln r² / r²)`,
   * `f·x2` returned and `f·x1` kept for the next call.
   */
  override normal(mean = 0, std = 1): number {
    let z: number;
    if (this.gauss !== null) {
      z = this.gauss;
      this.gauss = null;
    } else {
      let x1: number, x2: number, r2: number;
      do {
        x1 = 2 * this.next() - 1;
        x2 = 2 * this.next() - 1;
        r2 = x1 * x1 + x2 * x2;
      } while (r2 >= 1 || r2 === 0);
      const f = Math.sqrt((-2 * lnRounded(r2)) / r2);
      this.gauss = f * x1;
      z = f * x2;
    }
    return mean + std * z;
  }

  /**
   * A uniform integer in `[0, n)`, as `rs.randint(n)` draws it.
   * @throws RangeError when `n` is not an integer in `[1, 2^32]`.
   */
  override int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0x100000000) {
      throw new RangeError(`NumpyRandom.int: expected an integer n in [1, 2^32], got ${fmtValue(n)}`);
    }
    return this.interval(n - 1);
  }

  /** numpy's `random_interval(max)` for `max < 2^32`: a masked word, redrawn while above `max`. */
  private interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /** Shuffles `array` in place as `rs.shuffle` does (from the last element down) and returns it. */
  override shuffle<A extends unknown[] | Int32Array | Uint32Array | Float64Array>(array: A): A {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /**
   * A copy of the state, for {@link NumpyRandom.setState} or JSON: `s` is the 624 MT19937 words then
   * the position (numpy's `get_state()[1]` and `[2]`), `spare` the cached deviate (`[4]` when `[3]` is 1).
   */
  override getState(): RandomState {
    return { s: [...this.mt, this.pos], spare: this.gauss };
  }

  /**
   * Restores a state from {@link NumpyRandom.getState}.
   * @throws TypeError when `state` is not 624 unsigned 32-bit words, a position in `[0, 624]` and a spare.
   */
  override setState(state: RandomState): this {
    const s = state?.s;
    if (
      !Array.isArray(s) ||
      s.length !== N + 1 ||
      !s.every((w, i) => Number.isInteger(w) && w >= 0 && (i < N ? w <= 0xffffffff : w <= N))
    ) {
      throw new TypeError(
        'NumpyRandom.setState: expected { s: [624 words in [0, 2^32 − 1], a position in [0, 624]], spare }, ' +
          'got a malformed state',
      );
    }
    if (state.spare !== null && typeof state.spare !== 'number') {
      throw new TypeError(`NumpyRandom.setState: expected spare to be a number or null, got ${typeof state.spare}`);
    }
    for (let i = 0; i < N; i++) this.mt[i] = s[i];
    this.pos = s[N];
    this.gauss = state.spare;
    return this;
  }
}
