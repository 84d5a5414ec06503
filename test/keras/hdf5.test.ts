import { describe, expect, it } from 'vitest';
import { H5File } from '../../src/keras/hdf5.js';
import { dataset, group, writeH5 } from './h5-writer.js';

/** Bytes from hex, ignoring whitespace and `#` comments; `xN` repeats the byte before it. */
function hex(text: string): Uint8Array {
  const out: number[] = [];
  for (const token of text.replace(/#.*$/gm, '').split(/\s+/).filter(Boolean)) {
    const repeat = /^([0-9a-f]{2})x(\d+)$/.exec(token);
    if (repeat) for (let i = 0; i < Number(repeat[2]); i++) out.push(Number.parseInt(repeat[1], 16));
    else out.push(Number.parseInt(token, 16));
  }
  return Uint8Array.from(out);
}

/**
 * A file assembled by hand, byte by byte, from the layouts of the HDF5 File Format Specification
 * (independently of the tests' writer): the root group holds a scalar string attribute "a" = "hi"
 * and a dataset "x", two float64 values [1.5, -2], contiguous. 448 bytes.
 */
const SPEC_FILE = hex(`
  # II.A Superblock, version 0 (offset 0)
  89 48 44 46 0d 0a 1a 0a   # format signature
  00 00 00 00               # superblock, free-space, root symbol table entry versions; reserved
  00 08 08 00               # shared header message version; size of offsets 8, of lengths 8; reserved
  04 00 10 00               # group leaf node K 4, group internal node K 16
  00 00 00 00               # file consistency flags
  00x8                      # base address 0
  ffx8                      # free-space info address: undefined
  c0 01 00 00 00 00 00 00   # end of file address 448
  ffx8                      # driver information block address: undefined
  # III.C Symbol Table Entry of the root group
  00x8                      # link name offset
  60 00 00 00 00 00 00 00   # object header address 96
  01 00 00 00 00 00 00 00   # cache type 1 (scratch holds B-tree and heap), reserved
  e8 00 00 00 00 00 00 00   # scratch: B-tree address 232
  b8 00 00 00 00 00 00 00   # scratch: local heap address 184

  # IV.A.1.a Version 1 Object Header of the root group (offset 96)
  01 00 02 00  01 00 00 00  48 00 00 00  00 00 00 00   # version 1, 2 messages, 1 reference, 72 bytes, pad
  11 00 10 00 00 00 00 00   # IV.A.2.r Symbol Table Message: type 0x11, 16 bytes
  e8 00 00 00 00 00 00 00   #   v1 B-tree address 232
  b8 00 00 00 00 00 00 00   #   local heap address 184
  0c 00 28 00 00 00 00 00   # IV.A.2.m Attribute Message: type 0x0C, 40 bytes
  01 00 02 00 08 00 08 00   #   version 1, reserved, name size 2, datatype size 8, dataspace size 8
  61 00 00 00 00 00 00 00   #   name "a", padded to 8
  13 00 00 00 02 00 00 00   #   datatype: string (class 3, version 1), null-terminated ASCII, 2 bytes
  01 00 00 00 00 00 00 00   #   dataspace: version 1, rank 0 (scalar)
  68 69 00 00 00 00 00 00   #   data "hi", padded

  # III.D Local Heap (offset 184)
  48 45 41 50 00 00 00 00   # "HEAP", version 0, reserved
  10 00 00 00 00 00 00 00   # data segment size 16
  ffx8                      # offset to head of free list: none
  d8 00 00 00 00 00 00 00   # data segment address 216
  00x8                      # data segment: offset 0, the empty name
  78 00 00 00 00 00 00 00   # offset 8: "x"

  # III.A.1 Version 1 B-tree node, type 0 (group nodes) (offset 232)
  54 52 45 45 00 00 01 00   # "TREE", node type 0, level 0, 1 entry used
  ffx8 ffx8                 # left and right siblings: none
  00x8                      # key 0: heap offset 0
  18 01 00 00 00 00 00 00   # child 0: symbol table node at 280
  08 00 00 00 00 00 00 00   # key 1: heap offset 8 ("x")

  # III.B Symbol Table Node (offset 280)
  53 4e 4f 44 01 00 01 00   # "SNOD", version 1, reserved, 1 symbol
  08 00 00 00 00 00 00 00   # entry: link name offset 8 ("x")
  48 01 00 00 00 00 00 00   #   object header address 328
  00 00 00 00 00 00 00 00   #   cache type 0, reserved
  00x16                     #   scratch pad

  # IV.A.1.a Version 1 Object Header of dataset "x" (offset 328)
  01 00 03 00  01 00 00 00  58 00 00 00  00 00 00 00   # version 1, 3 messages, 1 reference, 88 bytes, pad
  01 00 10 00 00 00 00 00   # IV.A.2.b Dataspace Message: type 1, 16 bytes
  01 01 00 00 00 00 00 00   #   version 1, rank 1, no max dims, reserved
  02 00 00 00 00 00 00 00   #   dimension 0: 2
  03 00 18 00 00 00 00 00   # IV.A.2.d Datatype Message: type 3, 24 bytes
  11 20 3f 00 08 00 00 00   #   floating-point, version 1; little-endian, implied leading 1; sign bit 63; 8 bytes
  00 00 40 00               #   bit offset 0, precision 64
  34 0b 00 34               #   exponent location 52, size 11; mantissa location 0, size 52
  ff 03 00 00 00 00 00 00   #   exponent bias 1023; padding
  08 00 18 00 00 00 00 00   # IV.A.2.i Data Layout Message: type 8, 24 bytes
  03 01                     #   version 3, contiguous
  b0 01 00 00 00 00 00 00   #   address 432
  10 00 00 00 00 00 00 00   #   size 16
  00 00 00 00 00 00         #   padding

  # raw data (offset 432)
  00 00 00 00 00 00 f8 3f   # 1.5
  00 00 00 00 00 00 00 c0   # -2
`);

describe('H5File on a file assembled by hand from the specification', () => {
  it('is the 448 bytes the layout adds up to', () => {
    expect(SPEC_FILE.length).toBe(448);
  });

  it('reads the group, the dataset and the attribute', () => {
    const file = new H5File(SPEC_FILE);
    expect(file.children('/')).toEqual(['x']);
    expect(file.isGroup('/')).toBe(true);
    expect(file.isGroup('x')).toBe(false);
    const { shape, values } = file.dataset('/x');
    expect(shape).toEqual([2]);
    expect(Array.from(values)).toEqual([1.5, -2]);
    expect(file.attribute('/', 'a')).toEqual({ kind: 'strings', shape: [], values: ['hi'] });
    expect(file.attribute('/', 'b')).toBeUndefined();
  });

  it('names a truncated file', () => {
    expect(() => new H5File(SPEC_FILE.subarray(0, 440)).dataset('x')).toThrow(
      new TypeError(
        'fromKeras: expected HDF5 dataset "x" at 432 (16 bytes) inside the 440-byte HDF5 file, got past its end',
      ),
    );
  });

  it('names a B-tree that loops', () => {
    const looped = SPEC_FILE.slice();
    // the B-tree made an internal node (level 1) whose child 0 is the B-tree itself (232)
    looped[237] = 1;
    looped.set([0xe8, 0x00], 264);
    expect(() => new H5File(looped).children('/')).toThrow(
      new TypeError('fromKeras: expected an HDF5 group B-tree without cycles, got a loop at 232'),
    );
  });
});

describe('H5File on the writer’s files', () => {
  it('follows continuation blocks, multi-level B-trees and many symbol table nodes', () => {
    const children: Record<string, ReturnType<typeof dataset>> = {};
    for (let i = 0; i < 11; i++) children[`d${i}`] = dataset([1], [i], { continuation: i % 2 === 0 });
    const bytes = writeH5(
      { kind: 'group', children: { g: group(children, { n: { numbers: [7], scalar: true } }) }, continuation: true },
      { snodCapacity: 2, btreeCapacity: 2 },
    );
    const file = new H5File(bytes);
    expect(file.children('g')).toEqual(Object.keys(children).sort());
    for (let i = 0; i < 11; i++) expect(Array.from(file.dataset(`/g/d${i}`).values)).toEqual([i]);
    expect(file.attribute('g', 'n')).toEqual({ kind: 'numbers', shape: [], values: Float64Array.of(7) });
  });

  it('reads float16, float32, float64 and int32 data, contiguous and compact', () => {
    const file = new H5File(
      writeH5(
        group({
          h: dataset([2, 2], [1.5, -0.25, 65504, 2 ** -24], { dtype: 'f16' }),
          f: dataset([3], [Math.fround(0.1), -3, 1e30], { dtype: 'f32' }),
          d: dataset([2], [0.1, -Number.MAX_VALUE], { dtype: 'f64', layout: 'compact' }),
          i: dataset([2], [-5, 2 ** 31 - 1], { dtype: 'i32' }),
        }),
      ),
    );
    expect(file.dataset('h')).toEqual({ shape: [2, 2], values: Float64Array.of(1.5, -0.25, 65504, 2 ** -24) });
    expect(file.dataset('f')).toEqual({ shape: [3], values: Float64Array.of(Math.fround(0.1), -3, Math.fround(1e30)) });
    expect(file.dataset('d')).toEqual({ shape: [2], values: Float64Array.of(0.1, -Number.MAX_VALUE) });
    expect(file.dataset('i')).toEqual({ shape: [2], values: Float64Array.of(-5, 2 ** 31 - 1) });
  });

  it('reads 1-D string attributes (fixed length, null-padded)', () => {
    const file = new H5File(writeH5(group({}, { names: { strings: ['dense', 'dense_1', 'x'] } })));
    expect(file.attribute('/', 'names')).toEqual({ kind: 'strings', shape: [3], values: ['dense', 'dense_1', 'x'] });
  });

  it('refuses what is not a dataset or not there, by path', () => {
    const file = new H5File(writeH5(group({ g: group({}) })));
    expect(() => file.dataset('g')).toThrow(
      new TypeError('fromKeras: expected "g" to be an HDF5 dataset, got a group'),
    );
    expect(() => file.dataset('g/missing')).toThrow(
      new TypeError('fromKeras: expected an HDF5 object at "g/missing", got none'),
    );
    expect(() => new H5File(new Uint8Array(100))).toThrow(
      new TypeError('fromKeras: expected an HDF5 file (the signature \\x89HDF\\r\\n\\x1a\\n), got none'),
    );
  });
});
