/**
 * The protobuf wire format: varints (int64 two's complement included) written and read back, fixed
 * widths, length-delimited fields, packed and unpacked repeated fields, and malformed input refused.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  BYTES,
  FIXED32,
  FIXED64,
  VARINT,
  Writer,
  readFields,
  readRepeated,
  readString,
  readVarint,
} from '../../src/onnx/protobuf.js';

describe('varints', () => {
  it('are protobuf’s bytes: 1 → 01, 300 → ac 02, −1 → ten bytes ending 01', () => {
    expect([...new Writer().varint(1).finish()]).toEqual([0x01]);
    expect([...new Writer().varint(300).finish()]).toEqual([0xac, 0x02]);
    expect([...new Writer().varint(-1).finish()]).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect([...new Writer().varint(2 ** 32).finish()]).toEqual([0x80, 0x80, 0x80, 0x80, 0x10]);
  });

  test.prop([fc.maxSafeInteger().filter((n) => n >= -(2 ** 53) + 1)], { seed: 11, numRuns: 500 })(
    'read back every safe integer, negative ones as int64',
    (n) => {
      const bytes = new Writer().varint(n).finish();
      expect(readVarint(bytes, 0, 'x')).toEqual([n, bytes.length]);
      expect(bytes.length).toBe(n < 0 ? 10 : Math.max(1, Math.ceil(Math.log2(n + 1) / 7)));
    },
  );

  it('refuses a truncated or over-long varint', () => {
    expect(() => readVarint(new Uint8Array([0x80, 0x80]), 0, 'the model')).toThrow(
      new RangeError('fromONNX: expected the model to be complete, got a truncated varint'),
    );
    expect(() => readVarint(new Uint8Array(11).fill(0x80), 0, 'the model')).toThrow(
      new RangeError('fromONNX: expected the model to hold varints of at most 10 bytes, got a longer one'),
    );
  });
});

describe('fields', () => {
  it('are read in order with their wire types and values', () => {
    const w = new Writer()
      .int(1, 7)
      .string(2, 'héllo')
      .float(3, 1.5)
      .bytes(4, new Uint8Array([1, 2]));
    const fields = readFields(w.finish(), 'm');
    expect(fields.map((f) => [f.field, f.wire])).toEqual([
      [1, VARINT],
      [2, BYTES],
      [3, FIXED32],
      [4, BYTES],
    ]);
    expect(fields[0].int).toBe(7);
    expect(readString(fields[1].bytes, 'm')).toBe('héllo');
    expect(readRepeated([fields[2]], 'float', 'm')).toEqual([1.5]);
    expect([...fields[3].bytes]).toEqual([1, 2]);
  });

  it('repeated numbers packed and unpacked alike', () => {
    const packed = new Writer().bytes(1, new Uint8Array(new Float64Array([1, -2.5]).buffer)).finish();
    expect(readRepeated(readFields(packed, 'm'), 'double', 'm')).toEqual([1, -2.5]);
    const unpackedDoubles = new Uint8Array([0x09, ...new Uint8Array(new Float64Array([0.1]).buffer)]);
    expect(readFields(unpackedDoubles, 'm')[0].wire).toBe(FIXED64);
    expect(readRepeated(readFields(unpackedDoubles, 'm'), 'double', 'm')).toEqual([0.1]);
    expect(
      readRepeated(readFields(new Writer().bytes(1, new Uint8Array([3, 0x96, 0x01])).finish(), 'm'), 'varint', 'm'),
    ).toEqual([3, 150]);
    expect(() =>
      readRepeated(readFields(new Writer().bytes(1, new Uint8Array(3)).finish(), 'm'), 'float', 'm'),
    ).toThrow(new RangeError('fromONNX: expected m to hold whole floats, got 3 bytes'));
  });

  it('refuses what is not a protobuf message', () => {
    expect(() => readFields(new Uint8Array([0x0b]), 'the model')).toThrow(
      new RangeError('fromONNX: expected the model to be a protobuf message, got wire type 3'),
    );
    expect(() => readFields(new Uint8Array([0x00, 0x00]), 'the model')).toThrow(
      new RangeError('fromONNX: expected the model to be a protobuf message, got field number 0'),
    );
    expect(() => readFields(new Uint8Array([0x0a, 0x05, 0x01]), 'the model')).toThrow(
      new RangeError('fromONNX: expected the model to be complete, got it cut short'),
    );
    expect(() => readString(new Uint8Array([0xff]), 'a name')).toThrow(
      new RangeError('fromONNX: expected a name to be UTF-8 text, got invalid bytes'),
    );
  });

  it('the writer grows past its first buffer', () => {
    const big = new Uint8Array(1000).fill(7);
    const fields = readFields(new Writer().bytes(1, big).int(2, 5).finish(), 'm');
    expect(fields[0].bytes).toEqual(big);
    expect(fields[1].int).toBe(5);
  });
});
