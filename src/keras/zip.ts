/**
 * The small zip reader `fromKeras` needs for `.keras` files: the end of central directory record, the
 * central directory, and each entry's local header; entries stored (method 0) or deflated (method 8,
 * inflated with the platform's `DecompressionStream('deflate-raw')`), checked against their CRC-32.
 * Zip64, encryption, multi-disk archives and other methods are refused by name.
 *
 * @internal
 * @module
 */
import { fail } from './fail.js';

/** One file of the archive, as the central directory lists it. @internal */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Offset of the entry's local file header. */
  readonly headerOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Whether `bytes` start like a zip archive (a local file header or an empty archive's end record). @internal */
export function isZip(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const sig = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
  return sig === LOCAL || sig === EOCD;
}

/**
 * The entries of a zip archive, by name, from its central directory.
 * @throws TypeError for a truncated or malformed archive, Zip64, multi-disk or encrypted entries.
 * @internal
 */
export function readZip(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes plus a comment of at most 65535: search backwards for its signature.
  let end = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) fail('expected a zip archive with an end of central directory record, got none (a truncated file?)');
  if (end >= 20 && view.getUint32(end - 20, true) === ZIP64_EOCD_LOCATOR) zip64();
  const disk = view.getUint16(end + 4, true);
  const cdDisk = view.getUint16(end + 6, true);
  const count = view.getUint16(end + 10, true);
  const cdSize = view.getUint32(end + 12, true);
  const cdOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) zip64();
  if (disk !== 0 || cdDisk !== 0 || view.getUint16(end + 8, true) !== count)
    fail('expected a single-disk zip archive, got a multi-disk (split) archive: not supported');
  if (cdOffset + cdSize > end) fail(`expected the zip central directory inside the file, got it past the end`);
  const decoder = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > end || view.getUint32(p, true) !== CENTRAL)
      fail(`expected zip central directory entry ${k} at offset ${p}, got no such entry`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const headerOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (compressedSize === 0xffffffff || size === 0xffffffff || headerOffset === 0xffffffff) zip64(name);
    if (flags & 1) fail(`zip entry "${name}" is encrypted: not supported`);
    if (method !== 0 && method !== 8)
      fail(`zip entry "${name}" uses compression method ${method}: not supported (only stored and deflate)`);
    entries.set(name, { name, method, crc, compressedSize, size, headerOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function zip64(name?: string): never {
  const what = name === undefined ? 'the archive is' : `zip entry "${name}" is`;
  return fail(`${what} in Zip64 format: not supported (only archives and entries under 4 GiB without Zip64)`);
}

/**
 * The uncompressed bytes of one entry, checked against its size and CRC-32.
 * @throws TypeError for a malformed local header, a failed inflate, or a size or CRC mismatch.
 * @internal
 */
export async function unzipEntry(bytes: Uint8Array, entry: ZipEntry): Promise<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = entry.headerOffset;
  if (p + 30 > bytes.length || view.getUint32(p, true) !== LOCAL)
    fail(`expected the local header of zip entry "${entry.name}" at offset ${p}, got none`);
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (start + entry.compressedSize > bytes.length)
    fail(`expected zip entry "${entry.name}" to have ${entry.compressedSize} bytes, got a truncated file`);
  const raw = bytes.subarray(start, start + entry.compressedSize);
  const data = entry.method === 0 ? raw : await inflateRaw(raw, entry.name);
  if (data.length !== entry.size)
    fail(`expected zip entry "${entry.name}" to hold ${entry.size} bytes, got ${data.length}`);
  const crc = crc32(data);
  if (crc !== entry.crc)
    fail(`expected zip entry "${entry.name}" to have CRC-32 ${hex(entry.crc)}, got ${hex(crc)} (a corrupt file)`);
  return data;
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

async function inflateRaw(raw: Uint8Array, name: string): Promise<Uint8Array> {
  if (typeof DecompressionStream !== 'function')
    fail(`zip entry "${name}" is deflated, and this platform has no DecompressionStream to inflate it`);
  try {
    const stream = new Blob([raw as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    return fail(`zip entry "${name}" does not inflate (${(error as Error).message}): a corrupt file`);
  }
}

let CRC_TABLE: Uint32Array | undefined;

/** CRC-32 (the zip and PNG polynomial 0xEDB88320). @internal */
export function crc32(data: Uint8Array): number {
  if (CRC_TABLE === undefined) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
