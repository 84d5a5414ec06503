/**
 * Property tests (fast-check, fixed seeds): for generated networks — 1 to 3 Dense layers of 1 to 8
 * units, every activation as a hidden activation, every loss with its natural output layer, batches
 * of 1 to 16 valid examples — back-propagation agrees with central finite differences for every
 * parameter and for the input, checked two ways:
 *
 * - against an independent oracle (`oracle.ts`: a `number[][]` forward pass and losses written from
 *   their formulas, differentiated with a fourth-order central stencil), and
 * - with the public `gradientCheck(…, { input: true })`, which is itself checked against the oracle
 *   on deliberately wrong gradients (its reported difference must equal the oracle's).
 *
 * Kinks: ReLU and LeakyReLU (and SELU, and ELU with α ≠ 1) have a jump in the first derivative at 0,
 * MAE at ŷ = y, Huber a jump in the second derivative at |ŷ − y| = δ. A finite difference across a
 * kink does not approximate the derivative, so examples are resampled until every kinked activation
 * input is at least `MARGIN` from 0, MAE/Huber targets are placed at least `MARGIN` from their kinks,
 * and the oracle throws if any of its steps crosses a kink anyway (so the margin is verified, not hoped
 * for). With that, MAE stays in the suite: away from ŷ = y it is smooth (piecewise linear).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ELU,
  GELU,
  Identity,
  LeakyReLU,
  ReLU,
  SELU,
  SiLU,
  Sigmoid,
  Softmax,
  Softplus,
  Tanh,
} from '../../src/activations/index.js';
import { Dense } from '../../src/layers/dense.js';
import type { Layer } from '../../src/layers/layer.js';
import {
  BinaryCrossEntropy,
  CategoricalCrossEntropy,
  Huber,
  type Loss,
  MeanAbsoluteError,
  MeanSquaredError,
} from '../../src/losses/index.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { type CheckableModel, gradientCheck } from '../../src/model/gradient-check.js';
import { Sequential } from '../../src/model/sequential.js';
import { Random } from '../../src/random.js';
import {
  type OracleLoss,
  type OracleLossName,
  fromModel,
  oracleForward,
  oracleGradients,
  oracleJ,
  relativeDifference,
  rowsOf,
} from './oracle.js';

const ACTIVATIONS = [
  'Sigmoid',
  'Tanh',
  'ReLU',
  'LeakyReLU',
  'Softmax',
  'Identity',
  'ELU',
  'SELU',
  'GELU',
  'Softplus',
  'SiLU',
] as const;
type ActivationName = (typeof ACTIVATIONS)[number];
const LOSSES: readonly OracleLossName[] = ['BCE', 'BCE-logits', 'CCE', 'CCE-logits', 'MSE', 'MAE', 'Huber'];

/** The bound every relative difference must stay below (the course's threshold). */
const TOLERANCE = 1e-7;
/** Distance every kinked activation input and MAE/Huber residual keeps from its kink. */
const MARGIN = 0.05;
/** The oracle's stencil step (fourth order: truncation ~h⁴, rounding ~1e-16/h). */
const ORACLE_H = 1e-4;
/** `gradientCheck`'s two-point step (truncation ~ε², rounding ~1e-16/ε: 1e-5 balances the two). */
const CHECK_EPSILON = 1e-5;
/** A block whose gradient norm is below this fraction of ‖∇J‖ is "negligible" (see `blockOk`). */
const NEGLIGIBLE = 1e-3;

// The worst differences seen over the whole run, printed at the end.
const worst = {
  /** The course's overall difference (all blocks together), backprop vs the oracle. */
  oracleOverall: 0,
  /** The same for gradientCheck's reported `difference`. */
  checkOverall: 0,
  /** Per block (parameter or X), over blocks whose gradient is not negligible (see `blockOk`). */
  oracleBlock: 0,
  oracleBlockWhere: '',
  checkBlock: 0,
  checkBlockWhere: '',
  /** Blocks with a negligible gradient (checked in absolute terms), and their largest error / ‖∇J‖. */
  tinyBlocks: 0,
  tinyBlockError: 0,
  /** |gradientCheck's difference − the oracle's| on deliberately wrong gradients. */
  crossCheck: 0,
  cases: 0,
};

afterAll(() => {
  const e = (v: number): string => v.toExponential(2);
  console.log(
    [
      `gradient property tests: ${worst.cases} networks`,
      `worst overall relative difference: backprop vs oracle ${e(worst.oracleOverall)}, gradientCheck ` +
        `${e(worst.checkOverall)}`,
      `worst per-block relative difference: backprop vs oracle ${e(worst.oracleBlock)} (${worst.oracleBlockWhere})`,
      `                                     gradientCheck ${e(worst.checkBlock)} (${worst.checkBlockWhere})`,
      `blocks with a negligible gradient: ${worst.tinyBlocks}, largest error ${e(worst.tinyBlockError)} × ‖∇J‖`,
      `worst |gradientCheck − oracle| on wrong gradients: ${e(worst.crossCheck)}`,
    ].join('\n'),
  );
});

/**
 * Whether one block (a parameter, or X) agrees. The relative difference of a block whose gradient is
 * (nearly) zero — a dead ReLU row, MAE residuals of opposite signs cancelling in a bias — measures only
 * finite-difference rounding noise (~1e-12 against 0 gives 1), so such a block, and only such a
 * block, is held instead to an error below TOLERANCE × ‖∇J‖ (the whole gradient's norm), i.e. it must
 * not move the course's overall difference. Blocks are "negligible" below NEGLIGIBLE × ‖∇J‖.
 */
function blockOk(
  rel: number,
  gradNorm: number,
  error: number,
  total: number,
  where: string,
  kind: 'oracle' | 'check',
): boolean {
  if (gradNorm >= NEGLIGIBLE * total) {
    if (kind === 'oracle' && rel > worst.oracleBlock) [worst.oracleBlock, worst.oracleBlockWhere] = [rel, where];
    if (kind === 'check' && rel > worst.checkBlock) [worst.checkBlock, worst.checkBlockWhere] = [rel, where];
    return rel < TOLERANCE;
  }
  worst.tinyBlocks++;
  worst.tinyBlockError = Math.max(worst.tinyBlockError, error / total);
  return rel < TOLERANCE || error < TOLERANCE * total;
}

const norm = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

function makeActivation(name: ActivationName, rng: Random): Layer {
  switch (name) {
    case 'Sigmoid':
      return new Sigmoid();
    case 'Tanh':
      return new Tanh();
    case 'ReLU':
      return new ReLU();
    case 'LeakyReLU':
      return new LeakyReLU({ alpha: rng.next() < 0.5 ? 0.01 : 0.2 });
    case 'Softmax':
      return new Softmax();
    case 'Identity':
      return new Identity();
    case 'ELU':
      return new ELU({ alpha: rng.next() < 0.5 ? 1 : 0.5 });
    case 'SELU':
      return new SELU();
    case 'GELU':
      return new GELU();
    case 'Softplus':
      return new Softplus();
    case 'SiLU':
      return new SiLU();
  }
}

/** The loss and its natural output layer. */
function makeLoss(name: OracleLossName, delta: number): { loss: Loss; output: Layer } {
  switch (name) {
    case 'BCE':
      return { loss: new BinaryCrossEntropy(), output: new Sigmoid() };
    case 'BCE-logits':
      return { loss: new BinaryCrossEntropy({ fromLogits: true }), output: new Identity() };
    case 'CCE':
      return { loss: new CategoricalCrossEntropy(), output: new Softmax() };
    case 'CCE-logits':
      return { loss: new CategoricalCrossEntropy({ fromLogits: true }), output: new Identity() };
    case 'MSE':
      return { loss: new MeanSquaredError(), output: new Identity() };
    case 'MAE':
      return { loss: new MeanAbsoluteError(), output: new Identity() };
    case 'Huber':
      return { loss: new Huber({ delta }), output: new Identity() };
  }
}

interface Case {
  seed: number;
  nDense: number;
  nx: number;
  hidden: { size: number; activation: ActivationName }[];
  ny: number;
  loss: OracleLossName;
  m: number;
  init: 'xavier' | 'he' | 'lecun';
}

const activationArb = fc.constantFrom(...ACTIVATIONS);

function caseArb(fixed: { activation?: ActivationName; loss?: OracleLossName }): fc.Arbitrary<Case> {
  return fc.record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    nDense: fixed.activation === undefined ? fc.integer({ min: 1, max: 3 }) : fc.integer({ min: 2, max: 3 }),
    nx: fc.integer({ min: 1, max: 8 }),
    hidden: fc.tuple(
      fc.record({
        size: fc.integer({ min: 1, max: 8 }),
        activation: fixed.activation === undefined ? activationArb : fc.constant(fixed.activation),
      }),
      fc.record({ size: fc.integer({ min: 1, max: 8 }), activation: activationArb }),
    ),
    ny: fc.integer({ min: 1, max: 8 }),
    loss: fixed.loss === undefined ? fc.constantFrom(...LOSSES) : fc.constant(fixed.loss),
    m: fc.integer({ min: 1, max: 16 }),
    init: fc.constantFrom('xavier' as const, 'he' as const, 'lecun' as const),
  });
}

interface Built {
  model: Sequential;
  loss: Loss;
  spec: OracleLoss;
  X: Matrix;
  Y: Matrix;
  label: string;
}

function build(c: Case): Built {
  const rng = new Random(c.seed);
  const delta = [0.5, 1, 2][rng.int(3)];
  const { loss, output } = makeLoss(c.loss, delta);
  // Categorical losses need at least two classes to be meaningful.
  const ny = c.loss.startsWith('CCE') ? Math.max(2, c.ny) : c.ny;
  const sizes = [c.nx, ...c.hidden.slice(0, c.nDense - 1).map((h) => h.size), ny];
  const layers: Layer[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const dense = new Dense(sizes[l - 1], sizes[l], { init: c.init, seed: rng });
    // Non-zero biases, so their gradients are exercised away from the symmetric start.
    dense.bias!.value.data.forEach((_, i, b) => (b[i] = rng.uniform(-0.5, 0.5)));
    layers.push(dense);
    layers.push(l < sizes.length - 1 ? makeActivation(c.hidden[l - 1].activation, rng) : output);
  }
  const model = new Sequential(layers);
  const oracleLayers = fromModel(model);

  // Inputs: resample each example until every kinked activation input is at least MARGIN from 0.
  const X = new Matrix(c.nx, c.m);
  for (let j = 0; j < c.m; j++) {
    for (let attempt = 0; ; attempt++) {
      if (attempt === 1000) throw new Error('could not place an example away from the kinks');
      const column = Array.from({ length: c.nx }, () => [rng.uniform(-1.5, 1.5)]);
      if (oracleForward(oracleLayers, column).margin[0] >= MARGIN) {
        column.forEach(([v], i) => X.set(i, j, v));
        break;
      }
    }
  }

  const P = oracleForward(oracleLayers, rowsOf(X)).out;
  const Y = new Matrix(ny, c.m);
  for (let j = 0; j < c.m; j++) {
    if (c.loss === 'CCE' || c.loss === 'CCE-logits') {
      if (rng.next() < 0.5) {
        Y.set(rng.int(ny), j, 1);
      } else {
        const w = Array.from({ length: ny }, () => rng.next() + 0.01);
        const total = w.reduce((a, b) => a + b, 0);
        w.forEach((v, i) => Y.set(i, j, v / total));
      }
      continue;
    }
    for (let i = 0; i < ny; i++) {
      let y: number;
      switch (c.loss) {
        case 'BCE':
        case 'BCE-logits':
          y = rng.next() < 0.5 ? rng.int(2) : rng.next(); // hard and soft labels
          break;
        case 'MSE':
          y = rng.normal();
          break;
        case 'MAE': {
          // |ŷ − y| >= MARGIN.
          const d = rng.uniform(MARGIN, 2);
          y = P[i][j] + (rng.next() < 0.5 ? d : -d);
          break;
        }
        default: {
          // Huber: | |ŷ − y| − δ | >= MARGIN, on both the quadratic and the linear side.
          const d = rng.next() < 0.5 ? rng.uniform(0, delta - MARGIN) : rng.uniform(delta + MARGIN, delta + 2);
          y = P[i][j] + (rng.next() < 0.5 ? d : -d);
        }
      }
      Y.set(i, j, y);
    }
  }
  const label = `${sizes.join('→')} ${model.layers.map(String).join(' ')} ${c.loss} m=${c.m}`;
  return { model, loss, spec: { name: c.loss, delta }, X, Y, label };
}

function snapshot(model: Sequential, X: Matrix): Float64Array[] {
  return [...model.parameters().flatMap((p) => [p.value.data.slice(), p.grad.data.slice()]), X.data.slice()];
}

function check(c: Case): void {
  worst.cases++;
  const { model, loss, spec, X, Y, label } = build(c);
  const layers = fromModel(model);

  // The library's forward and cost equal the oracle's.
  const J = loss.forward(model.forward(X), Y);
  const Jo = oracleJ(layers, spec, rowsOf(X), rowsOf(Y)).J;
  expect(Math.abs(J - Jo)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(J)));

  // Back-propagation against the oracle's finite differences.
  model.zeroGrad();
  const dX = model.backward(loss.backward()).clone();
  const analytic = [
    ...model.parameters().map((p) => ({ name: p.name, g: p.grad.data.slice() })),
    { name: 'X', g: dX.data },
  ];
  const oracle = oracleGradients(layers, spec, rowsOf(X), rowsOf(Y), ORACLE_H);
  expect(oracle.map((o) => o.name)).toEqual(analytic.map((a) => a.name));
  const all = (blocks: ArrayLike<number>[]): number[] => blocks.flatMap((b) => Array.from(b));
  const gradAll = all(analytic.map((a) => a.g));
  const total = norm(gradAll);
  const overall = relativeDifference(gradAll, all(oracle.map((o) => o.approx)));
  worst.oracleOverall = Math.max(worst.oracleOverall, overall);
  expect(overall, `overall of ${label}`).toBeLessThan(TOLERANCE);
  analytic.forEach((a, k) => {
    const rel = relativeDifference(a.g, oracle[k].approx);
    const error = norm(a.g.map((v, i) => v - oracle[k].approx[i]));
    const where = `${a.name} of ${label}`;
    expect(blockOk(rel, norm(a.g), error, total, where, 'oracle'), `${where}: ${rel}`).toBe(true);
  });

  // The public gradientCheck: every entry, the overall difference, the worst entry; nothing changed.
  const before = snapshot(model, X);
  const gc = gradientCheck(model, loss, X, Y, { epsilon: CHECK_EPSILON, input: true });
  expect(snapshot(model, X)).toEqual(before);
  expect(gc.parameters.map((e) => e.name)).toEqual(analytic.map((a) => a.name));
  gc.parameters.forEach((e, k) => {
    const where = `gradientCheck ${e.name} of ${label}`;
    // ‖g − approx‖₂ <= √n · maxAbsError.
    const error = Math.sqrt(analytic[k].g.length) * e.maxAbsError;
    expect(blockOk(e.difference, norm(analytic[k].g), error, total, where, 'check'), `${where}: ${e.difference}`).toBe(
      true,
    );
  });
  worst.checkOverall = Math.max(worst.checkOverall, gc.difference);
  expect(gc.difference).toBeLessThan(TOLERANCE);
  expect(gc.worst.difference).toBe(Math.max(...gc.parameters.map((e) => e.difference)));

  // gradientCheck against the oracle on a deliberately wrong gradient: scale one block by `factor`.
  // (Only blocks with a non-negligible gradient: scaling a zero gradient changes nothing.)
  const rng = new Random(c.seed ^ 0x5bd1e995);
  const candidates = analytic.map((_a, i) => i).filter((i) => norm(analytic[i].g) >= NEGLIGIBLE * total);
  const k = candidates[rng.int(candidates.length)];
  const factor = [0, 0.5, 2, -1, 1.25][rng.int(5)];
  const params = model.parameters();
  const wrong: CheckableModel = {
    forward: (input) => model.forward(input),
    backward: (dY) => {
      const g = model.backward(dY);
      const target = k < params.length ? params[k].grad.data : g.data;
      for (let i = 0; i < target.length; i++) target[i] *= factor;
      return g;
    },
    parameters: () => params,
  };
  const bad = gradientCheck(wrong, loss, X, Y, { epsilon: CHECK_EPSILON, input: true });
  const expected = relativeDifference(
    analytic[k].g.map((v) => v * factor),
    oracle[k].approx,
  );
  const cross = Math.abs(bad.parameters[k].difference - expected);
  worst.crossCheck = Math.max(worst.crossCheck, cross);
  expect(cross, `wrong ${analytic[k].name} ×${factor} of ${label}`).toBeLessThan(1e-6);
  bad.parameters.forEach((e, i) => {
    if (i !== k) expect(e.difference).toBe(gc.parameters[i].difference);
  });
  // A gradient scaled by anything but 1 is caught: its difference is |f−1|/(|f|+1) >= 1/9 here, the
  // largest among the blocks whose gradient is not negligible (a zero block's difference is noise).
  const scaled = bad.parameters[k].difference;
  expect(Math.abs(scaled - Math.abs(factor - 1) / (Math.abs(factor) + 1))).toBeLessThan(1e-6);
  for (const i of candidates) expect(bad.parameters[i].difference).toBeLessThanOrEqual(scaled);
  expect(bad.worst.difference).toBe(Math.max(...bad.parameters.map((e) => e.difference)));
}

describe('back-propagation equals central finite differences', () => {
  for (const activation of ACTIVATIONS) {
    it(`hidden ${activation}, every loss`, () => {
      fc.assert(fc.property(caseArb({ activation }), check), { seed: 1234, numRuns: 40 });
    });
  }
  for (const loss of LOSSES) {
    it(`${loss} with its output layer, 1–3 Dense layers, any hidden activations`, () => {
      fc.assert(fc.property(caseArb({ loss }), check), { seed: 4321, numRuns: 40 });
    });
  }
});
