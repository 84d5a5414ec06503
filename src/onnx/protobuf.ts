/**
 * The protobuf wire format, as much of it as ONNX needs: a writer of varints, fixed-width numbers and
 * length-delimited fields, and a reader that walks a message field by field.
 *
 * @remarks
 * Integers are JS numbers: int64 values are exact within ±2^53 (every size, shape and attribute an
 * ONNX model of a dense network holds), and negative values use the ten-byte two's-complement varint
 * that protobuf writes for int64. Floats and doubles are little-endian, as on the wire.
 *
 * @internal
 * @module
 */

/** Wire types: varint, 64-bit, length-delimited, 32-bit. @internal */
export const VARINT = 0;
/** @internal */
export const FIXED64 = 1;
/** @internal */
export const BYTES = 2;
/** @internal */
export const FIXED32 = 5;

const TWO_32 = 2 ** 32;
const encoder = /* @__PURE__ */ new TextEncoder();
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/** Builds a message: append fields in field-number order, then {@link Writer.finish}. @internal */
export class Writer {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** An unsigned or signed (int64, two's complement) integer as a varint. */
  varint(value: number): this {
    this.reserve(10);
    let lo = value >>> 0;
    let hi = Math.floor(value / TWO_32) >>> 0;
    while (hi !== 0 || lo > 0x7f) {
      this.buf[this.len++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    this.buf[this.len++] = lo;
    return this;
  }

  /** The key of field `field` with wire type `wire`. */
  tag(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  /** Field `field` as a varint. */
  int(field: number, value: number): this {
    return this.tag(field, VARINT).varint(value);
  }

  /** Field `field` as length-delimited bytes. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, BYTES).varint(value.length);
    this.reserve(value.length);
    this.buf.set(value, this.len);
    this.len += value.length;
    return this;
  }

  /** Field `field` as a UTF-8 string. */
  string(field: number, value: string): this {
    return this.bytes(field, encoder.encode(value));
  }

  /** Field `field` as a 32-bit float. */
  float(field: number, value: number): this {
    this.tag(field, FIXED32).reserve(4);
    this.view.setFloat32(this.len, value, true);
    this.len += 4;
    return this;
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** One field of a message as read: its number, wire type and value. @internal */
export interface Field {
  readonly field: number;
  readonly wire: number;
  /** The varint (wire type 0), or the number of a fixed-width field read as its bits' integer. */
  readonly int: number;
  /** The bytes of a length-delimited field (a view into the message), else empty. */
  readonly bytes: Uint8Array;
  /** The bytes of a fixed-width field (4 or 8), else empty. */
  readonly fixed: Uint8Array;
}

const EMPTY: Uint8Array = new Uint8Array(0);

/**
 * Reads a varint at `pos` of `buf`: `[value, next position]`. A value past ±2^53 comes back rounded.
 * @throws RangeError when the varint runs past the end or over ten bytes.
 * @internal
 */
export function readVarint(buf: Uint8Array, pos: number, what: string): [number, number] {
  let lo = 0;
  let hi = 0;
  for (let shift = 0; shift < 70; shift += 7) {
    if (pos >= buf.length) throw new RangeError(`fromONNX: expected ${what} to be complete, got a truncated varint`);
    const byte = buf[pos++];
    if (shift < 28) lo |= (byte & 0x7f) << shift;
    else if (shift === 28) {
      lo |= (byte & 0x0f) << 28;
      hi |= (byte & 0x7f) >> 4;
    } else hi |= (byte & 0x7f) << (shift - 32);
    if ((byte & 0x80) === 0) return [(hi | 0) * TWO_32 + (lo >>> 0), pos];
  }
  throw new RangeError(`fromONNX: expected ${what} to hold varints of at most 10 bytes, got a longer one`);
}

/**
 * The fields of a message, in order.
 * @param what - the message, for errors (`the model`, `tensor 'W'`).
 * @throws RangeError for a truncated or malformed message.
 * @internal
 */
export function readFields(buf: Uint8Array, what: string): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, at] = readVarint(buf, pos, what);
    pos = at;
    const field = Math.floor(key / 8);
    const wire = key % 8;
    let int = 0;
    let bytes: Uint8Array = EMPTY;
    let fixed: Uint8Array = EMPTY;
    if (wire === VARINT) [int, pos] = readVarint(buf, pos, what);
    else if (wire === FIXED64 || wire === FIXED32) {
      const n = wire === FIXED64 ? 8 : 4;
      if (pos + n > buf.length) throw new RangeError(`fromONNX: expected ${what} to be complete, got it cut short`);
      fixed = buf.subarray(pos, pos + n);
      pos += n;
    } else if (wire === BYTES) {
      const [n, start] = readVarint(buf, pos, what);
      if (start + n > buf.length) throw new RangeError(`fromONNX: expected ${what} to be complete, got it cut short`);
      bytes = buf.subarray(start, start + n);
      pos = start + n;
    } else {
      throw new RangeError(`fromONNX: expected ${what} to be a protobuf message, got wire type ${wire}`);
    }
    if (field === 0) throw new RangeError(`fromONNX: expected ${what} to be a protobuf message, got field number 0`);
    fields.push({ field, wire, int, bytes, fixed });
  }
  return fields;
}

/** A length-delimited field as UTF-8 text. @internal */
export function readString(bytes: Uint8Array, what: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new RangeError(`fromONNX: expected ${what} to be UTF-8 text, got invalid bytes`);
  }
}

/**
 * The values of a repeated numeric field, packed (one length-delimited run) or not (one field each):
 * protobuf readers accept both.
 * @param kind - `varint`, `float` (32-bit) or `double` (64-bit).
 * @internal
 */
export function readRepeated(fields: readonly Field[], kind: 'varint' | 'float' | 'double', what: string): number[] {
  const out: number[] = [];
  const width = kind === 'float' ? 4 : 8;
  for (const f of fields) {
    if (f.wire === BYTES) {
      if (kind === 'varint') {
        for (let pos = 0; pos < f.bytes.length; ) {
          const [v, next] = readVarint(f.bytes, pos, what);
          out.push(v);
          pos = next;
        }
      } else {
        if (f.bytes.length % width !== 0)
          throw new RangeError(`fromONNX: expected ${what} to hold whole ${kind}s, got ${f.bytes.length} bytes`);
        const view = new DataView(f.bytes.buffer, f.bytes.byteOffset, f.bytes.length);
        for (let k = 0; k < f.bytes.length; k += width)
          out.push(width === 4 ? view.getFloat32(k, true) : view.getFloat64(k, true));
      }
    } else if (kind === 'varint' && f.wire === VARINT) out.push(f.int);
    else if (f.fixed.length === width) {
      const view = new DataView(f.fixed.buffer, f.fixed.byteOffset, width);
      out.push(width === 4 ? view.getFloat32(0, true) : view.getFloat64(0, true));
    } else throw new RangeError(`fromONNX: expected ${what} to hold ${kind}s, got wire type ${f.wire}`);
  }
  return out;
}
