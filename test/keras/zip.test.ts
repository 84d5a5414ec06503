import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, isZip, readZip, unzipEntry } from '../../src/keras/zip.js';
import { writeZip } from './keras-files.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('the zip reader', () => {
  const long = text('{"layers": [1, 2, 3]} '.repeat(200));
  const bytes = writeZip([
    { name: 'a.txt', data: text('stored') },
    { name: 'dir/b.json', data: long, deflate: true },
    { name: 'empty', data: new Uint8Array(0) },
  ]);

  it('lists the central directory and extracts stored and deflated entries', async () => {
    expect(isZip(bytes)).toBe(true);
    const entries = readZip(bytes);
    expect([...entries.keys()]).toEqual(['a.txt', 'dir/b.json', 'empty']);
    expect(entries.get('dir/b.json')).toMatchObject({ method: 8, size: long.length });
    expect(entries.get('dir/b.json')?.compressedSize).toBeLessThan(long.length / 10);
    expect(new TextDecoder().decode(await unzipEntry(bytes, entries.get('a.txt')!))).toBe('stored');
    expect(await unzipEntry(bytes, entries.get('dir/b.json')!)).toEqual(long);
    expect(await unzipEntry(bytes, entries.get('empty')!)).toEqual(new Uint8Array(0));
  });

  it('computes the CRC-32 zlib computes', () => {
    for (const data of [new Uint8Array(0), text('a'), text('123456789'), long])
      expect(crc32(data)).toBe(zlibCrc32(data));
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
  });

  it('refuses other methods, encryption, truncation and corruption by entry name', async () => {
    const method = bytes.slice();
    // central directory entry 0's method field (the central directory starts after the local data)
    const cd = new DataView(method.buffer).getUint32(method.length - 6, true);
    method[cd + 10] = 12;
    expect(() => readZip(method)).toThrow(
      new TypeError('fromKeras: zip entry "a.txt" uses compression method 12: not supported (only stored and deflate)'),
    );
    const encrypted = bytes.slice();
    encrypted[cd + 8] = 1;
    expect(() => readZip(encrypted)).toThrow(new TypeError('fromKeras: zip entry "a.txt" is encrypted: not supported'));
    expect(() => readZip(bytes.subarray(0, bytes.length - 30))).toThrow(
      new TypeError(
        'fromKeras: expected a zip archive with an end of central directory record, got none (a truncated file?)',
      ),
    );
    const corrupt = bytes.slice();
    corrupt[30 + 'a.txt'.length] ^= 1; // first byte of the stored "stored"
    await expect(unzipEntry(corrupt, readZip(corrupt).get('a.txt')!)).rejects.toThrow(
      new TypeError(
        `fromKeras: expected zip entry "a.txt" to have CRC-32 0x${zlibCrc32(text('stored')).toString(16)}, got ` +
          `0x${zlibCrc32(text('rtored')).toString(16)} (a corrupt file)`,
      ),
    );
    const garbled = bytes.slice();
    const b = readZip(bytes).get('dir/b.json')!;
    garbled.fill(0xff, b.headerOffset + 30 + 'dir/b.json'.length, b.headerOffset + 40 + 'dir/b.json'.length);
    await expect(unzipEntry(garbled, readZip(garbled).get('dir/b.json')!)).rejects.toThrow(
      /^fromKeras: zip entry "dir\/b.json" does not inflate \(.+\): a corrupt file$/,
    );
  });
});
