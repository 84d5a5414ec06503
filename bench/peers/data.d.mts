/** Types for data.mjs (so TypeScript benches, e.g. bench/*.ts run with tsx, can import it). */

export declare function mulberry32(seed: number): () => number;
export declare function createRng(seed: number): { uniform: () => number; randn: () => number };

export interface ColumnDataSet {
  nx: number;
  ny: number;
  m: number;
  /** `(nx, m)`, row-major, one column per example. */
  X: Float64Array;
  /** `(ny, m)`, row-major. */
  Y: Float64Array;
}

/** @deprecated alias kept for bench/*.ts: {@link ColumnDataSet}. */
export type DenseData = ColumnDataSet;

export declare function planarData(options?: { seed?: number; m?: number }): ColumnDataSet;

export interface InitialWeights {
  /** `W[l]` is `(sizes[l+1], sizes[l])`, row-major. */
  W: Float64Array[];
  /** `b[l]` is `(sizes[l+1], 1)`. */
  b: Float64Array[];
}

/** @deprecated alias kept for bench/*.ts: {@link InitialWeights}. */
export type Weights = InitialWeights;

export declare function initWeights(
  sizes: number[],
  options?: { seed?: number; scale?: number | number[] },
): InitialWeights;
export declare function planarInit(): InitialWeights;
export declare function mlpInit(): InitialWeights;
export declare function deepInit(): InitialWeights;
export declare function mlpData(options?: {
  seed?: number;
  m?: number;
  nx?: number;
  classes?: number;
  noise?: number;
}): ColumnDataSet & { labels: Int32Array };
export declare function squareMatrix(n: number, seed?: number): Float64Array;
export declare function columns(X: Float64Array, rows: number, m: number): number[][];
export declare function transpose(A: Float64Array, rows: number, cols: number): Float64Array;

export declare const SETTINGS: {
  readonly planar: { readonly sizes: number[]; readonly learningRate: number; readonly steps: number };
  readonly mlp: {
    readonly sizes: number[];
    readonly learningRate: number;
    readonly batchSize: number;
    readonly m: number;
  };
  readonly matmul: { readonly sizes: number[] };
  readonly deep: {
    readonly sizes: number[];
    readonly learningRate: number;
    readonly batchSize: number;
    readonly m: number;
  };
};
