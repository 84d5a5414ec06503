/**
 * The envelope of bottomup's versioned JSON documents besides the model (a label encoder, a
 * pipeline): `{ format, version, … }`, checked with the model reader's rules and messages. Free of
 * the `Matrix` class, so `bottomup/predict` can use it.
 *
 * @internal
 * @module
 */
import { cut, fmtValue } from '../errors.js';

/** What {@link readEnvelope} checks a document against. @internal */
export interface Envelope {
  /** The `format` tag, e.g. `"bottomup.pipeline"`. */
  readonly format: string;
  /** The newest version this build reads. */
  readonly version: number;
  /** The document's name in messages, e.g. `"pipeline"`. */
  readonly noun: string;
  /** Every key the document may have, `format` and `version` first. */
  readonly keys: readonly string[];
}

/**
 * Checks `json` as a document of kind `kind`, found at `where` (`''` at the top level, else a path such
 * as `labels`): a plain object with the right `format`, a positive integer `version` no newer than this
 * build's, and no unknown key. Returns it as a record to read the other fields from.
 * @throws TypeError for a malformed envelope, RangeError for a newer version. @internal
 */
export function readEnvelope(op: string, json: unknown, where: string, kind: Envelope): Record<string, unknown> {
  const at = where === '' ? '' : `${where}.`;
  const shape = `{ ${kind.keys.join(', ')} }`;
  const what = where === '' ? `a ${kind.noun} object` : `${where} to be a ${kind.noun} object`;
  if (typeof json === 'string')
    throw new TypeError(`${op}: expected ${what} (JSON.parse the text first), got a string`);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TypeError(`${op}: expected ${what} ${shape}, got ${fmtValue(json)}`);
  }
  const o = json as Record<string, unknown>;
  if (o.format !== kind.format) {
    throw new TypeError(`${op}: expected ${at}format ${JSON.stringify(kind.format)}, got ${fmtValue(o.format)}`);
  }
  const version = o.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new TypeError(`${op}: expected ${at}version to be a positive integer, got ${fmtValue(version)}`);
  }
  if (version > kind.version) {
    throw new RangeError(
      `${op}: expected ${at}format version <= ${kind.version} (this build of bottomup), got ${version}: upgrade ` +
        `bottomup to read this ${kind.noun}`,
    );
  }
  for (const key of Object.keys(o)) {
    if (!kind.keys.includes(key)) {
      throw new TypeError(
        `${op}: expected ${where === '' ? `the ${kind.noun}` : where} keys among ${kind.keys.join(', ')}, got ` +
          `unknown key ${JSON.stringify(cut(key))}`,
      );
    }
  }
  return o;
}
