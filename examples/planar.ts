// Placeholder until the network lands: multiplies two seeded random matrices.
import { Matrix } from '../src/index.js';

const W = Matrix.randn(4, 2, { scale: 0.01, random: 1 });
const X = Matrix.randn(2, 5, { random: 2 });
console.log(String(W.matmul(X)));
