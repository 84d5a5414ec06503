/** Scratch: the two-shape buffer cache behind every layer's outputs and gradients. */
import { describe, expect, it } from 'vitest';
import { BATCH_WIDTHS, Scratch } from '../../src/matrix/scratch.js';

describe('Scratch', () => {
  it('returns the same matrix for the same shape, with its contents kept', () => {
    const s = new Scratch();
    const a = s.get(2, 3);
    expect(a.shape).toEqual([2, 3]);
    a.fill(7);
    expect(s.get(2, 3)).toBe(a);
    expect(a.data.every((v) => v === 7)).toBe(true);
  });

  it('remembers two shapes, so alternating sizes never reallocate', () => {
    const s = new Scratch();
    const a = s.get(2, 4),
      b = s.get(2, 1);
    expect(b).not.toBe(a);
    for (let i = 0; i < 3; i++) {
      expect(s.get(2, 4)).toBe(a);
      expect(s.get(2, 1)).toBe(b);
    }
  });

  it('a third shape evicts the least recently used one', () => {
    const s = new Scratch();
    const a = s.get(1, 1),
      b = s.get(1, 2);
    const c = s.get(1, 3);
    expect(c.shape).toEqual([1, 3]);
    expect(s.get(1, 2)).toBe(b);
    expect(s.get(1, 3)).toBe(c);
    expect(s.get(1, 1)).not.toBe(a);
  });

  it('transposed shapes are different shapes', () => {
    const s = new Scratch();
    const a = s.get(2, 3);
    expect(s.get(3, 2)).not.toBe(a);
  });
});

describe('Scratch with room for BATCH_WIDTHS shapes', () => {
  it("cycles through fit's three widths (full batch, last batch, validation) without reallocating", () => {
    const s = new Scratch(BATCH_WIDTHS);
    const full = s.get(4, 32),
      last = s.get(4, 8),
      validation = s.get(4, 100);
    for (let epoch = 0; epoch < 3; epoch++) {
      expect(s.get(4, 32)).toBe(full);
      expect(s.get(4, 32)).toBe(full);
      expect(s.get(4, 8)).toBe(last);
      expect(s.get(4, 100)).toBe(validation);
    }
  });

  it('a fourth shape evicts the least recently used one', () => {
    const s = new Scratch(3);
    const a = s.get(1, 1),
      b = s.get(1, 2),
      c = s.get(1, 3);
    s.get(1, 1); // a is now the most recent, b the least
    const d = s.get(1, 4);
    expect(s.get(1, 1)).toBe(a);
    expect(s.get(1, 3)).toBe(c);
    expect(s.get(1, 4)).toBe(d);
    expect(s.get(1, 2)).not.toBe(b);
  });
});
