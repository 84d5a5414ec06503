/**
 * The course's data sets rebuilt from NumpyRandom, against numpy's (test/fixtures/course/generate.py):
 * `load_planar_dataset` (seed 1), `make_circles` for the initialization assignment (300 after seed 1,
 * 100 after seed 2, noise 0.05) and `make_moons` for the optimization assignment (300 after seed 3,
 * noise 0.2). The labels and the draws agree exactly; a value can differ in its last bit where the C
 * library's sin or cos rounds the other way than bottomup's, which the counts below pin.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circles, moons, planar } from '../../src/data/datasets.js';
import type { Matrix } from '../../src/matrix/matrix.js';
import { NumpyRandom } from '../../src/numpy-random.js';

interface Course {
  planar: { X: string[]; Y: number[] };
  circles: { X: string[]; Y: number[]; testX: string[]; testY: number[] };
  moons: { X: string[]; Y: number[] };
}
const course = JSON.parse(readFileSync(join(__dirname, '../fixtures/course/course.json'), 'utf8')) as Course;

const fromHex = (h: string): number => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${h}`));
  return view.getFloat64(0);
};

/** How many values differ from numpy's, and by how much at most. */
function compare(X: Matrix, want: string[]): { differ: number; worst: number } {
  expect(X.size).toBe(want.length);
  let differ = 0,
    worst = 0;
  want.forEach((h, i) => {
    const d = Math.abs(X.data[i] - fromHex(h));
    if (d > 0) differ++;
    worst = Math.max(worst, d);
  });
  return { differ, worst };
}

describe("the course's data sets from NumpyRandom", () => {
  it('planar(seed 1) is load_planar_dataset: labels exact, values to the last bit of sin/cos', () => {
    const { X, Y } = planar({ seed: new NumpyRandom(1) });
    expect(Array.from(Y.data)).toEqual(course.planar.Y);
    const { differ, worst } = compare(X, course.planar.X);
    expect(differ).toBe(60); // of 800
    expect(worst).toBeLessThanOrEqual(2 ** -50);
  });

  it('circles(m 300, noise .05, seed 1) and (m 100, seed 2) are make_circles', () => {
    const train = circles({ m: 300, noise: 0.05, seed: new NumpyRandom(1) });
    expect(Array.from(train.Y.data)).toEqual(course.circles.Y);
    const a = compare(train.X, course.circles.X);
    expect(a.differ).toBe(9); // of 600
    expect(a.worst).toBeLessThanOrEqual(2 ** -52);
    const test = circles({ m: 100, noise: 0.05, seed: new NumpyRandom(2) });
    expect(Array.from(test.Y.data)).toEqual(course.circles.testY);
    const b = compare(test.X, course.circles.testX);
    expect(b.differ).toBe(2); // of 200
    expect(b.worst).toBeLessThanOrEqual(2 ** -52);
  });

  it('moons(m 300, noise .2, seed 3) is make_moons', () => {
    const { X, Y } = moons({ m: 300, noise: 0.2, seed: new NumpyRandom(3) });
    expect(Array.from(Y.data)).toEqual(course.moons.Y);
    const { differ, worst } = compare(X, course.moons.X);
    expect(differ).toBe(14); // of 600
    expect(worst).toBeLessThanOrEqual(2 ** -53);
  });
});
