// The playground's whole state, and its URL form: `?data=moons&noise=0.1&…&seed=1`. The same URL
// gives the same run bit for bit (one seed drives the data, the split, the weights and the shuffling).
// Pure: no DOM, so Node tests can check the round trip.

/** The toy data sets the playground offers (all two-class, 2-D). */
export const DATASETS = ['circles', 'moons', 'xor', 'spiral', 'blobs', 'planar'] as const;
export type DatasetName = (typeof DATASETS)[number];

/** Hidden-layer activations: the library's class behind each name is in code.ts. */
export const ACTIVATIONS = ['tanh', 'relu', 'leaky-relu', 'sigmoid', 'elu', 'silu', 'gelu', 'linear'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/**
 * The output and its loss: one sigmoid unit with binary cross-entropy, one linear unit with
 * `BinaryCrossEntropy({ fromLogits: true })`, or two softmax units with categorical cross-entropy.
 */
export const OUTPUTS = ['sigmoid', 'logits', 'softmax'] as const;
export type OutputName = (typeof OUTPUTS)[number];

export const INITIALIZERS = ['xavier', 'he', 'lecun', 'small', 'zeros'] as const;
export type InitializerName = (typeof INITIALIZERS)[number];

/** `momentum` is SGD with momentum 0.9. */
export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop', 'adagrad'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** The learning rates offered in the menu (the URL accepts any positive number). */
export const LEARNING_RATES = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3] as const;
export const SIZES = [100, 200, 400, 800] as const;
export const MAX_LAYERS = 6;
export const MAX_UNITS = 8;
export const MAX_NOISE = 0.5;
/** The largest L2 strength λ and dropout rate the URL accepts. */
export const MAX_L2 = 100;
export const MAX_DROPOUT = 0.9;

/** Everything that defines a run. */
export interface PlaygroundState {
  dataset: DatasetName;
  /** Number of examples (even, so planar can split it into two classes). */
  m: number;
  /** Noise level in `[0, 0.5]` (for blobs: the clusters' spread; planar has its own fixed noise). */
  noise: number;
  /** Percent of the examples used for training, 10 … 90; the rest is the test set. */
  trainPercent: number;
  /** Units of each hidden layer, first to last (0 … 6 layers of 1 … 8 units). */
  hidden: number[];
  activation: ActivationName;
  output: OutputName;
  init: InitializerName;
  learningRate: number;
  /** Mini-batch size; at least the training set size means full-batch gradient descent. */
  batchSize: number;
  optimizer: OptimizerName;
  /** The L2 strength λ of every Dense layer's `regularizer: { l2: λ }`, in `[0, 100]`; 0 = off. */
  l2: number;
  /**
   * The rate of a `Dropout` after each hidden activation, in `[0, 0.9]`; 0 = off (no Dropout layer).
   * The one after hidden layer `l` (1-based) is seeded `(seed + l) mod 2^32` (see recipe.ts).
   */
  dropout: number;
  /** The seed of the one generator behind the data, the split, the weights and the shuffling. */
  seed: number;
}

export const DEFAULT_STATE: Readonly<PlaygroundState> = Object.freeze({
  dataset: 'circles',
  m: 200,
  noise: 0.1,
  trainPercent: 50,
  hidden: [4, 2],
  activation: 'tanh',
  output: 'sigmoid',
  init: 'xavier',
  learningRate: 0.03,
  batchSize: 10,
  optimizer: 'sgd',
  l2: 0,
  dropout: 0,
  seed: 1,
} satisfies PlaygroundState);

/** A fresh copy of the defaults. */
export function defaultState(): PlaygroundState {
  return { ...DEFAULT_STATE, hidden: [...DEFAULT_STATE.hidden] };
}

/** The URL's parameters beyond the state: `steps=N` trains N epochs on load, then pauses. */
export interface UrlState {
  state: PlaygroundState;
  /** Epochs to train right after loading (then pause), or `null`. */
  steps: number | null;
  /** What was in the URL but not understood (shown to the user, who may have mistyped a link). */
  ignored: string[];
}

/** The URL key of each field: short, but readable. */
const KEYS = {
  dataset: 'data',
  m: 'm',
  noise: 'noise',
  trainPercent: 'train',
  hidden: 'layers',
  activation: 'act',
  output: 'out',
  init: 'init',
  learningRate: 'lr',
  batchSize: 'batch',
  optimizer: 'opt',
  l2: 'l2',
  dropout: 'dropout',
  seed: 'seed',
} as const satisfies Record<keyof PlaygroundState, string>;

const isInt = (x: number, lo: number, hi: number): boolean => Number.isInteger(x) && x >= lo && x <= hi;

/** The number a URL value spells, or NaN (empty strings are not 0). */
const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

/** Checks every field; returns the problems (empty when the state is valid). */
export function validateState(s: PlaygroundState): string[] {
  const bad: string[] = [];
  const oneOf = <T>(list: readonly T[], v: T, name: string) => list.includes(v) || bad.push(name);
  oneOf(DATASETS, s.dataset, 'dataset');
  if (!isInt(s.m, 10, 2000) || s.m % 2 !== 0) bad.push('m');
  if (!(s.noise >= 0 && s.noise <= MAX_NOISE)) bad.push('noise');
  if (!isInt(s.trainPercent, 10, 90)) bad.push('trainPercent');
  if (!Array.isArray(s.hidden) || s.hidden.length > MAX_LAYERS || !s.hidden.every((u) => isInt(u, 1, MAX_UNITS)))
    bad.push('hidden');
  oneOf(ACTIVATIONS, s.activation, 'activation');
  oneOf(OUTPUTS, s.output, 'output');
  oneOf(INITIALIZERS, s.init, 'init');
  if (!(s.learningRate > 0 && s.learningRate <= 100)) bad.push('learningRate');
  if (!isInt(s.batchSize, 1, 2000)) bad.push('batchSize');
  oneOf(OPTIMIZERS, s.optimizer, 'optimizer');
  if (!(s.l2 >= 0 && s.l2 <= MAX_L2)) bad.push('l2');
  if (!(s.dropout >= 0 && s.dropout <= MAX_DROPOUT)) bad.push('dropout');
  if (!isInt(s.seed, 0, 0xffffffff)) bad.push('seed');
  return bad;
}

/** Fields left out of the link while off (0), so links made before they existed stay the same. */
const OPTIONAL: readonly (keyof PlaygroundState)[] = ['l2', 'dropout'];

/**
 * The query string (no `?`) for a state, every field spelled out (but `l2` and `dropout` only when
 * not 0), plus `steps` when given.
 */
export function encodeState(s: PlaygroundState, steps: number | null = null): string {
  const p = new URLSearchParams();
  for (const key of Object.keys(KEYS) as (keyof PlaygroundState)[]) {
    const value = s[key];
    if (OPTIONAL.includes(key) && value === 0) continue;
    p.set(KEYS[key], Array.isArray(value) ? value.join('-') : String(value));
  }
  if (steps !== null) p.set('steps', String(steps));
  // `-` separates the layers' sizes: no escaping needed, so the link stays readable.
  return p.toString();
}

/**
 * Reads a query string: every field present and valid overrides the default; anything else is
 * listed in `ignored`, so a mistyped link still opens (with defaults) and says what it skipped.
 */
export function decodeState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const state = defaultState();
  const ignored: string[] = [];
  const known = new Set<string>([...Object.values(KEYS), 'steps']);
  for (const key of p.keys()) if (!known.has(key)) ignored.push(key);
  const take = <K extends keyof PlaygroundState>(field: K, parse: (raw: string) => PlaygroundState[K]): void => {
    const raw = p.get(KEYS[field]);
    if (raw === null) return;
    const trial = { ...state, [field]: parse(raw) };
    if (validateState(trial).includes(field)) ignored.push(KEYS[field]);
    else state[field] = trial[field];
  };
  take('dataset', (r) => r as DatasetName);
  take('m', num);
  take('noise', num);
  take('trainPercent', num);
  take('hidden', (r) => (r === '' ? [] : r.split('-').map(num)));
  take('activation', (r) => r as ActivationName);
  take('output', (r) => r as OutputName);
  take('init', (r) => r as InitializerName);
  take('learningRate', num);
  take('batchSize', num);
  take('optimizer', (r) => r as OptimizerName);
  take('l2', num);
  take('dropout', num);
  take('seed', num);
  let steps: number | null = null;
  const rawSteps = p.get('steps');
  if (rawSteps !== null) {
    const n = num(rawSteps);
    if (isInt(n, 0, 1_000_000)) steps = n;
    else ignored.push('steps');
  }
  return { state, steps, ignored };
}

/** The number of test examples for a state: the part of `m` not used for training. */
export function testCount(s: PlaygroundState): number {
  return s.m - Math.round((s.m * s.trainPercent) / 100);
}
