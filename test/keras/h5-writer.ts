/**
 * A minimal HDF5 writer for the tests, writing what h5py writes by default (libver='earliest'):
 * superblock version 0, version 1 object headers, old-style groups (local heap, version 1 B-tree,
 * symbol table nodes), version 1 dataspaces, IEEE float / integer / fixed-length string datatypes,
 * contiguous layouts (data layout message version 3) and version 1 attribute messages — plus, on
 * request, the features fromKeras refuses (chunked or compressed data, new-style groups, version 2
 * object headers), so each refusal is tested on a file that has it.
 */

export type Dtype = 'f16' | 'f32' | 'f64' | 'i32';

export interface H5Attr {
  /** Fixed-length strings (h5py's `np.bytes_` arrays), or numbers. */
  readonly strings?: readonly string[];
  readonly numbers?: readonly number[];
  readonly dtype?: Dtype;
  /** A scalar dataspace (one value) instead of a 1-D one. */
  readonly scalar?: boolean;
}

export interface H5Dataset {
  readonly kind: 'dataset';
  readonly shape: readonly number[];
  readonly values: readonly number[];
  readonly dtype?: Dtype;
  readonly attrs?: Readonly<Record<string, H5Attr>>;
  readonly layout?: 'contiguous' | 'compact' | 'chunked';
  /** Adds a filter pipeline message with this filter id (1 deflate). */
  readonly filter?: number;
  /** Writes a version 2 object header ("OHDR") instead. */
  readonly headerVersion?: 2;
  /** Puts all messages but the first in a continuation block. */
  readonly continuation?: boolean;
}

export interface H5Group {
  readonly kind: 'group';
  readonly children: Readonly<Record<string, H5Node>>;
  readonly attrs?: Readonly<Record<string, H5Attr>>;
  /** A new-style group: link info and group info messages, no symbol table. */
  readonly newStyle?: boolean;
  readonly continuation?: boolean;
}

export type H5Node = H5Group | H5Dataset;

export interface H5WriteOptions {
  /** The superblock version byte to write (only 0 writes a readable file). */
  readonly superblock?: number;
  /** Entries per symbol table node (h5py: 2K = 8) and children per B-tree node (2K = 32). */
  readonly snodCapacity?: number;
  readonly btreeCapacity?: number;
}

export const group = (children: Record<string, H5Node>, attrs?: Record<string, H5Attr>): H5Group => ({
  kind: 'group',
  children,
  attrs,
});

export const dataset = (shape: number[], values: number[], extra: Partial<H5Dataset> = {}): H5Dataset => ({
  kind: 'dataset',
  shape,
  values,
  ...extra,
});

const UNDEF = -1;
const SIZE: Record<Dtype, number> = { f16: 2, f32: 4, f64: 8, i32: 4 };

class Buffer8 {
  bytes = new Uint8Array(1 << 16);
  view = new DataView(this.bytes.buffer);
  end = 0;
  alloc(n: number): number {
    const at = this.end;
    this.end = Math.ceil((at + n) / 8) * 8;
    while (this.end > this.bytes.length) {
      const next = new Uint8Array(this.bytes.length * 2);
      next.set(this.bytes);
      this.bytes = next;
      this.view = new DataView(next.buffer);
    }
    return at;
  }
  put(at: number, data: Uint8Array): void {
    this.bytes.set(data, at);
  }
  u8(at: number, v: number): void {
    this.view.setUint8(at, v);
  }
  u16(at: number, v: number): void {
    this.view.setUint16(at, v, true);
  }
  u32(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }
  u64(at: number, v: number): void {
    if (v === UNDEF) this.view.setBigUint64(at, 0xffffffffffffffffn, true);
    else this.view.setBigUint64(at, BigInt(v), true);
  }
}

/** Bytes of a message body, padded to 8. */
class Body {
  private parts: number[] = [];
  get length(): number {
    return this.parts.length;
  }
  u8(...v: number[]): this {
    this.parts.push(...v);
    return this;
  }
  u16(v: number): this {
    return this.u8(v & 0xff, (v >> 8) & 0xff);
  }
  u32(v: number): this {
    return this.u8(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  }
  u64(v: number): this {
    if (v === UNDEF) return this.u32(0xffffffff).u32(0xffffffff);
    return this.u32(v % 2 ** 32).u32(Math.floor(v / 2 ** 32));
  }
  bytes(b: Uint8Array): this {
    this.parts.push(...b);
    return this;
  }
  pad(): this {
    while (this.parts.length % 8 !== 0) this.parts.push(0);
    return this;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.pad().parts);
  }
}

function datatype(dtype: Dtype): Uint8Array {
  const b = new Body();
  if (dtype === 'i32') return b.u8(0x10, 0x08, 0, 0).u32(4).u16(0).u16(32).done(); // fixed-point, signed, LE
  const [size, expLoc, expSize, mantSize, bias] =
    dtype === 'f16' ? [2, 10, 5, 10, 15] : dtype === 'f32' ? [4, 23, 8, 23, 127] : [8, 52, 11, 52, 1023];
  // floating-point version 1; LE, mantissa normalization 2 (implied 1), sign bit at size·8 − 1
  return b
    .u8(0x11, 0x20, size * 8 - 1, 0)
    .u32(size)
    .u16(0)
    .u16(size * 8)
    .u8(expLoc, expSize, 0, mantSize)
    .u32(bias)
    .done();
}

function stringType(size: number): Uint8Array {
  return new Body().u8(0x13, 0x01, 0, 0).u32(size).done(); // string version 1, null-padded, ASCII
}

function dataspace(shape: readonly number[]): Uint8Array {
  // version 1, rank, flags 1 (max dims present, as h5py writes), reserved 5 bytes
  const b = new Body().u8(1, shape.length, shape.length > 0 ? 1 : 0, 0).u32(0);
  for (const d of shape) b.u64(d);
  if (shape.length > 0) for (const d of shape) b.u64(d);
  return b.done();
}

function encode(values: readonly number[], dtype: Dtype): Uint8Array {
  const out = new Uint8Array(values.length * SIZE[dtype]);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => {
    if (dtype === 'f32') v.setFloat32(i * 4, x, true);
    else if (dtype === 'f64') v.setFloat64(i * 8, x, true);
    else if (dtype === 'i32') v.setInt32(i * 4, x, true);
    else v.setUint16(i * 2, toHalf(x), true);
  });
  return out;
}

/** A number (exactly representable as binary16) to its bits. */
function toHalf(x: number): number {
  if (x === 0) return Object.is(x, -0) ? 0x8000 : 0;
  const sign = x < 0 ? 0x8000 : 0;
  const a = Math.abs(x);
  const e = Math.floor(Math.log2(a));
  if (e < -14) return sign | Math.round(a / 2 ** -24);
  return sign | ((e + 15) << 10) | Math.round((a / 2 ** e - 1) * 1024);
}

function attribute(name: string, attr: H5Attr): Uint8Array {
  const nameBytes = new TextEncoder().encode(`${name}\0`);
  let type: Uint8Array;
  let data: Uint8Array;
  let count: number;
  if (attr.strings !== undefined) {
    const encoded = attr.strings.map((s) => new TextEncoder().encode(s));
    const size = Math.max(1, ...encoded.map((e) => e.length));
    type = stringType(size);
    data = new Uint8Array(size * encoded.length);
    encoded.forEach((e, i) => data.set(e, i * size));
    count = encoded.length;
  } else {
    const dtype = attr.dtype ?? 'f64';
    type = datatype(dtype);
    data = encode(attr.numbers ?? [], dtype);
    count = attr.numbers?.length ?? 0;
  }
  const space = dataspace(attr.scalar ? [] : [count]);
  const b = new Body().u8(1, 0).u16(nameBytes.length).u16(type.length).u16(space.length);
  b.bytes(nameBytes).pad().bytes(type).bytes(space).bytes(data);
  return b.done();
}

interface Msg {
  type: number;
  body: Uint8Array;
}

export function writeH5(root: H5Group, options: H5WriteOptions = {}): Uint8Array {
  const snodCapacity = options.snodCapacity ?? 8;
  const btreeCapacity = options.btreeCapacity ?? 32;
  const out = new Buffer8();
  const superblock = out.alloc(96);

  function header(messages: Msg[], continuation: boolean): number {
    const encoded = (m: Msg) => {
      const body = m.body;
      const b = new Uint8Array(8 + body.length);
      const v = new DataView(b.buffer);
      v.setUint16(0, m.type, true);
      v.setUint16(2, body.length, true);
      b.set(body, 8);
      return b;
    };
    let first = messages;
    let rest: Msg[] = [];
    if (continuation && messages.length > 1) {
      first = messages.slice(0, 1);
      rest = messages.slice(1);
    }
    let restAt = 0;
    let restSize = 0;
    if (rest.length > 0) {
      const bytes = rest.map(encoded);
      restSize = bytes.reduce((a, b) => a + b.length, 0);
      restAt = out.alloc(restSize);
      let p = restAt;
      for (const b of bytes) {
        out.put(p, b);
        p += b.length;
      }
      first = [...first, { type: 0x10, body: new Body().u64(restAt).u64(restSize).done() }];
    }
    const bytes = first.map(encoded);
    const size = bytes.reduce((a, b) => a + b.length, 0);
    const at = out.alloc(16 + size);
    out.u8(at, 1);
    out.u16(at + 2, first.length + rest.length);
    out.u32(at + 4, 1);
    out.u32(at + 8, size);
    let p = at + 16;
    for (const b of bytes) {
      out.put(p, b);
      p += b.length;
    }
    return at;
  }

  const attrMessages = (attrs: Readonly<Record<string, H5Attr>> | undefined): Msg[] =>
    Object.entries(attrs ?? {}).map(([name, attr]) => ({ type: 0x0c, body: attribute(name, attr) }));

  function writeDataset(d: H5Dataset): number {
    if (d.headerVersion === 2) {
      const at = out.alloc(16);
      out.put(at, Uint8Array.from([0x4f, 0x48, 0x44, 0x52, 2, 0, 0, 0]));
      return at;
    }
    const dtype = d.dtype ?? 'f32';
    const raw = encode(d.values, dtype);
    const messages: Msg[] = [
      { type: 0x01, body: dataspace(d.shape) },
      { type: 0x03, body: datatype(dtype) },
      // fill value, version 2: allocation time late, fill time on allocation, no fill value defined
      { type: 0x05, body: new Body().u8(2, 2, 2, 0).done() },
    ];
    const layout = d.layout ?? 'contiguous';
    if (d.filter !== undefined)
      messages.push({
        type: 0x0b,
        body: new Body().u8(1, 1, 0, 0, 0, 0, 0, 0).u16(d.filter).u16(0).u16(0).u16(1).u32(4).u32(0).done(),
      });
    if (layout === 'contiguous') {
      const at = out.alloc(raw.length);
      out.put(at, raw);
      messages.push({ type: 0x08, body: new Body().u8(3, 1).u64(at).u64(raw.length).done() });
    } else if (layout === 'compact') {
      messages.push({ type: 0x08, body: new Body().u8(3, 0).u16(raw.length).bytes(raw).done() });
    } else {
      const b = new Body().u8(3, 2, d.shape.length + 1).u64(UNDEF);
      for (const s of d.shape) b.u32(s);
      messages.push({ type: 0x08, body: b.u32(SIZE[dtype]).done() });
    }
    messages.push({ type: 0x12, body: new Body().u8(1, 0, 0, 0).u32(1700000000).done() });
    messages.push(...attrMessages(d.attrs));
    return header(messages, d.continuation === true);
  }

  /** Writes a group; returns its object header address and its B-tree and heap (for the root entry). */
  function writeGroup(g: H5Group): { at: number; btree: number; heap: number } {
    if (g.newStyle) {
      const messages: Msg[] = [
        { type: 0x02, body: new Body().u8(0, 0).u64(UNDEF).u64(UNDEF).done() },
        { type: 0x0a, body: new Body().u8(0, 0).done() },
        ...attrMessages(g.attrs),
      ];
      return { at: header(messages, false), btree: UNDEF, heap: UNDEF };
    }
    const names = Object.keys(g.children).sort();
    const addresses = names.map((n) => write(g.children[n]));
    // local heap: offset 0 is the empty name; each name null-terminated, padded to 8
    const heapData = new Body().u8(0).pad();
    const offsets = names.map((n) => {
      const at = heapData.length;
      heapData.bytes(new TextEncoder().encode(`${n}\0`)).pad();
      return at;
    });
    const data = heapData.u64(0).u64(0).done(); // room for the free list, as HDF5 keeps
    const dataAt = out.alloc(data.length);
    out.put(dataAt, data);
    const heap = out.alloc(32);
    out.put(heap, Uint8Array.from([0x48, 0x45, 0x41, 0x50, 0, 0, 0, 0]));
    out.u64(heap + 8, data.length);
    out.u64(heap + 16, UNDEF);
    out.u64(heap + 24, dataAt);
    // symbol table nodes
    const entrySize = 40;
    const snods: { at: number; last: number }[] = [];
    for (let i = 0; i < Math.max(1, names.length); i += snodCapacity) {
      const slice = names.slice(i, i + snodCapacity);
      const at = out.alloc(8 + snodCapacity * entrySize);
      out.put(at, Uint8Array.from([0x53, 0x4e, 0x4f, 0x44, 1, 0]));
      out.u16(at + 6, slice.length);
      slice.forEach((_, k) => {
        const p = at + 8 + k * entrySize;
        out.u64(p, offsets[i + k]);
        out.u64(p + 8, addresses[i + k]);
      });
      snods.push({ at, last: offsets[i + slice.length - 1] ?? 0 });
      if (names.length === 0) break;
    }
    const node = (level: number, children: { at: number; last: number }[]): { at: number; last: number } => {
      const at = out.alloc(24 + btreeCapacity * 16 + 8);
      out.put(at, Uint8Array.from([0x54, 0x52, 0x45, 0x45, 0, level]));
      out.u16(at + 6, children.length);
      out.u64(at + 8, UNDEF);
      out.u64(at + 16, UNDEF);
      out.u64(at + 24, 0);
      children.forEach((c, k) => {
        out.u64(at + 32 + k * 16, c.at);
        out.u64(at + 40 + k * 16, c.last);
      });
      return { at, last: children[children.length - 1]?.last ?? 0 };
    };
    let level = 0;
    let nodes = snods;
    do {
      const parents: { at: number; last: number }[] = [];
      for (let i = 0; i < nodes.length; i += btreeCapacity)
        parents.push(node(level, nodes.slice(i, i + btreeCapacity)));
      nodes = parents;
      level++;
    } while (nodes.length > 1);
    const btree = nodes[0].at;
    const messages: Msg[] = [{ type: 0x11, body: new Body().u64(btree).u64(heap).done() }, ...attrMessages(g.attrs)];
    return { at: header(messages, g.continuation === true), btree, heap };
  }

  function write(node: H5Node): number {
    return node.kind === 'group' ? writeGroup(node).at : writeDataset(node);
  }

  const rootGroup = writeGroup(root);
  const p = superblock;
  out.put(p, Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]));
  out.u8(p + 8, options.superblock ?? 0);
  out.u8(p + 13, 8);
  out.u8(p + 14, 8);
  out.u16(p + 16, 4);
  out.u16(p + 18, 16);
  out.u64(p + 24, 0);
  out.u64(p + 32, UNDEF);
  out.u64(p + 40, out.end);
  out.u64(p + 48, UNDEF);
  out.u64(p + 56, 0);
  out.u64(p + 64, rootGroup.at);
  out.u32(p + 72, 1);
  out.u64(p + 80, rootGroup.btree);
  out.u64(p + 88, rootGroup.heap);
  return out.bytes.slice(0, out.end);
}
