/**
 * Type tests for the public API (vitest typecheck: these run under `npm test` without executing).
 * They pin what users write against: Matrix return types, Sequential.backward's overloads, the
 * options that are required, the Layer and Parameter shapes, and that no export leaks `any`.
 */
import { describe, expectTypeOf, it } from 'vitest';
import * as lib from '../../src/index.js';
import {
  BinaryCrossEntropy,
  Dense,
  Matrix,
  SGD,
  Sequential,
  Sigmoid,
  Tanh,
  type FitOptions,
  type History,
  type Layer,
  type LayerJSON,
  type Loss,
  type Optimizer,
  type Parameter,
  type SequentialJSON,
  type Shape,
} from '../../src/index.js';

declare const A: Matrix;
declare const B: Matrix;

describe('Matrix', () => {
  it('construction', () => {
    expectTypeOf(Matrix.from).returns.toEqualTypeOf<Matrix>();
    expectTypeOf(Matrix.fromSamples).returns.toEqualTypeOf<Matrix>();
    expectTypeOf(Matrix.zeros).returns.toEqualTypeOf<Matrix>();
    expectTypeOf(Matrix.zeros).parameters.toEqualTypeOf<[rows: number, cols: number]>();
    expectTypeOf<ConstructorParameters<typeof Matrix>>().toEqualTypeOf<
      [rows: number, cols: number, data?: Float64Array | ArrayLike<number>]
    >();
  });

  it('storage and shape', () => {
    expectTypeOf(A.rows).toEqualTypeOf<number>();
    expectTypeOf(A.cols).toEqualTypeOf<number>();
    expectTypeOf(A.data).toEqualTypeOf<Float64Array>();
    expectTypeOf(A.shape).toEqualTypeOf<Shape>();
    expectTypeOf<Shape>().toEqualTypeOf<readonly [rows: number, cols: number]>();
    expectTypeOf(A.size).toEqualTypeOf<number>();
    expectTypeOf(A.toArray()).toEqualTypeOf<number[][]>();
    expectTypeOf(A.get(0, 0)).toEqualTypeOf<number>();
  });

  it('operations return a new Matrix; reductions to a number return a number', () => {
    expectTypeOf(A.matmul(B)).toEqualTypeOf<Matrix>();
    expectTypeOf(A.matmulTransposeA(B)).toEqualTypeOf<Matrix>();
    expectTypeOf(A.matmulTransposeB(B)).toEqualTypeOf<Matrix>();
    expectTypeOf(A.transpose()).toEqualTypeOf<Matrix>();
    expectTypeOf(A.T).toEqualTypeOf<Matrix>();
    expectTypeOf(A.add(B)).toEqualTypeOf<Matrix>();
    expectTypeOf(A.sub(B)).toEqualTypeOf<Matrix>();
    expectTypeOf(A.mul(B)).toEqualTypeOf<Matrix>();
    expectTypeOf(A.div(B)).toEqualTypeOf<Matrix>();
    expectTypeOf(A.scale(2)).toEqualTypeOf<Matrix>();
    expectTypeOf(A.map((v) => v)).toEqualTypeOf<Matrix>();
    expectTypeOf(A.addColumn(B)).toEqualTypeOf<Matrix>();
    expectTypeOf(A.sumColumns()).toEqualTypeOf<Matrix>();
    expectTypeOf(A.sumRows()).toEqualTypeOf<Matrix>();
    expectTypeOf(A.argmax()).toEqualTypeOf<Matrix>();
    expectTypeOf(A.clone()).toEqualTypeOf<Matrix>();
    expectTypeOf(A.sum()).toEqualTypeOf<number>();
    expectTypeOf(A.equals(B)).toEqualTypeOf<boolean>();
    expectTypeOf(A.approxEquals(B)).toEqualTypeOf<boolean>();
    // In-place mutators return the same matrix, for chaining.
    expectTypeOf(A.fill(0)).toEqualTypeOf<Matrix>();
    expectTypeOf(A.set(0, 0, 1)).toEqualTypeOf<Matrix>();
  });

  it('Into kernels take the output first and return it, typed as given', () => {
    const out = Matrix.zeros(2, 2);
    expectTypeOf(lib.matmulInto(out, A, B)).toEqualTypeOf<Matrix>();
    expectTypeOf(lib.matmulTransposeAInto(out, A, B)).toEqualTypeOf<Matrix>();
    expectTypeOf(lib.matmulTransposeBInto(out, A, B)).toEqualTypeOf<Matrix>();
    expectTypeOf(lib.addInto(out, A, B)).toEqualTypeOf<Matrix>();
    // Any row-major view will do, and comes back with its own type.
    const view = { rows: 2, cols: 2, data: new Float64Array(4), tag: 'mine' as const };
    expectTypeOf(lib.addInto(view, A, B)).toEqualTypeOf<typeof view>();
    expectTypeOf(lib.matmulInto).parameter(1).toEqualTypeOf<lib.MatrixView>();
  });
});

describe('Sequential', () => {
  const model = new Sequential([new Dense(2, 4), new Tanh(), new Dense(4, 1), new Sigmoid()]);

  it('forward / predict return a Matrix', () => {
    expectTypeOf(model.forward(A)).toEqualTypeOf<Matrix>();
    expectTypeOf(model.predict(A)).toEqualTypeOf<Matrix>();
  });

  it('backward(dY) returns dX; backward(dY, false) returns null', () => {
    expectTypeOf(model.backward(A)).toEqualTypeOf<Matrix>();
    expectTypeOf(model.backward(A, false)).toEqualTypeOf<null>();
    expectTypeOf(model.backward(A, true as boolean)).toEqualTypeOf<Matrix | null>();
  });

  it('parameters, layers, serialisation', () => {
    expectTypeOf(model.parameters()).toEqualTypeOf<Parameter[]>();
    expectTypeOf(model.layers).toEqualTypeOf<readonly Layer[]>();
    expectTypeOf(model.toJSON()).toEqualTypeOf<SequentialJSON>();
    expectTypeOf(lib.loadModel).returns.toEqualTypeOf<Sequential>();
    expectTypeOf(lib.fit).returns.toEqualTypeOf<lib.History>();
    expectTypeOf(lib.evaluate).returns.toEqualTypeOf<lib.Evaluation>();
    expectTypeOf<SequentialJSON['layers']>().toEqualTypeOf<LayerJSON[]>();
  });

  it('fit requires a loss and an optimizer', () => {
    expectTypeOf(lib.fit).parameters.toEqualTypeOf<[model: lib.Model, X: Matrix, Y: Matrix, options: FitOptions]>();
    expectTypeOf(lib.fit).returns.toEqualTypeOf<History>();
    expectTypeOf<FitOptions['loss']>().toEqualTypeOf<Loss>();
    expectTypeOf<FitOptions['optimizer']>().toEqualTypeOf<Optimizer>();
    expectTypeOf<{ loss: Loss; optimizer: Optimizer }>().toExtend<FitOptions>();
    expectTypeOf<{ loss: Loss }>().not.toExtend<FitOptions>();
    expectTypeOf<{ optimizer: Optimizer }>().not.toExtend<FitOptions>();
    expectTypeOf<{ epochs: number }>().not.toExtend<FitOptions>();
    const loss = new BinaryCrossEntropy();
    const optimizer = new SGD(model.parameters(), { learningRate: 1.2 });
    expectTypeOf({ loss, optimizer, epochs: 10 }).toExtend<FitOptions>();
  });
});

describe('Layer and Parameter', () => {
  it('Parameter is { name, value, grad }', () => {
    expectTypeOf<Parameter>().toEqualTypeOf<{ name: string; readonly value: Matrix; readonly grad: Matrix }>();
  });

  it('Layer is the forward/backward/parameters contract', () => {
    expectTypeOf<Layer['forward']>().toEqualTypeOf<(input: Matrix) => Matrix>();
    expectTypeOf<Layer['backward']>().toEqualTypeOf<(gradOutput: Matrix, inputGradient?: boolean) => Matrix>();
    expectTypeOf<Layer['parameters']>().toEqualTypeOf<() => Parameter[]>();
    expectTypeOf<Layer['computeOutputSize']>().toEqualTypeOf<(inputSize: number) => number>();
    expectTypeOf<Layer['inputSize']>().toEqualTypeOf<number | undefined>();
    // A Sequential is a Layer too (nesting): its toJSON() is the whole-model JSON.
    expectTypeOf<Layer['toJSON']>().toEqualTypeOf<() => LayerJSON | SequentialJSON>();
    expectTypeOf<Layer['layers']>().toEqualTypeOf<readonly Layer[] | undefined>();
    expectTypeOf<Sequential>().toExtend<Layer>();
  });

  it('Dense and the activations are Layers; Dense exposes W and b as Parameters', () => {
    expectTypeOf<Dense>().toExtend<Layer>();
    expectTypeOf<Tanh>().toExtend<Layer>();
    expectTypeOf<Sigmoid>().toExtend<Layer>();
    const dense = new Dense(2, 4);
    expectTypeOf(dense.weight).toEqualTypeOf<Parameter>();
    expectTypeOf(dense.bias).toEqualTypeOf<Parameter | null>();
  });

  it('losses and optimizers', () => {
    const loss = new BinaryCrossEntropy();
    expectTypeOf(loss.forward).returns.toEqualTypeOf<number>();
    expectTypeOf(loss.backward).returns.toEqualTypeOf<Matrix>();
    const optimizer = new SGD([], { learningRate: 0.1 });
    expectTypeOf(optimizer.step).returns.toEqualTypeOf<void>();
    expectTypeOf(optimizer.zeroGrad).returns.toEqualTypeOf<void>();
    expectTypeOf(optimizer.parameters).toEqualTypeOf<readonly Parameter[]>();
  });
});

// ---- no `any` leaks out of the public API ---------------------------------------------------------

type IsAny<T> = 0 extends 1 & T ? true : false;
type AnyIn<A extends readonly unknown[]> = true extends { [K in keyof A]: IsAny<A[K]> }[number] ? true : false;
/** `true` when a function's (last overload's) parameters or result, or a constructor's parameters, are `any`. */
type SignatureAny<F> = F extends (...args: infer P) => infer R
  ? IsAny<R> extends true
    ? true
    : AnyIn<P>
  : F extends abstract new (
        ...args: infer P
      ) => unknown
    ? AnyIn<P>
    : false;
/** The keys of `T` whose type is `any` or whose signature mentions `any`. */
type AnyMembers<T> = {
  [K in keyof T]-?: IsAny<T[K]> extends true ? K : SignatureAny<T[K]> extends true ? K : never;
}[keyof T];
type Instance<C> = C extends abstract new (...args: never) => infer I ? I : never;
type Lib = typeof lib;
/**
 * Static members inherited from the host's `Error` (e.g. @types/node's `prepareStackTrace`, which
 * mentions `any`) are the environment's, not ours.
 */
type OwnStatics<C> = C extends object ? Exclude<AnyMembers<C>, keyof ErrorConstructor> : never; // a string constant's methods are the host's
/** Exports that are `any`, whose signature is, or whose static or instance members are. */
type LeakedAny = {
  [K in keyof Lib]: IsAny<Lib[K]> extends true
    ? K
    : SignatureAny<Lib[K]> extends true
      ? K
      : [OwnStatics<Lib[K]>] extends [never]
        ? [AnyMembers<Instance<Lib[K]>>] extends [never]
          ? never
          : K
        : K;
}[keyof Lib];

describe('no any', () => {
  it('no runtime export, its signature, or its members is `any`', () => {
    expectTypeOf<LeakedAny>().toEqualTypeOf<never>();
  });

  it('the detector catches an `any`', () => {
    expectTypeOf<AnyMembers<{ a: number; b: any }>>().toEqualTypeOf<'b'>();
    expectTypeOf<AnyMembers<{ f(x: any): number }>>().toEqualTypeOf<'f'>();
    expectTypeOf<AnyMembers<{ f(): any }>>().toEqualTypeOf<'f'>();
    expectTypeOf<AnyMembers<{ f(x: number): number }>>().toEqualTypeOf<never>();
  });

  it('public option and data types have no `any` member', () => {
    expectTypeOf<AnyMembers<FitOptions>>().toEqualTypeOf<never>();
    expectTypeOf<AnyMembers<History>>().toEqualTypeOf<never>();
    expectTypeOf<AnyMembers<Layer>>().toEqualTypeOf<never>();
    expectTypeOf<AnyMembers<LayerJSON>>().toEqualTypeOf<never>();
    expectTypeOf<AnyMembers<SequentialJSON>>().toEqualTypeOf<never>();
    expectTypeOf<AnyMembers<Parameter>>().toEqualTypeOf<never>();
  });
});
