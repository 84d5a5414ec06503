/**
 * The ONNX project's backend tests for the single ops fromONNX reads (test/fixtures/onnx-backend,
 * Apache-2.0, see its NOTICE): each model.onnx is imported, fed its input_0.pb and compared with
 * output_0.pb; the tests fromONNX refuses are listed with their exact messages, so neither count can
 * change unnoticed.
 *
 * The backend tests pass an op's weights (Gemm's B and C, MatMul's B, Add's second operand, Reshape's
 * shape) as graph inputs; exporters store them as initializers. The harness turns every graph input but
 * the first into an initializer holding its input_k.pb, which is what a model of a layer is. The first
 * input's dim 0 is the examples axis (ONNX's convention): its other dims are flattened, row-major, into
 * the features of bottomup's columns, and the output is read back the same way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Matrix } from '../../src/index.js';
import { fromONNX } from '../../src/onnx.js';
import { decodeModel, decodeTensor, encodeModel, type Tensor } from '../../src/onnx/proto.js';

const ROOT = resolve(__dirname, '../fixtures/onnx-backend');
const TESTS = readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const read = (test: string, file: string): Tensor =>
  decodeTensor(new Uint8Array(readFileSync(join(ROOT, test, 'test_data_set_0', file))), file);

/** The model with every graph input after the first bound to its test data, as an initializer. */
function bound(test: string): Uint8Array {
  const model = decodeModel(new Uint8Array(readFileSync(join(ROOT, test, 'model.onnx'))));
  const g = model.graph;
  const [first, ...rest] = g.inputs;
  g.initializers.push(...rest.map((v, k) => ({ ...read(test, `input_${k + 1}.pb`), name: v.name })));
  g.inputs = [first];
  return encodeModel(model);
}

/** A tensor `(N, …)` as bottomup's `(features, N)`: one column per example. */
function columns(t: Tensor): Matrix {
  const N = t.dims.length === 0 ? 1 : t.dims[0];
  const F = t.dims.slice(1).reduce((p, d) => p * d, 1);
  return new Matrix(N, F, t.values as number[]).transpose();
}

/** Every test fromONNX refuses, with its message. */
const REFUSED: Record<string, string> = {
  test_add:
    "fromONNX: node 0 (Add): expected the constant of one value per feature (broadcasting to [4, 5] after the examples axis), got 'y' of dims [3, 4, 5], which varies along the examples",
  test_flatten_axis0:
    'fromONNX: node 0 (Flatten): expected axis = 1 (each example stays one row), got axis = 0 of a rank-4 input',
  test_flatten_axis2:
    'fromONNX: node 0 (Flatten): expected axis = 1 (each example stays one row), got axis = 2 of a rank-4 input',
  test_flatten_axis3:
    'fromONNX: node 0 (Flatten): expected axis = 1 (each example stays one row), got axis = 3 of a rank-4 input',
  test_flatten_negative_axis1:
    'fromONNX: node 0 (Flatten): expected axis = 1 (each example stays one row), got axis = -1 of a rank-4 input',
  test_flatten_negative_axis2:
    'fromONNX: node 0 (Flatten): expected axis = 1 (each example stays one row), got axis = -2 of a rank-4 input',
  test_flatten_negative_axis4:
    'fromONNX: node 0 (Flatten): expected axis = 1 (each example stays one row), got axis = -4 of a rank-4 input',
  test_gelu_default_1:
    "fromONNX: node 0 (Gelu): expected approximate = 'tanh' (bottomup's GELU is the tanh approximation), got approximate = 'none'",
  test_gelu_default_2:
    "fromONNX: node 0 (Gelu): expected approximate = 'tanh' (bottomup's GELU is the tanh approximation), got approximate = 'none'",
  test_gemm_all_attributes: 'fromONNX: node 0 (Gemm): expected transA = 0 (one row per example), got transA = 1',
  test_gemm_default_matrix_bias:
    "fromONNX: node 0 (Gemm): expected C of one value per feature (broadcasting to [4] after the examples axis), got 'c' of dims [3, 4], which varies along the examples",
  test_gemm_transposeA: 'fromONNX: node 0 (Gemm): expected transA = 0 (one row per example), got transA = 1',
  test_matmul_1d_1d: 'fromONNX: node 0 (MatMul): expected A of shape (N, features), got [3] (flatten it first)',
  test_matmul_1d_3d: 'fromONNX: node 0 (MatMul): expected A of shape (N, features), got [4] (flatten it first)',
  test_matmul_3d: 'fromONNX: node 0 (MatMul): expected A of shape (N, features), got [2, 3, 4] (flatten it first)',
  test_matmul_4d: 'fromONNX: node 0 (MatMul): expected A of shape (N, features), got [1, 2, 3, 4] (flatten it first)',
  test_matmul_4d_1d:
    'fromONNX: node 0 (MatMul): expected A of shape (N, features), got [1, 2, 4, 3] (flatten it first)',
  test_matmul_bcast:
    'fromONNX: node 0 (MatMul): expected A of shape (N, features), got [3, 1, 3, 4] (flatten it first)',
  test_mish_expanded:
    "fromONNX: node 2 (Mul): expected 'X' read by one node (a chain of layers), got it read by node 0 (Softplus), node 2 (Mul)",
  test_mul:
    "fromONNX: node 0 (Mul): expected the constant of one value per feature (broadcasting to [4, 5] after the examples axis), got 'y' of dims [3, 4, 5], which varies along the examples",
  test_mul_example:
    "fromONNX: node 0 (Mul): expected the constant of one value per feature (broadcasting to [] after the examples axis), got 'y' of dims [3], which varies along the examples",
  test_mul_int16: "fromONNX: expected input 'x' of FLOAT or DOUBLE, got INT16",
  test_mul_int8: "fromONNX: expected input 'x' of FLOAT or DOUBLE, got INT8",
  test_mul_uint16: "fromONNX: expected input 'x' of FLOAT or DOUBLE, got UINT16",
  test_mul_uint32: "fromONNX: expected input 'x' of FLOAT or DOUBLE, got UINT32",
  test_mul_uint64: "fromONNX: expected input 'x' of FLOAT or DOUBLE, got UINT64",
  test_mul_uint8: "fromONNX: expected input 'x' of FLOAT or DOUBLE, got UINT8",
  test_reshape_allowzero_reordered:
    'fromONNX: node 0 (Reshape): expected a shape that keeps the examples axis, (N, \u2026) with 12 values per example, got shape [3, 4, 0] for [0, 3, 4]',
  test_reshape_negative_extended_dims:
    'fromONNX: node 0 (Reshape): expected a shape that keeps the examples axis, (N, \u2026) with 12 values per example, got shape [-1, 2, 3, 4] for [2, 3, 4]',
  test_reshape_one_dim:
    'fromONNX: node 0 (Reshape): expected a shape that keeps the examples axis, (N, \u2026) with 12 values per example, got shape [24] for [2, 3, 4]',
  test_reshape_reordered_all_dims:
    'fromONNX: node 0 (Reshape): expected a shape that keeps the examples axis, (N, \u2026) with 12 values per example, got shape [4, 2, 3] for [2, 3, 4]',
  test_selu: "fromONNX: node 0 (Selu): expected alpha = 1.6732631921768188 (SELU's), got alpha = 2",
  test_selu_example: "fromONNX: node 0 (Selu): expected alpha = 1.6732631921768188 (SELU's), got alpha = 2",
  test_softmax_axis_0: 'fromONNX: node 0 (Softmax): expected an input of shape (N, features), got [3, 4, 5]',
  test_softmax_axis_1: 'fromONNX: node 0 (Softmax): expected an input of shape (N, features), got [3, 4, 5]',
  test_softmax_axis_2: 'fromONNX: node 0 (Softmax): expected an input of shape (N, features), got [3, 4, 5]',
  test_softmax_default_axis: 'fromONNX: node 0 (Softmax): expected an input of shape (N, features), got [3, 4, 5]',
  test_softmax_negative_axis: 'fromONNX: node 0 (Softmax): expected an input of shape (N, features), got [3, 4, 5]',
};

/** Each passing test's worst `|actual − expected| / max(|expected|, 1e-6)`. */
const diffs: [string, number][] = [];
const results = { passed: [] as string[], refused: {} as Record<string, string> };

afterAll(() => {
  const worst = diffs.reduce((w, d) => (d[1] > w[1] ? d : w), ['', 0] as [string, number]);
  console.log(
    `[onnx-backend] ${TESTS.length} tests: ${results.passed.length} pass, ${Object.keys(results.refused).length} ` +
      `refused; worst relative difference ${worst[1].toExponential(2)} (${worst[0]})\n` +
      Object.entries(results.refused)
        .map(([t, m]) => `  ${t}: ${m}`)
        .join('\n'),
  );
});

describe('ONNX backend tests (single ops)', () => {
  it('finds the vendored tests: 77, of which fromONNX reads 39 and refuses 38', () => {
    expect(TESTS.length).toBe(77);
    expect(Object.keys(REFUSED).length).toBe(38);
    expect(Object.keys(REFUSED).filter((t) => !TESTS.includes(t))).toEqual([]);
  });

  for (const test of TESTS) {
    it(test, () => {
      let model: ReturnType<typeof fromONNX>;
      try {
        model = fromONNX(bound(test));
      } catch (error) {
        results.refused[test] = (error as Error).message;
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toBe(REFUSED[test]);
        return;
      }
      expect(REFUSED[test], `${test} is expected to be refused`).toBeUndefined();
      const input = read(test, 'input_0.pb');
      const output = read(test, 'output_0.pb');
      const got = model.predict(columns(input));
      const want = columns(output);
      expect(got.shape).toEqual(want.shape);
      let worst = 0;
      want.data.forEach((v, k) => {
        worst = Math.max(worst, Math.abs(got.data[k] - v) / Math.max(Math.abs(v), 1e-6));
      });
      diffs.push([test, worst]);
      results.passed.push(test);
      // float32 reference outputs (numpy's, with float32's own rounding), float64 arithmetic on the same inputs
      expect(worst, test).toBeLessThanOrEqual(1e-5);
    });
  }
});
