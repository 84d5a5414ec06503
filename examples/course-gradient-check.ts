// The course's gradient checking assignment (npx tsx examples/course-gradient-check.ts).
//
// gradient_check_n_test_case: np.random.seed(1), then x = randn(4, 3), y = [1, 1, 0], and every
// parameter of a 4 → 5 ReLU → 3 ReLU → 1 sigmoid network drawn from randn in the order W1, b1, W2, b2,
// W3, b3. With ε = 1e-7 the course's correct backward pass gives the relative difference
// ‖grad − approx‖₂ / (‖grad‖₂ + ‖approx‖₂) = 1.1890913024229996e-07, under its 2e-7 threshold.
// bottomup's gradientCheck computes the same quantity for the same network and the same numbers.
import { pathToFileURL } from 'node:url';
import {
  BinaryCrossEntropy,
  Dense,
  type GradientCheckResult,
  Matrix,
  NumpyRandom,
  ReLU,
  Sequential,
  Sigmoid,
  gradientCheck,
} from '../src/index.js';

/** The course's test case as a bottomup network and data, drawn from `np.random.seed(1)`. */
export function courseTestCase(): { model: Sequential; X: Matrix; Y: Matrix } {
  const rng = new NumpyRandom(1);
  const X = new Matrix(4, 3).map(() => rng.normal()); // x = np.random.randn(4, 3), row by row
  const Y = Matrix.from([[1, 1, 0]]);
  const model = new Sequential([
    new Dense(4, 5, { init: 'zeros' }),
    new ReLU(),
    new Dense(5, 3, { init: 'zeros' }),
    new ReLU(),
    new Dense(3, 1, { init: 'zeros' }),
    new Sigmoid(),
  ]);
  for (const p of model.parameters()) p.value.data.set(p.value.data.map(() => rng.normal())); // W1, b1, W2, …
  return { model, X, Y };
}

/** `gradientCheck` on the course's test case with the course's ε. */
export function courseGradientCheck(): GradientCheckResult {
  const { model, X, Y } = courseTestCase();
  return gradientCheck(model, new BinaryCrossEntropy(), X, Y, { epsilon: 1e-7 });
}

function main(): void {
  const { difference, worst, parameters } = courseGradientCheck();
  for (const p of parameters) console.log(`${p.name.padEnd(5)} difference ${p.difference.toExponential(3)}`);
  console.log(`\nworst: ${worst.name}; overall difference = ${difference} (the course: 1.1890913024229996e-07)`);
  console.log(
    difference < 2e-7
      ? 'Your backward propagation works perfectly fine!'
      : 'There is a mistake in backward propagation!',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
