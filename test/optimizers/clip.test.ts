import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dense, type Parameter, clipGradNorm, clipGradValue } from '../../src/index.js';

/** Two parameters with the given gradients. */
function grads(a: number[], b: number[]): Parameter[] {
  const l = new Dense(a.length, 1, { init: 'zeros', useBias: false });
  const m = new Dense(b.length, 1, { init: 'zeros', useBias: false });
  l.weight.grad.data.set(a);
  m.weight.grad.data.set(b);
  return [...l.parameters(), ...m.parameters()];
}
const all = (ps: Parameter[]): number[] => ps.flatMap((p) => Array.from(p.grad.data));

describe('clipGradNorm', () => {
  it("scales by maxNorm / (norm + 1e-6) over every parameter together (PyTorch's clip_grad_norm_)", () => {
    const ps = grads([3, 4], [12]); // global norm 13
    expect(clipGradNorm(ps, 6.5)).toBe(13);
    const s = 6.5 / (13 + 1e-6);
    expect(all(ps)).toEqual([3 * s, 4 * s, 12 * s]);
    expect(Math.hypot(...all(ps))).toBeCloseTo(6.5, 6);
  });

  it('leaves gradients within the norm untouched, bit for bit', () => {
    const ps = grads([0.1, -0.2], [0.3]);
    expect(clipGradNorm(ps, 1)).toBe(Math.sqrt(0.1 * 0.1 + 0.2 * 0.2 + 0.3 * 0.3));
    expect(all(ps)).toEqual([0.1, -0.2, 0.3]);
  });

  it('the clipped norm is at most maxNorm and directions are kept (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        (g, maxNorm) => {
          const ps = grads(g, [1]);
          const before = all(ps);
          const norm = clipGradNorm(ps, maxNorm);
          const after = all(ps);
          if (Math.hypot(...after) > maxNorm * (1 + 1e-12)) return false;
          const k = norm > maxNorm ? maxNorm / (norm + 1e-6) : 1;
          return after.every((v, i) => v === before[i] * k || (k === 1 && v === before[i]));
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('a non-finite norm throws and changes nothing, or is returned with errorIfNonFinite: false', () => {
    const ps = grads([Number.NaN, 1], [2]);
    expect(() => clipGradNorm(ps, 1)).toThrow(
      new RangeError(
        'clipGradNorm: expected finite gradients, got a norm of NaN (gradients left unchanged; pass ' +
          '{ errorIfNonFinite: false } to get it back instead)',
      ),
    );
    expect(all(ps)).toEqual([Number.NaN, 1, 2]);
    expect(clipGradNorm(grads([Infinity], [1]), 1, { errorIfNonFinite: false })).toBe(Infinity);
  });

  it('bad arguments are named', () => {
    const ps = grads([1], [1]);
    expect(() => clipGradNorm(ps, 0)).toThrow(new RangeError('clipGradNorm: expected maxNorm > 0, got 0'));
    expect(() => clipGradNorm(ps, '1' as never)).toThrow(
      new TypeError('clipGradNorm: expected maxNorm to be a number, got "1"'),
    );
    expect(() => clipGradNorm({} as never, 1)).toThrow(
      new TypeError('clipGradNorm: expected an array of parameters (model.parameters()), got an object'),
    );
    expect(() => clipGradNorm(ps, 1, { nonFinite: true } as never)).toThrow(TypeError);
    expect(() => clipGradNorm([ps[0], {} as never], 1)).toThrow(
      new TypeError('clipGradNorm: expected parameters[1].grad to be a Matrix, got undefined'),
    );
    expect(() => clipGradValue([null as never], 1)).toThrow(
      new TypeError('clipGradValue: expected parameters[0].grad to be a Matrix, got undefined'),
    );
    expect(all(ps)).toEqual([1, 1]);
  });
});

describe('clipGradValue', () => {
  it("clamps each element into [−c, c] (PyTorch's clip_grad_value_); NaN stays NaN", () => {
    const ps = grads([-5, 0.25, 2, Number.NaN], [-0.5]);
    clipGradValue(ps, 1);
    expect(all(ps)).toEqual([-1, 0.25, 1, Number.NaN, -0.5]);
    expect(() => clipGradValue(ps, -1)).toThrow(new RangeError('clipGradValue: expected clipValue > 0, got -1'));
  });
});
