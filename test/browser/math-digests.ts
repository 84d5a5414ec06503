/**
 * Digests of bottomup's own transcendental functions (src/math/) over seeded arguments, bundled
 * into a page by browser.test.ts so Chromium and Node can be compared bit for bit. Also counts how
 * often the engine's own Math.* disagrees, which is what these functions exist to avoid.
 */
import { exp } from '../../src/math/exp.js';
import { expm1 } from '../../src/math/expm1.js';
import { log } from '../../src/math/log.js';
import { log1p } from '../../src/math/log1p.js';
import { powInt } from '../../src/math/pow.js';
import { tanh } from '../../src/math/tanh.js';
import { cos, sin } from '../../src/math/trig.js';
import { Random } from '../../src/random.js';

const VIEW = new DataView(new ArrayBuffer(8));

/** A double with random sign and mantissa and an exponent field in [e0, e1] (bits set exactly, no `**`). */
function withExponent(r: Random, e0: number, e1: number): number {
  VIEW.setUint32(0, ((r.next() < 0.5 ? 0x80000000 : 0) | ((e0 + r.int(e1 - e0 + 1)) << 20) | r.int(1 << 20)) >>> 0);
  VIEW.setUint32(4, r.nextUint32());
  return VIEW.getFloat64(0);
}

/**
 * Seeded arguments: moderate, small, below 1 down to subnormals, and large (for sin/cos, `wide`: any
 * exponent from 1 up to the top of their domain |x| < 1647100, 2^20·π/2 rounded up; NaN beyond).
 */
function args(seed: number, wide: boolean): number[] {
  const r = new Random(seed);
  const out: number[] = [];
  for (let i = 0; i < 5000; i++) {
    out.push((r.next() - 0.5) * 80, (r.next() - 0.5) * 4, withExponent(r, 0, 0x3fe));
    out.push(wide ? withExponent(r, 0x3ff, 0x413) % 1647100 : r.next() * 700);
  }
  return out;
}

/** One function's digest (two 32-bit FNV-style hashes of the results' bits) and its Math.* disagreements. */
function digest(
  f: (x: number) => number,
  ref: (x: number) => number,
  xs: readonly number[],
): { digest: string; mathDiffers: number } {
  let a = 0x811c9dc5,
    b = 0x9747b28c,
    differs = 0;
  for (const x of xs) {
    const y = f(x);
    if (!Object.is(y, ref(x))) differs++;
    VIEW.setFloat64(0, y);
    const hi = VIEW.getUint32(0),
      lo = VIEW.getUint32(4);
    a = Math.imul(Math.imul(a ^ hi, 0x01000193) ^ lo, 0x01000193);
    b = Math.imul(Math.imul(b ^ lo, 0x5bd1e995) ^ hi, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return {
    digest: (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0'),
    mathDiffers: differs / xs.length,
  };
}

/** Digests of every function; equal in two engines means the same bits for all 20 000 arguments. */
export function mathDigests(): Record<string, { digest: string; mathDiffers: number }> {
  const positive = args(3, false).map(Math.abs);
  return {
    exp: digest(exp, Math.exp, args(1, false)),
    expm1: digest(expm1, Math.expm1, args(2, false)),
    log: digest(log, Math.log, positive),
    log1p: digest(
      log1p,
      Math.log1p,
      positive.map((x, i) => (i % 2 ? x : -x / (1 + x))),
    ),
    tanh: digest(tanh, Math.tanh, args(4, false)),
    sin: digest(sin, Math.sin, args(5, true)),
    cos: digest(cos, Math.cos, args(6, true)),
    powInt: digest(
      (x) => powInt(1 - x, Math.floor(x * 1e6)),
      (x) => Math.pow(1 - x, Math.floor(x * 1e6)),
      args(7, false).map((x) => Math.abs(x) / 800),
    ),
  };
}
