/**
 * The one way `fromKeras` and its readers throw: a `TypeError` whose message starts `fromKeras:`.
 *
 * @internal
 * @module
 */

/** Throws `TypeError('fromKeras: <message>')`. @internal */
export function fail(message: string): never {
  throw new TypeError(`fromKeras: ${message}`);
}

/** A user's string for a message: JSON-quoted, cut to 80 characters. @internal */
export function quote(text: string): string {
  return text.length <= 80 ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, 80))}…`;
}
