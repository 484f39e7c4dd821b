import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { computeCrc32 } from './compute-crc32';
import { DecodeError } from './errors';
import { gunzipPortably } from './gunzip-portably';
import { createZeroBomb, gzipMembers } from './test-support';

const CAP = 16 * 1024 * 1024;
const text = `${'x'.repeat(100)}ilikecats`;

/** Rewrites a gzip member's header with the optional fields of RFC 1952 §2.3.1. */
function withHeaderFields(
  member: Buffer,
  fields: { extra?: Buffer; name?: string; comment?: string; headerCrc?: boolean | number },
): Buffer {
  let flags = 0;
  const parts: Buffer[] = [];
  if (fields.extra) {
    flags |= 0x04;
    const length = Buffer.alloc(2);
    length.writeUInt16LE(fields.extra.length);
    parts.push(length, fields.extra);
  }
  if (fields.name !== undefined) {
    flags |= 0x08;
    parts.push(Buffer.from(`${fields.name}\0`, 'latin1'));
  }
  if (fields.comment !== undefined) {
    flags |= 0x10;
    parts.push(Buffer.from(`${fields.comment}\0`, 'latin1'));
  }
  if (fields.headerCrc !== undefined) flags |= 0x02;
  const fixed = Buffer.from(member.subarray(0, 10));
  fixed[3] = flags;
  let header = Buffer.concat([fixed, ...parts]);
  if (fields.headerCrc !== undefined) {
    const crc = Buffer.alloc(2);
    const value = typeof fields.headerCrc === 'number' ? fields.headerCrc : computeCrc32(header);
    crc.writeUInt16LE(value & 0xffff);
    header = Buffer.concat([header, crc]);
  }
  return Buffer.concat([header, member.subarray(10)]);
}

function outcome(run: () => Uint8Array): string {
  try {
    return `ok:${Buffer.from(run()).toString()}`;
  } catch (error) {
    if (error instanceof DecodeError) return 'DecodeError';
    if (error instanceof Error) return `zlib:${error.message}`;
    throw error;
  }
}

describe('gunzipPortably', () => {
  it('inflates one member and several members', () => {
    expect(Buffer.from(gunzipPortably(gzipSync(text), CAP)).toString()).toBe(text);
    expect(Buffer.from(gunzipPortably(gzipMembers(text, [1, 50, 100]), CAP)).toString()).toBe(text);
  });

  it('inflates members with an empty body', () => {
    expect(Buffer.from(gunzipPortably(gzipMembers(text, [0, 0, 109]), CAP)).toString()).toBe(text);
  });

  it('inflates a payload pushed in many slices across member boundaries', () => {
    // A cap of 1 MiB makes fflate receive 1 KiB slices, so headers and trailers straddle them.
    const long = Array.from({ length: 4000 }, (_, index) => `line ${index * 7919}`).join('\n');
    const members = gzipMembers(long, [5000, 5003, 20000]);
    expect(members.length).toBeGreaterThan(4 * 1024);
    expect(Buffer.from(gunzipPortably(members, 1024 * 1024)).toString()).toBe(long);
  });

  it.each([
    ['an extra field', { extra: Buffer.from('AB\x02\x00hi') }],
    ['a file name', { name: 'logs.json' }],
    ['a comment', { comment: 'from CloudWatch' }],
    ['a header CRC', { headerCrc: true }],
    [
      'every optional field',
      { extra: Buffer.from('xy'), name: 'a', comment: 'b', headerCrc: true },
    ],
  ])('accepts, like zlib, a header with %s', (_name, fields) => {
    const member = withHeaderFields(gzipSync(text), fields);
    expect(outcome(() => gunzipPortably(member, CAP))).toBe(`ok:${text}`);
    expect(outcome(() => gunzipSync(member))).toBe(`ok:${text}`);
    const twoMembers = Buffer.concat([gzipSync('{'), member]);
    expect(outcome(() => gunzipPortably(twoMembers, CAP))).toBe(`ok:{${text}`);
  });

  it.each([
    ['a wrong header CRC', (member: Buffer) => withHeaderFields(member, { headerCrc: 0x1234 })],
    [
      'reserved flag bits',
      (member: Buffer) =>
        Buffer.concat([member.subarray(0, 3), Buffer.from([0x20]), member.subarray(4)]),
    ],
    [
      'compression method 9',
      (member: Buffer) =>
        Buffer.concat([member.subarray(0, 2), Buffer.from([9]), member.subarray(3)]),
    ],
    [
      'a file name without terminator',
      (member: Buffer) =>
        Buffer.concat([
          member.subarray(0, 3),
          Buffer.from([0x08]),
          member.subarray(4, 10),
          Buffer.from('name'),
        ]),
    ],
    [
      'an extra field longer than the data',
      (member: Buffer) =>
        Buffer.concat([
          member.subarray(0, 3),
          Buffer.from([0x04]),
          member.subarray(4, 10),
          Buffer.from([0xff, 0xff, 1, 2]),
        ]),
    ],
  ])('rejects, like zlib, %s in the first or a later member', (_name, corrupt) => {
    const member = corrupt(gzipSync(text));
    for (const input of [member, Buffer.concat([gzipSync('{'), member])]) {
      expect(outcome(() => gunzipPortably(input, CAP))).toBe('DecodeError');
      expect(outcome(() => gunzipSync(input))).toMatch(/^zlib:/);
    }
  });

  it('stops inflating at a small cap instead of inflating the whole bomb', () => {
    // fflate needs about 20 s for the whole GiB here; stopping at 1 MiB takes milliseconds.
    const bomb = createZeroBomb(1024);
    const started = performance.now();
    expect(() => gunzipPortably(bomb, 1024 * 1024)).toThrow(
      expect.objectContaining({ code: 'too-large' }),
    );
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('inflates a 4 MiB payload whose trailer checks out', () => {
    const output = gunzipPortably(createZeroBomb(4, true), CAP);
    expect(output.length).toBe(4 * 1024 * 1024);
    expect(output.every((byte) => byte === 0)).toBe(true);
  });
});
