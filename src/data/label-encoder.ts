/**
 * Class labels of any kind to class indices and back (scikit-learn's `LabelEncoder`).
 *
 * @module
 */
import { fmtValue } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import type { NumberArray } from '../matrix/view.js';
import { describe, isNumberArray } from '../validate/values.js';
import { rowValues } from './one-hot.js';
import {
  LABEL_ENCODER_FORMAT,
  LABEL_ENCODER_VERSION,
  type Label,
  checkLabel,
  compareLabels,
  readLabelClasses,
} from './labels.js';

/** The JSON form of a fitted {@link LabelEncoder}, from {@link LabelEncoder.toJSON}. */
export interface LabelEncoderJSON {
  /** Always `"bottomup.label-encoder"`. */
  readonly format: typeof LABEL_ENCODER_FORMAT;
  /** The format version, `1`. */
  readonly version: number;
  /** The classes in ascending order: class index `c` is `classes[c]`. */
  readonly classes: readonly Label[];
}

/**
 * The labels an encoder of `T` reads: an array of `T`, or — when `T` takes numbers — a typed array
 * (a matrix's `data`, the `Y.data` of {@link blobs}).
 */
export type LabelArray<T extends Label> = readonly T[] | (number extends T ? NumberArray : never);

/** How many known classes an "unknown label" message lists. */
const SHOWN = 5;

function checkLabels(op: string, labels: unknown): ArrayLike<unknown> {
  if (!isNumberArray(labels)) throw new TypeError(`${op}: expected an array of labels, got ${describe(labels)}`);
  return labels;
}

/**
 * Maps class labels — strings, numbers or booleans — to class indices `0 … k − 1` and back, with the
 * classes learned by {@link LabelEncoder.fit}: the step between raw labels and {@link oneHot} (or a
 * single 0/1 row for a sigmoid output).
 *
 * @remarks
 * The classes are the distinct labels seen by `fit`, sorted as scikit-learn's `LabelEncoder` sorts
 * them (`numpy.unique`): numbers ascending, strings by UTF-16 code unit (so `"B" < "a"`), `false <
 * true`. Class index `c` is `classes[c]`. Labels of different kinds have no such order and are refused;
 * `-0` is the class `0`, and `NaN` or `±Infinity` are refused. `transform` returns an `Int32Array`,
 * which {@link oneHot}, {@link Matrix.fromSamples} and `inverseTransform` all accept.
 *
 * **Shape:** `m` labels in, `m` indices out.
 *
 * @typeParam T - the kind of label (`string`, `number`, `boolean`, or any of them).
 *
 * @example
 * ```ts
 * import { LabelEncoder, oneHot } from 'bottomup';
 * const encoder = new LabelEncoder<string>().fit(['virginica', 'setosa', 'versicolor', 'setosa']);
 * encoder.classes; //=> ['setosa', 'versicolor', 'virginica']
 * const y = encoder.transform(['setosa', 'virginica']);
 * Array.from(y); //=> [0, 2]
 * oneHot(y, encoder.classes.length).toArray(); //=> [[1, 0], [0, 0], [0, 1]]
 * encoder.inverseTransform([2, 1]); //=> ['virginica', 'versicolor']
 * ```
 */
export class LabelEncoder<T extends Label = Label> {
  /** The classes in ascending order, `null` before `fit`. */
  private list: T[] | null = null;
  /** Each class's index. */
  private index = new Map<Label, number>();

  /** Whether `fit` (or `fromJSON`) has set the classes. */
  get fitted(): boolean {
    return this.list !== null;
  }

  /**
   * The classes in ascending order, a new array: class index `c` is `classes[c]`.
   * @throws Error before `fit`.
   */
  get classes(): T[] {
    return this.fittedClasses('classes').slice();
  }

  private fittedClasses(method: string): T[] {
    if (this.list === null) {
      throw new Error(
        `LabelEncoder.${method}: expected a fitted LabelEncoder, got one that was never fitted (call fit first)`,
      );
    }
    return this.list;
  }

  private setClasses(classes: T[]): this {
    this.list = classes;
    this.index = new Map(classes.map((c, i) => [c, i]));
    return this;
  }

  /**
   * Learns the classes: the distinct labels, sorted. Replaces any earlier fit.
   *
   * @param labels - at least one label, all of one kind.
   * @returns this encoder.
   * @throws TypeError when `labels` is not an array, or a label is not a string, number or boolean, or
   *   not of the first label's kind.
   * @throws RangeError when `labels` is empty or holds `NaN` or `±Infinity`. The encoder is unchanged
   *   when it throws.
   * @example
   * ```ts
   * import { LabelEncoder } from 'bottomup';
   * new LabelEncoder().fit([3, 1, 3, 2]).classes; //=> [1, 2, 3]
   * new LabelEncoder().fit(['b', 'a', 'B']).classes; //=> ['B', 'a', 'b']
   * ```
   */
  fit(labels: LabelArray<T>): this {
    const op = 'LabelEncoder.fit';
    const values = checkLabels(op, labels);
    if (values.length === 0) throw new RangeError(`${op}: expected at least one label, got an empty array`);
    const seen = new Set<Label>();
    const first: [string, Label] = ['labels[0]', checkLabel(op, 'labels[0]', values[0])];
    for (let j = 0; j < values.length; j++) seen.add(checkLabel(op, `labels[${j}]`, values[j], first));
    return this.setClasses(([...seen] as T[]).sort(compareLabels));
  }

  /**
   * The class index of each label.
   *
   * @param labels - labels among the fitted classes.
   * @returns a new `Int32Array` of `labels.length` class indices.
   * @throws Error before `fit`.
   * @throws TypeError when `labels` is not an array, or a label is not a string, number or boolean.
   * @throws RangeError when a label is not one of the classes (the message names it and lists some
   *   classes), or is `NaN` or `±Infinity`.
   * @example
   * ```ts
   * import { LabelEncoder } from 'bottomup';
   * const encoder = new LabelEncoder().fit([true, false]);
   * Array.from(encoder.transform([true, true, false])); //=> [1, 1, 0]
   * ```
   */
  transform(labels: LabelArray<T>): Int32Array {
    const op = 'LabelEncoder.transform';
    const classes = this.fittedClasses('transform');
    const values = checkLabels(op, labels);
    const out = new Int32Array(values.length);
    for (let j = 0; j < values.length; j++) {
      const label = checkLabel(op, `labels[${j}]`, values[j]);
      const c = this.index.get(label);
      if (c === undefined) {
        const k = classes.length;
        const shown = classes.slice(0, SHOWN).map(fmtValue).join(', ') + (k > SHOWN ? ', …' : '');
        const count = `${k > SHOWN ? `${SHOWN} of ` : ''}${k} known class${k === 1 ? '' : 'es'}`;
        throw new RangeError(
          `${op}: expected labels[${j}] to be a known class, got ${fmtValue(label)} (${count}: ${shown})`,
        );
      }
      out[j] = c;
    }
    return out;
  }

  /**
   * Fits on `labels` and returns their class indices — `fit(labels).transform(labels)`.
   *
   * @param labels - at least one label, all of one kind.
   * @returns a new `Int32Array` of class indices.
   * @throws TypeError or RangeError as {@link LabelEncoder.fit}.
   * @example
   * ```ts
   * import { LabelEncoder } from 'bottomup';
   * Array.from(new LabelEncoder().fitTransform(['cat', 'dog', 'cat'])); //=> [0, 1, 0]
   * ```
   */
  fitTransform(labels: LabelArray<T>): Int32Array {
    return this.fit(labels).transform(labels);
  }

  /**
   * The label of each class index — the inverse of {@link LabelEncoder.transform}.
   *
   * @param indices - class indices in `[0, k)`: an array, a typed array (the `Int32Array` of
   *   {@link predictClasses}), or a `(1, m)` Matrix (`Y.argmax()`).
   * @returns a new array of `m` labels.
   * @throws Error before `fit`.
   * @throws TypeError when `indices` is not an array, typed array or Matrix, or an index is not a number.
   * @throws {@link ShapeError} when `indices` is a Matrix that is not `(1, m)`.
   * @throws RangeError when an index is not an integer in `[0, k)`.
   * @example
   * ```ts
   * import { LabelEncoder, Matrix } from 'bottomup';
   * const encoder = new LabelEncoder().fit(['no', 'yes']);
   * encoder.inverseTransform(Matrix.from([[1, 0, 1]])); //=> ['yes', 'no', 'yes']
   * ```
   */
  inverseTransform(indices: Matrix | NumberArray): T[] {
    const op = 'LabelEncoder.inverseTransform';
    const classes = this.fittedClasses('inverseTransform');
    const values = rowValues(op, 'indices', indices);
    const k = classes.length;
    const out: T[] = [];
    for (let j = 0; j < values.length; j++) {
      const c = values[j];
      if (typeof c !== 'number')
        throw new TypeError(`${op}: expected indices[${j}] to be a number, got ${describe(c)}`);
      if (!Number.isInteger(c) || c < 0 || c >= k) {
        throw new RangeError(`${op}: expected indices[${j}] to be a class index in [0, ${k}), got ${fmtValue(c)}`);
      }
      out.push(classes[c]);
    }
    return out;
  }

  /**
   * The classes as versioned JSON; {@link LabelEncoder.fromJSON} restores them exactly (including
   * through `JSON.stringify` / `JSON.parse`).
   *
   * @returns `{ format: 'bottomup.label-encoder', version: 1, classes }`.
   * @throws Error before `fit`.
   * @example
   * ```ts
   * import { LabelEncoder } from 'bottomup';
   * new LabelEncoder().fit(['b', 'a']).toJSON();
   * //=> { format: 'bottomup.label-encoder', version: 1, classes: ['a', 'b'] }
   * ```
   */
  toJSON(): LabelEncoderJSON {
    return { format: LABEL_ENCODER_FORMAT, version: LABEL_ENCODER_VERSION, classes: this.classes };
  }

  /**
   * Restores an encoder from {@link LabelEncoder.toJSON}, validating everything: the format and version,
   * no unknown keys, and classes that are labels of one kind in ascending order without repeats (as
   * `fit` leaves them).
   *
   * @param json - a parsed `LabelEncoderJSON` object (not the JSON text: call `JSON.parse` first).
   * @returns a new fitted LabelEncoder.
   * @throws TypeError when `json` is not such an object, its `format` is not `"bottomup.label-encoder"`,
   *   it has an unknown key, or a class is not a label or not of the first class's kind.
   * @throws RangeError for a newer format version, no classes, classes out of order or repeated, or a
   *   non-finite number.
   * @example
   * ```ts
   * import { LabelEncoder } from 'bottomup';
   * const encoder = LabelEncoder.fromJSON({ format: 'bottomup.label-encoder', version: 1, classes: ['no', 'yes'] });
   * Array.from(encoder.transform(['yes'])); //=> [1]
   * ```
   */
  static fromJSON(json: unknown): LabelEncoder {
    return new LabelEncoder().setClasses(readLabelClasses('LabelEncoder.fromJSON', json));
  }
}
