/**
 * The op sequences {@link fromONNX} reads as one layer: each activation as {@link toONNX} writes it
 * in double precision (from `Where`, `Less`, `Exp`, … where ONNX Runtime has no double kernel),
 * SiLU as PyTorch writes it (`Mul(x, Sigmoid(x))`), and scikit-learn's binary probability head
 * (`Concat(1 − p, p)`, read as `p`).
 *
 * @internal
 * @module
 */
import { EXPM1_LOW, EXPM1_SMALL, GELU_C, GELU_K, LOG1P_SMALL, SELU_C, SELU_LAMBDA } from './constants.js';
import type { Node } from './proto.js';

/**
 * A template: `'x'` (the value the layer reads), a number (a scalar constant of that value, in
 * float32 or float64), `{ capture }` (any scalar constant, kept under that name), or
 * `[op, ...inputs]` (a node of that op, inputs matched in order; for `Add` and `Mul` in either order).
 * @internal
 */
export type Template = 'x' | number | { readonly capture: string } | readonly [string, ...Template[]];

/** What a layer kind's template reads. @internal */
export interface Pattern {
  /** The layer kind (`'head'`: scikit-learn's probability head, which ends the model). */
  readonly kind: 'LeakyReLU' | 'ELU' | 'SELU' | 'Softplus' | 'GELU' | 'SiLU' | 'head';
  readonly template: Template;
}

const ifPositive = (positive: Template, negative: Template): Template => [
  'Where',
  ['Less', 0, 'x'],
  positive,
  negative,
];

const xc: Template = ['Max', 'x', EXPM1_LOW];
const u: Template = ['Exp', xc];
const EXPM1: Template = [
  'Where',
  ['Less', ['Abs', xc], EXPM1_SMALL],
  ['Add', xc, ['Mul', ['Mul', xc, xc], ['Add', 0.5, ['Mul', xc, 1 / 6]]]],
  ['Div', ['Mul', ['Sub', u, 1], xc], ['Log', u]],
];
const t: Template = ['Exp', ['Neg', ['Abs', 'x']]];
const w: Template = ['Add', t, 1];

/** Every multi-node pattern, tried in order. @internal */
export const PATTERNS: readonly Pattern[] = [
  { kind: 'LeakyReLU', template: ifPositive('x', ['Mul', 'x', { capture: 'alpha' }]) },
  { kind: 'ELU', template: ifPositive('x', ['Mul', EXPM1, { capture: 'alpha' }]) },
  { kind: 'SELU', template: ifPositive(['Mul', 'x', SELU_LAMBDA], ['Mul', EXPM1, SELU_C]) },
  {
    kind: 'Softplus',
    template: [
      'Add',
      ['Max', 'x', 0],
      ['Where', ['Less', t, LOG1P_SMALL], t, ['Mul', ['Log', w], ['Div', t, ['Sub', w, 1]]]],
    ],
  },
  {
    kind: 'GELU',
    template: [
      'Mul',
      ['Mul', 'x', 0.5],
      ['Add', ['Tanh', ['Mul', ['Add', 'x', ['Mul', ['Mul', ['Mul', 'x', GELU_K], 'x'], 'x']], GELU_C]], 1],
    ],
  },
  { kind: 'SiLU', template: ['Div', 'x', ['Add', ['Exp', ['Neg', 'x']], 1]] },
  { kind: 'SiLU', template: ['Mul', 'x', ['Sigmoid', 'x']] },
  { kind: 'head', template: ['Concat', ['Sub', 1, 'x'], 'x'] },
];

/** What the matcher needs of the graph. @internal */
export interface GraphIndex {
  /** The node that writes a value, if any. */
  producer(name: string): Node | undefined;
  /** The single value of a constant (an initializer or a `Constant` output) with one element, else undefined. */
  scalar(name: string): number | undefined;
}

/** A match: the nodes it covers and the captured constants. @internal */
export interface Match {
  readonly nodes: Set<Node>;
  readonly captures: Map<string, number>;
}

/**
 * Matches `template` against the value `name`, with `'x'` standing for `x`.
 * @returns the covered nodes and captures, or `null`.
 * @internal
 */
export function match(template: Template, name: string, x: string, graph: GraphIndex): Match | null {
  const nodes: Node[] = [];
  const captures = new Map<string, number>();
  const go = (tpl: Template, value: string): boolean => {
    if (tpl === 'x') return value === x;
    if (typeof tpl === 'number') {
      const v = graph.scalar(value);
      return v !== undefined && (v === tpl || v === Math.fround(tpl));
    }
    if (!Array.isArray(tpl)) {
      const v = graph.scalar(value);
      if (v === undefined) return false;
      captures.set((tpl as { capture: string }).capture, v);
      return true;
    }
    const [op, ...inputs] = tpl as readonly [string, ...Template[]];
    const node = graph.producer(value);
    if (node === undefined || node.opType !== op || node.inputs.length !== inputs.length) return false;
    if (node.domain !== '' && node.domain !== 'ai.onnx') return false;
    if (node.outputs[0] !== value || node.attributes.some((a) => !(op === 'Concat' && a.name === 'axis'))) return false;
    if (op === 'Concat' && !node.attributes.some((a) => a.name === 'axis' && (a.i === 1 || a.i === -1))) return false;
    const inOrder = (order: readonly Template[]): boolean => {
      // a failed attempt leaves nothing behind, so the other order starts clean
      const covered = nodes.length;
      const captured = new Map(captures);
      if (order.every((tp, k) => go(tp, node.inputs[k]))) return true;
      nodes.length = covered;
      captures.clear();
      for (const [k, v] of captured) captures.set(k, v);
      return false;
    };
    const ok = inOrder(inputs) || ((op === 'Add' || op === 'Mul') && inOrder([inputs[1], inputs[0]]));
    if (ok) nodes.push(node);
    return ok;
  };
  return go(template, name) ? { nodes: new Set(nodes), captures } : null;
}
