export { Matrix } from './matrix.js';
export type { Shape, RandomOptions } from './matrix.js';
export type { MatrixView, NumberArray } from './view.js';
export {
  addColumnInto,
  addInto,
  addScaledInto,
  argmaxInto,
  copyInto,
  divInto,
  mapInto,
  matmulInto,
  matmulTransposeAInto,
  matmulTransposeBInto,
  mulInto,
  scaleInto,
  subInto,
  sumColumnsInto,
  sumRowsInto,
  transposeInto,
} from './ops.js';
