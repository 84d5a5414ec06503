// What a playground state means in library calls: which data set function with which options, which
// classes for the layers, the loss and the optimizer. The run (run.ts) makes these calls and the code
// generator (code.ts) writes them out, so the two cannot disagree about the recipe; test/examples
// checks that the written-out code gives the run's numbers bit for bit.
import { type PlaygroundState, testCount } from './state.js';

/** A value that prints as a TypeScript literal. */
export type Literal = number | string | boolean | readonly Literal[] | { readonly [key: string]: Literal };

/** A library call: the exported name and its options (the seed is added by the caller). */
export interface Call {
  name: string;
  options: { [key: string]: Literal };
}

/** The hidden layers' activation classes. */
export const ACTIVATION_CLASSES = {
  tanh: 'Tanh',
  relu: 'ReLU',
  'leaky-relu': 'LeakyReLU',
  sigmoid: 'Sigmoid',
  elu: 'ELU',
  silu: 'SiLU',
  gelu: 'GELU',
  linear: 'Identity',
} as const satisfies Record<PlaygroundState['activation'], string>;

/** The data set call. Blobs: two clusters at (±1, ±1) whose spread grows with the noise level. */
export function datasetCall(s: PlaygroundState): Call {
  switch (s.dataset) {
    case 'planar':
      return { name: 'planar', options: { m: s.m } };
    case 'circles':
      return { name: 'circles', options: { m: s.m, noise: s.noise, factor: 0.5 } };
    case 'blobs': {
      const std = Math.round(100 * (0.3 + 2 * s.noise)) / 100;
      return {
        name: 'blobs',
        options: {
          m: s.m,
          centers: [
            [-1, -1],
            [1, 1],
          ],
          std,
        },
      };
    }
    default:
      return { name: s.dataset, options: { m: s.m, noise: s.noise } };
  }
}

/** The train/test split: the test set's size as a count, so the code shows a plain integer. */
export function splitOptions(s: PlaygroundState): { testSize: number } {
  return { testSize: testCount(s) };
}

/** The layer sizes from input to output: `[2, …hidden, 1]` (2 outputs for softmax). */
export function layerSizes(s: PlaygroundState): number[] {
  return [2, ...s.hidden, s.output === 'softmax' ? 2 : 1];
}

/** Every Dense layer's `regularizer` option, `{ l2: λ }`, or `null` when λ is 0 (no option at all). */
export function regularizer(s: PlaygroundState): { l2: number } | null {
  return s.l2 > 0 ? { l2: s.l2 } : null;
}

/**
 * The seed of the `Dropout` after hidden layer `l` (1-based): `(seed + l) mod 2^32`. A number of its
 * own rather than the run's generator, so turning dropout on keeps the data, the split, the initial
 * weights and the shuffling of the run without it (and the saved model records the seed).
 */
export function dropoutSeed(s: PlaygroundState, l: number): number {
  return (s.seed + l) % 2 ** 32;
}

/** The output layer's activation class, or `null` for logits (the loss applies the sigmoid). */
export function outputActivation(s: PlaygroundState): string | null {
  return s.output === 'sigmoid' ? 'Sigmoid' : s.output === 'softmax' ? 'Softmax' : null;
}

export function lossCall(s: PlaygroundState): Call {
  if (s.output === 'softmax') return { name: 'CategoricalCrossEntropy', options: {} };
  return { name: 'BinaryCrossEntropy', options: s.output === 'logits' ? { fromLogits: true } : {} };
}

export function optimizerCall(s: PlaygroundState): Call {
  const learningRate = s.learningRate;
  switch (s.optimizer) {
    case 'momentum':
      return { name: 'SGD', options: { learningRate, momentum: 0.9 } };
    case 'adam':
      return { name: 'Adam', options: { learningRate } };
    case 'rmsprop':
      return { name: 'RMSprop', options: { learningRate } };
    case 'adagrad':
      return { name: 'Adagrad', options: { learningRate } };
    default:
      return { name: 'SGD', options: { learningRate } };
  }
}

/** The accuracy's options: logits are class 1 above 0, probabilities above 0.5 (the default). */
export function accuracyOptions(s: PlaygroundState): { threshold?: number } {
  return s.output === 'logits' ? { threshold: 0 } : {};
}

/** Whether an epoch is one full-batch step on the training set in order (the course's loop). */
export function fullBatch(s: PlaygroundState): boolean {
  return s.batchSize >= s.m - testCount(s);
}

/** A literal as TypeScript source: `{ m: 200, noise: 0.1 }`, `[[-1, -1], [1, 1]]`, `'xavier'`. */
export function literal(value: Literal): string {
  if (typeof value === 'string') return `'${value.replace(/[\\']/g, '\\$&')}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  const entries = Object.entries(value as { [key: string]: Literal });
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`;
}
