/**
 * Class labels without the `Matrix` class: their kinds, their order, and the validating reader of a
 * label encoder's JSON — shared by {@link LabelEncoder} and `bottomup/predict`'s pipeline predictor.
 *
 * @internal
 * @module
 */
import { fmtValue } from '../errors.js';
import { type Envelope, readEnvelope } from '../io/envelope.js';
import { describe } from '../validate/values.js';

/** A class label: a string, a finite number or a boolean (all labels of one encoder are of one kind). */
export type Label = string | number | boolean;

/** The `format` tag of a saved {@link LabelEncoder}. */
export const LABEL_ENCODER_FORMAT = 'bottomup.label-encoder';
/** The newest label-encoder format version this build reads and writes. */
export const LABEL_ENCODER_VERSION = 1;

/** The label encoder's JSON envelope. @internal */
export const LABEL_ENCODER_ENVELOPE: Envelope = {
  format: LABEL_ENCODER_FORMAT,
  version: LABEL_ENCODER_VERSION,
  noun: 'label encoder',
  keys: ['format', 'version', 'classes'],
};

/**
 * Checks one label named `name` and returns it (`-0` as `0`, which JSON writes the same way): a
 * string, a finite number or a boolean, of the same kind as `kind` when given.
 * @throws TypeError for another kind of value, RangeError for `NaN` or `±Infinity`. @internal
 */
export function checkLabel(op: string, name: string, value: unknown, first?: readonly [string, Label]): Label {
  const kind = typeof value;
  if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') {
    throw new TypeError(`${op}: expected ${name} to be a string, a number or a boolean, got ${describe(value)}`);
  }
  if (first !== undefined && typeof first[1] !== kind) {
    // Labels of mixed kinds have no order to sort them by.
    throw new TypeError(`${op}: expected ${name} to be a ${typeof first[1]} like ${first[0]}, got ${describe(value)}`);
  }
  if (kind === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${op}: expected ${name} to be a finite number, got ${value}`);
    return (value as number) + 0;
  }
  return value as Label;
}

/** The order of labels of one kind: numbers ascending, strings by UTF-16 code unit, `false < true`. @internal */
export function compareLabels(a: Label, b: Label): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads a label encoder's JSON (found at `where`, `''` at the top level): the envelope, then
 * `classes`, a non-empty array of labels of one kind in ascending order without repeats.
 * @returns a new array of the classes.
 * @throws TypeError for a malformed object or label, RangeError for a newer version, an empty, unsorted
 *   or repeating list, or a non-finite number. @internal
 */
export function readLabelClasses(op: string, json: unknown, where = ''): Label[] {
  const o = readEnvelope(op, json, where, LABEL_ENCODER_ENVELOPE);
  const at = where === '' ? 'classes' : `${where}.classes`;
  const list = o.classes;
  if (!Array.isArray(list))
    throw new TypeError(`${op}: expected ${at} to be an array of labels, got ${describe(list)}`);
  if (list.length === 0) throw new RangeError(`${op}: expected ${at} to hold at least one class, got an empty array`);
  const classes: Label[] = [];
  for (let i = 0; i < list.length; i++) {
    const label = checkLabel(op, `${at}[${i}]`, list[i], i === 0 ? undefined : [`${at}[0]`, classes[0]]);
    if (i > 0 && !(compareLabels(classes[i - 1], label) < 0)) {
      throw new RangeError(
        `${op}: expected ${at} in ascending order without repeats, got ${at}[${i}] ${fmtValue(label)} after ` +
          `${fmtValue(classes[i - 1])}`,
      );
    }
    classes.push(label);
  }
  return classes;
}
