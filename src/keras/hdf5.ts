/**
 * A reader for the subset of HDF5 that h5py writes by default (`libver='earliest'`), which is what
 * Keras's weight files are: superblock version 0 (or 1), version 1 object headers (with continuation
 * blocks), old-style groups (a symbol table message: a version 1 B-tree of symbol table nodes, names in
 * a local heap), datasets with a simple dataspace, an IEEE float, integer or fixed-length string type
 * and a contiguous (or compact) layout, and attribute messages. Everything else — superblock 2 and 3,
 * version 2 object headers, new-style (link) groups, dense attribute storage, chunked, compressed,
 * external or virtual data, variable-length and other types — is refused by name, never misread.
 *
 * Layouts follow the HDF5 File Format Specification, version 3.0: the section names in the comments
 * are its own (II.A Superblock, III.A.1 B-tree version 1, III.B Symbol Table, III.D Local Heaps,
 * IV.A.1.a Version 1 Object Header, IV.A.2.x the header messages).
 *
 * @internal
 * @module
 */
import { fail } from './fail.js';

/** The 8 bytes every HDF5 file's superblock starts with (II.A). */
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Where the superblock is: at 0, 512, 1024, 2048, … (after a user block), or -1. @internal */
export function findSuperblock(bytes: Uint8Array): number {
  for (let at = 0; at + 8 <= bytes.length; at = at === 0 ? 512 : at * 2)
    if (SIGNATURE.every((b, i) => bytes[at + i] === b)) return at;
  return -1;
}

/** The value of an attribute: strings for a string type, numbers otherwise; `shape` `[]` for a scalar. @internal */
export type H5Value =
  | { readonly kind: 'strings'; readonly shape: readonly number[]; readonly values: readonly string[] }
  | { readonly kind: 'numbers'; readonly shape: readonly number[]; readonly values: Float64Array };

/** A parsed header message: its type, flags, and where its data is. */
interface Message {
  readonly type: number;
  readonly flags: number;
  readonly at: number;
  readonly size: number;
}

/** A datatype (IV.A.2.d), decoded to what the reader can turn into values. */
type Datatype =
  | { readonly kind: 'float' | 'int' | 'uint'; readonly size: number }
  | { readonly kind: 'string'; readonly size: number; readonly padding: number };

const MESSAGE_NAMES: Record<number, string> = {
  2: 'a link info message',
  6: 'a link message',
  10: 'a group info message',
};

const FILTERS: Record<number, string> = {
  1: 'deflate',
  2: 'shuffle',
  3: 'fletcher32',
  4: 'szip',
  5: 'nbit',
  6: 'scaleoffset',
  32001: 'blosc',
  32004: 'lz4',
  32008: 'bitshuffle',
  32015: 'zstd',
};

const TYPE_CLASSES = [
  'fixed-point',
  'floating-point',
  'time',
  'string',
  'bitfield',
  'opaque',
  'compound',
  'reference',
  'enumerated',
  'variable-length',
  'array',
];

/** The IEEE layouts h5py writes, by size: exponent location, exponent size, mantissa size, bias. */
const IEEE: Record<number, readonly number[]> = { 2: [10, 5, 10, 15], 4: [23, 8, 23, 127], 8: [52, 11, 52, 1023] };

/**
 * An HDF5 file in memory, read on demand: objects are addressed by `/`-separated paths from the root.
 * @internal
 */
export class H5File {
  private readonly view: DataView;
  private readonly bytes: Uint8Array;
  /** Size of offsets (addresses) and of lengths in bytes: 2, 4 or 8 (h5py: 8). */
  private readonly O: number;
  private readonly L: number;
  /** The base address every address in the file is relative to. */
  private readonly base: number;
  private readonly rootAddress: number;
  private readonly headers = new Map<number, Message[]>();
  private readonly groups = new Map<number, Map<string, number>>();

  /**
   * @throws TypeError when the bytes are not HDF5, or use a superblock version other than 0 or 1.
   */
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const at = findSuperblock(bytes);
    if (at < 0) fail('expected an HDF5 file (the signature \\x89HDF\\r\\n\\x1a\\n), got none');
    this.need(at, 24, 'the superblock');
    const version = this.u8(at + 8);
    if (version !== 0 && version !== 1)
      fail(
        `HDF5 superblock version ${version} is not supported (only version 0, as h5py writes for Keras; ` +
          `version ${version} comes from libver='latest' or a newer HDF5)`,
      );
    // II.A, version 0: versions of the free-space storage, root symbol table entry and shared header
    // message formats, then the sizes of offsets and lengths, the group B-tree K values and flags.
    this.O = this.u8(at + 13);
    this.L = this.u8(at + 14);
    for (const [what, size] of [
      ['offsets', this.O],
      ['lengths', this.L],
    ] as const)
      if (size !== 2 && size !== 4 && size !== 8) fail(`expected HDF5 size of ${what} 2, 4 or 8, got ${size}`);
    // Version 1 adds the indexed storage K (2 bytes) and 2 reserved bytes.
    let p = at + 24 + (version === 1 ? 4 : 0);
    this.need(p, 4 * this.O + 2 * this.O + 24, 'the superblock');
    this.base = this.field(p, this.O);
    if (this.base === -1) fail('expected an HDF5 base address, got the undefined address');
    p += 4 * this.O; // base, free-space info, end of file, driver information block
    // The root group's symbol table entry: link name offset, then its object header address.
    this.rootAddress = this.offset(p + this.O);
  }

  /** The object at `path` (`/`-separated, from the root): whether it exists. */
  has(path: string): boolean {
    return this.lookup(path) !== undefined;
  }

  /** Whether the object at `path` is a group (has a symbol table). */
  isGroup(path: string): boolean {
    const address = this.lookup(path);
    return address !== undefined && this.find(address, 0x11) !== undefined;
  }

  /** The names in the group at `path`, in the B-tree's (sorted) order. */
  children(path: string): string[] {
    return [...this.links(this.resolve(path), path).keys()];
  }

  /** An attribute of the object at `path`, or `undefined` when it has none of that name. */
  attribute(path: string, name: string): H5Value | undefined {
    const address = this.resolve(path);
    for (const m of this.header(address)) {
      if (m.type !== 0x0c) continue;
      const value = this.readAttribute(m, path, name);
      if (value !== undefined) return value;
    }
    const info = this.find(address, 0x15);
    // IV.A.2.v Attribute Info: a defined fractal heap address means attributes stored densely.
    if (info !== undefined && this.offset(info.at + 2 + (this.u8(info.at + 1) & 1 ? 2 : 0)) !== -1)
      fail(`HDF5 object ${show(path)} stores its attributes densely (HDF5 1.8+ with libver='latest'): not supported`);
    return undefined;
  }

  /** The dataset at `path`: its shape and its values as float64, row-major. */
  dataset(path: string): { shape: number[]; values: Float64Array } {
    const address = this.resolve(path);
    const where = `HDF5 dataset ${show(path)}`;
    const space = this.find(address, 0x01);
    const typeMessage = this.find(address, 0x03);
    const layout = this.find(address, 0x08);
    if (space === undefined || typeMessage === undefined || layout === undefined)
      fail(`expected ${show(path)} to be an HDF5 dataset, got ${this.isGroup(path) ? 'a group' : 'another object'}`);
    const filters = this.find(address, 0x0b);
    if (filters !== undefined) {
      const version = this.u8(filters.at);
      const id = this.u16(filters.at + (version === 1 ? 8 : 2));
      fail(
        `${where} is compressed (filter pipeline: ${FILTERS[id] ?? `filter ${id}`}): not supported (only ` +
          'uncompressed contiguous datasets, as h5py writes by default)',
      );
    }
    if (this.find(address, 0x07) !== undefined)
      fail(`${where} keeps its data in an external file: not supported (only contiguous datasets)`);
    const shape = this.dataspace(space, where);
    const type = this.datatype(typeMessage, where);
    if (type.kind === 'string') fail(`expected ${where} to hold numbers, got strings`);
    const count = shape.reduce((a, b) => a * b, 1);
    const start = this.layout(layout, where, count * type.size);
    return { shape, values: this.numbers(start, count, type) };
  }

  // ---- objects ----

  private lookup(path: string): number | undefined {
    let address = this.rootAddress;
    let walked = '';
    for (const part of path.split('/').filter((s) => s !== '')) {
      const next = this.links(address, walked || '/').get(part);
      if (next === undefined) return undefined;
      address = next;
      walked += `/${part}`;
    }
    return address;
  }

  private resolve(path: string): number {
    const address = this.lookup(path);
    if (address === undefined) fail(`expected an HDF5 object at ${show(path)}, got none`);
    return address;
  }

  /** The links of a group: name → object header address (III.A.1, III.B, III.D). */
  private links(address: number, path: string): Map<string, number> {
    const cached = this.groups.get(address);
    if (cached !== undefined) return cached;
    const table = this.find(address, 0x11);
    if (table === undefined) {
      const modern = this.header(address).find((m) => MESSAGE_NAMES[m.type] !== undefined);
      if (modern !== undefined)
        fail(
          `HDF5 group ${show(path)} is a new-style group (${MESSAGE_NAMES[modern.type]}; HDF5 1.8+ with ` +
            "libver='latest'): not supported (only old-style symbol-table groups, as h5py writes by default)",
        );
      fail(`expected ${show(path)} to be an HDF5 group, got a dataset`);
    }
    const heap = this.heap(this.offset(table.at + this.O));
    const links = new Map<string, number>();
    this.btree(this.offset(table.at), heap, links, 0, new Set());
    this.groups.set(address, links);
    return links;
  }

  /** Walks a group B-tree (type 0): its leaves point at symbol table nodes. */
  private btree(
    at: number,
    heap: { start: number; size: number },
    links: Map<string, number>,
    depth: number,
    seen: Set<number>,
  ): void {
    if (depth > 64 || seen.has(at)) fail(`expected an HDF5 group B-tree without cycles, got a loop at ${at}`);
    seen.add(at);
    this.need(at, 8 + 2 * this.O, 'a B-tree node');
    if (this.tag(at) !== 'TREE') fail(`expected an HDF5 B-tree node ("TREE") at ${at}, got ${show(this.tag(at))}`);
    const type = this.u8(at + 4);
    if (type !== 0) fail(`expected a group B-tree node (type 0) at ${at}, got type ${type}`);
    const level = this.u8(at + 5);
    const used = this.u16(at + 6);
    let p = at + 8 + 2 * this.O + this.L; // past the siblings and key 0
    this.need(p, used * (this.O + this.L), 'a B-tree node');
    for (let i = 0; i < used; i++, p += this.O + this.L) {
      const child = this.offset(p);
      if (level > 0) this.btree(child, heap, links, depth + 1, seen);
      else this.symbols(child, heap, links);
    }
  }

  /** A symbol table node (III.B): `SNOD`, version 1, the number of symbols, then the entries. */
  private symbols(at: number, heap: { start: number; size: number }, links: Map<string, number>): void {
    this.need(at, 8, 'a symbol table node');
    if (this.tag(at) !== 'SNOD')
      fail(`expected an HDF5 symbol table node ("SNOD") at ${at}, got ${show(this.tag(at))}`);
    const count = this.u16(at + 6);
    const size = 2 * this.O + 24;
    this.need(at + 8, count * size, 'a symbol table node');
    for (let i = 0, p = at + 8; i < count; i++, p += size) {
      const nameAt = this.offset(p);
      if (nameAt >= heap.size) fail(`expected a link name inside the local heap, got offset ${nameAt}`);
      let end = heap.start + nameAt;
      while (end < heap.start + heap.size && this.bytes[end] !== 0) end++;
      links.set(new TextDecoder().decode(this.bytes.subarray(heap.start + nameAt, end)), this.offset(p + this.O));
    }
  }

  /** A local heap (III.D): `HEAP`, version 0, the data segment's size and address. */
  private heap(at: number): { start: number; size: number } {
    this.need(at, 8 + 2 * this.L + this.O, 'a local heap');
    if (this.tag(at) !== 'HEAP') fail(`expected an HDF5 local heap ("HEAP") at ${at}, got ${show(this.tag(at))}`);
    const size = this.length(at + 8);
    const start = this.offset(at + 8 + 2 * this.L);
    this.need(start, size, 'a local heap');
    return { start, size };
  }

  /** The messages of an object header (IV.A.1.a, version 1), continuation blocks followed. */
  private header(address: number): Message[] {
    const cached = this.headers.get(address);
    if (cached !== undefined) return cached;
    this.need(address, 16, 'an object header');
    if (this.tag(address) === 'OHDR')
      fail(
        'HDF5 object header version 2 is not supported (only version 1, as h5py writes by default; version 2 ' +
          "comes from libver='latest')",
      );
    const version = this.u8(address);
    if (version !== 1) fail(`expected HDF5 object header version 1 at ${address}, got version ${version}`);
    const total = this.u16(address + 2);
    const messages: Message[] = [];
    // The prefix is 12 bytes, padded to 16 so messages stay 8-byte aligned.
    const blocks: [number, number][] = [[address + 16, this.u32(address + 8)]];
    for (let b = 0; b < blocks.length && messages.length < total; b++) {
      if (b > 1000) fail(`expected an HDF5 object header of at most 1000 continuation blocks, got more`);
      const [start, size] = blocks[b];
      this.need(start, size, 'an object header');
      for (let p = start; p + 8 <= start + size && messages.length < total; ) {
        const type = this.u16(p);
        const length = this.u16(p + 2);
        const flags = this.u8(p + 4);
        if (p + 8 + length > start + size)
          fail(`expected header message at ${p} inside its object header, got past it`);
        if (type === 0x10) blocks.push([this.offset(p + 8), this.length(p + 8 + this.O)]);
        messages.push({ type, flags, at: p + 8, size: length });
        p += 8 + length;
      }
    }
    this.headers.set(address, messages);
    return messages;
  }

  /** The first message of `type` in the object's header (shared messages refused). */
  private find(address: number, type: number): Message | undefined {
    const message = this.header(address).find((m) => m.type === type);
    if (message !== undefined && message.flags & 2)
      fail(`HDF5 shared (committed) header message of type ${type} is not supported`);
    return message;
  }

  // ---- messages ----

  /** IV.A.2.b Dataspace, versions 1 and 2: the dimensions (`[]` for a scalar). */
  private dataspace(m: Message, where: string): number[] {
    const version = this.u8(m.at);
    const rank = this.u8(m.at + 1);
    if (version !== 1 && version !== 2) fail(`${where} has dataspace version ${version}: not supported (only 1 and 2)`);
    if (version === 2 && this.u8(m.at + 3) === 2) fail(`${where} has a null dataspace (no elements)`);
    const start = m.at + (version === 1 ? 8 : 4);
    return Array.from({ length: rank }, (_, i) => this.length(start + i * this.L));
  }

  /** IV.A.2.d Datatype: the classes fixed-point, floating-point (IEEE, little-endian) and string. */
  private datatype(m: Message, where: string): Datatype {
    const classAndVersion = this.u8(m.at);
    const cls = classAndVersion & 0x0f;
    const bits = this.u8(m.at + 1);
    const size = this.u32(m.at + 4);
    const name = TYPE_CLASSES[cls] ?? `class ${cls}`;
    if (cls === 3) return { kind: 'string', size, padding: bits & 0x0f };
    if (cls !== 0 && cls !== 1)
      fail(`${where} has a ${name} datatype: not supported (only IEEE floats, integers and fixed-length strings)`);
    if (bits & 1 || bits & 0x40) fail(`${where} has a big-endian ${name} datatype: not supported (only little-endian)`);
    if (cls === 0) {
      if (size !== 1 && size !== 2 && size !== 4 && size !== 8)
        fail(`${where} has a ${size}-byte integer: not supported`);
      return { kind: bits & 8 ? 'int' : 'uint', size };
    }
    const ieee = IEEE[size];
    const p = m.at + 8;
    if (
      ieee === undefined ||
      this.u16(p) !== 0 ||
      this.u16(p + 2) !== size * 8 ||
      this.u8(p + 4) !== ieee[0] ||
      this.u8(p + 5) !== ieee[1] ||
      this.u8(p + 6) !== 0 ||
      this.u8(p + 7) !== ieee[2] ||
      this.u32(p + 8) !== ieee[3]
    )
      fail(`${where} has a ${size * 8}-bit float that is not IEEE binary16, binary32 or binary64: not supported`);
    return { kind: 'float', size };
  }

  /** IV.A.2.i Data Layout: where the raw data starts (versions 1–3; contiguous or compact). */
  private layout(m: Message, where: string, bytes: number): number {
    const version = this.u8(m.at);
    let cls: number;
    let start: number;
    let size: number;
    if (version === 3) {
      cls = this.u8(m.at + 1);
      if (cls === 0) {
        size = this.u16(m.at + 2);
        start = m.at + 4;
      } else {
        start = cls === 1 ? this.offset(m.at + 2) : 0;
        size = cls === 1 ? this.length(m.at + 2 + this.O) : 0;
      }
    } else if (version === 1 || version === 2) {
      const rank = this.u8(m.at + 1);
      cls = this.u8(m.at + 2);
      if (cls === 0) {
        size = this.u32(m.at + 8 + 4 * rank);
        start = m.at + 12 + 4 * rank;
      } else {
        start = this.offset(m.at + 8);
        size = bytes;
      }
    } else {
      return fail(
        `${where} has data layout version ${version}: not supported (only versions 1 to 3; version 4 comes ` +
          "from libver='latest')",
      );
    }
    if (cls === 2) fail(`${where} is chunked: not supported (only contiguous datasets, as h5py writes by default)`);
    if (cls !== 0 && cls !== 1) fail(`${where} has a virtual (class ${cls}) layout: not supported`);
    if (start === -1) fail(`${where} has no data (it was created but never written)`);
    if (size < bytes) fail(`expected ${where} to hold ${bytes} bytes, got ${size}`);
    this.need(start, bytes, where);
    return start;
  }

  /** IV.A.2.m Attribute, versions 1 to 3: its value if its name is `name`. */
  private readAttribute(m: Message, path: string, name: string): H5Value | undefined {
    const version = this.u8(m.at);
    if (version < 1 || version > 3) fail(`HDF5 attribute message version ${version} is not supported (only 1 to 3)`);
    const nameSize = this.u16(m.at + 2);
    const typeSize = this.u16(m.at + 4);
    const spaceSize = this.u16(m.at + 6);
    const pad = (n: number): number => (version === 1 ? Math.ceil(n / 8) * 8 : n);
    let p = m.at + (version === 3 ? 9 : 8);
    this.need(p, nameSize, 'an attribute');
    const own = new TextDecoder().decode(this.bytes.subarray(p, p + Math.max(0, nameSize - 1)));
    if (own !== name) return undefined;
    const where = `HDF5 attribute ${show(name)} of ${show(path)}`;
    if (version > 1 && this.u8(m.at + 1) & 3) fail(`${where} uses a shared datatype or dataspace: not supported`);
    p += pad(nameSize);
    const type = this.datatype({ type: 3, flags: 0, at: p, size: typeSize }, where);
    p += pad(typeSize);
    const shape = this.dataspace({ type: 1, flags: 0, at: p, size: spaceSize }, where);
    p += pad(spaceSize);
    const count = shape.reduce((a, b) => a * b, 1);
    this.need(p, count * type.size, where);
    if (type.kind !== 'string') return { kind: 'numbers', shape, values: this.numbers(p, count, type) };
    const decoder = new TextDecoder();
    const values = Array.from({ length: count }, (_, i) => {
      const s = this.bytes.subarray(p + i * type.size, p + (i + 1) * type.size);
      let end = s.indexOf(0);
      if (end < 0) end = s.length;
      // Padding 2 is space-padded (Fortran style): trailing spaces are padding.
      let text = decoder.decode(s.subarray(0, end));
      if (type.padding === 2) text = text.replace(/ +$/, '');
      return text;
    });
    return { kind: 'strings', shape, values };
  }

  private numbers(at: number, count: number, type: Datatype): Float64Array {
    const out = new Float64Array(count);
    const v = this.view;
    const { size, kind } = type;
    for (let i = 0, p = at; i < count; i++, p += size) {
      if (kind === 'float')
        out[i] = size === 4 ? v.getFloat32(p, true) : size === 8 ? v.getFloat64(p, true) : half(v.getUint16(p, true));
      else if (size === 1) out[i] = kind === 'int' ? v.getInt8(p) : v.getUint8(p);
      else if (size === 2) out[i] = kind === 'int' ? v.getInt16(p, true) : v.getUint16(p, true);
      else if (size === 4) out[i] = kind === 'int' ? v.getInt32(p, true) : v.getUint32(p, true);
      else out[i] = Number(kind === 'int' ? v.getBigInt64(p, true) : v.getBigUint64(p, true));
    }
    return out;
  }

  // ---- bytes ----

  private need(at: number, size: number, what: string): void {
    if (at < 0 || at + size > this.bytes.length)
      fail(
        `expected ${what} at ${at} (${size} bytes) inside the ${this.bytes.length}-byte HDF5 file, got past its end`,
      );
  }
  private u8(p: number): number {
    this.need(p, 1, 'a byte');
    return this.view.getUint8(p);
  }
  private u16(p: number): number {
    this.need(p, 2, 'a 2-byte field');
    return this.view.getUint16(p, true);
  }
  private u32(p: number): number {
    this.need(p, 4, 'a 4-byte field');
    return this.view.getUint32(p, true);
  }
  private tag(p: number): string {
    return String.fromCharCode(...this.bytes.subarray(p, p + 4));
  }
  /** An unsigned field of `size` bytes; all ones (the undefined address) is -1. */
  private field(p: number, size: number): number {
    this.need(p, size, 'an address');
    let value = 0;
    let ones = true;
    for (let i = size - 1; i >= 0; i--) {
      const byte = this.bytes[p + i];
      ones &&= byte === 0xff;
      value = value * 256 + byte;
    }
    if (ones) return -1;
    if (value > Number.MAX_SAFE_INTEGER) fail(`expected an HDF5 address below 2^53, got one past it`);
    return value;
  }
  /** An address (relative to the base address; -1 undefined). */
  private offset(p: number): number {
    const value = this.field(p, this.O);
    return value === -1 ? value : value + this.base;
  }
  private length(p: number): number {
    return this.field(p, this.L);
  }
}

/** IEEE binary16 to a number. */
function half(h: number): number {
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

const show = (text: string): string => JSON.stringify(text);
