// Types for data.mjs, so the TypeScript benchmarks can share the peers' data generators.
export interface DenseData { nx: number; ny: number; m: number; X: Float64Array; Y: Float64Array }
export interface Weights { W: Float64Array[]; b: Float64Array[] }
export function planarData(options?: { seed?: number; m?: number }): DenseData;
export function planarInit(): Weights;
export function mlpInit(): Weights;
export function mlpData(options?: { seed?: number; m?: number; nx?: number; classes?: number; noise?: number }): DenseData & { labels: Int32Array };
export function squareMatrix(n: number, seed?: number): Float64Array;
