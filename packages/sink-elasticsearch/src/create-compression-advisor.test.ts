import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCompressionAdvisor } from './create-compression-advisor';

const SAMPLE_BYTES = 64 * 1024;

/** NDJSON-like text that compresses the way logs do. */
function logBody(bytes: number, seed = 1): Uint8Array {
  let text = '';
  for (let line = 0; text.length < bytes; line += 1) {
    text += `{"create":{"_index":"cwl-2026.11.27","_id":"${seed}-${line}"}}\n{"message":"GET /items/${(line * 7919 + seed) % 10_000} 200 ${line % 97}ms"}\n`;
  }
  return Buffer.from(text.slice(0, bytes));
}

/** A clock that moves `sampleMs` forward on every second reading: each sample takes `sampleMs`. */
function sampleClock(sampleMs: number) {
  let time = 0;
  let readings = 0;
  return () => {
    readings += 1;
    if (readings % 2 === 0) time += sampleMs;
    return time;
  };
}

/** An `auto` advisor at level 1 whose samples each take `sampleMs`, on `parallelism` CPUs. */
function autoAdvisor(sampleMs: number, parallelism: number) {
  return createCompressionAdvisor({
    compression: 'auto',
    gzipLevel: 1,
    now: sampleClock(sampleMs),
    parallelism,
  });
}

function sampledFraction(body: Uint8Array): number {
  const part = body.subarray(0, Math.min(SAMPLE_BYTES, body.byteLength));
  return deflateRawSync(part, { level: 1 }).byteLength / part.byteLength;
}

describe('createCompressionAdvisor', () => {
  it('always answers gzip or none as configured, whatever it measured', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('gzip' as const, 'none' as const),
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 1e8 }), fc.double({ min: 0, max: 1e4, noNaN: true })),
          { maxLength: 10 },
        ),
        (compression, requests) => {
          const advisor = createCompressionAdvisor({ compression, gzipLevel: 1 });
          for (const [wireBytes, ms] of requests) advisor.recordRequest(wireBytes, ms);
          expect(advisor.choose(logBody(10_000))).toBe(compression);
        },
      ),
    );
  });

  it('with auto, compresses until it has timed both a sample and a request', () => {
    const advisor = autoAdvisor(1, 2);
    const body = logBody(1_000_000);
    expect(advisor.choose(body)).toBe('gzip');
    advisor.recordRequest(1_000_000, 0.01);
    expect(advisor.choose(body)).toBe('none');
  });

  it('with auto, compresses over a slow link and not to a cluster that answers at once', () => {
    const body = logBody(5_000_000);
    // A 64 KiB sample in 0.25 ms: about 4 ms per MiB, level 1's usual cost.
    const overLink = autoAdvisor(0.25, 2);
    overLink.choose(body);
    // 1 Gbit/s and a 1 ms round trip, for the compressed body.
    const wireBytes = Math.round(body.byteLength * sampledFraction(body));
    overLink.recordRequest(wireBytes, 1 + wireBytes / 125_000);
    expect(overLink.choose(body)).toBe('gzip');
    const nextDoor = autoAdvisor(0.25, 2);
    nextDoor.choose(body);
    nextDoor.recordRequest(wireBytes, 0.2);
    expect(nextDoor.choose(body)).toBe('none');
  });

  it('with auto, weighs time saved against time spent per byte, counting half the cost with two CPUs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 200_000 }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.integer({ min: 1, max: 1e8 }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        (bodyBytes, seed, sampleMs, wireBytes, requestMs, parallelism) => {
          const body = logBody(bodyBytes, seed);
          const advisor = autoAdvisor(sampleMs, parallelism);
          advisor.recordRequest(wireBytes, requestMs);
          const sampled = Math.min(SAMPLE_BYTES, bodyBytes);
          const saved = (requestMs / wireBytes) * (1 - Math.min(1, sampledFraction(body)));
          const cost = (sampleMs / sampled) * (parallelism > 1 ? 0.5 : 1);
          expect(advisor.choose(body)).toBe(saved >= cost ? 'gzip' : 'none');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('with auto, never stops compressing because requests got slower', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 1e8 }), fc.double({ min: 0, max: 1e4, noNaN: true })),
          { maxLength: 8 },
        ),
        fc.integer({ min: 1, max: 1e8 }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (history, wireBytes, first, second, sampleMs) => {
          const [faster, slower] = first <= second ? [first, second] : [second, first];
          const body = logBody(20_000);
          const chooseAfter = (lastRequestMs: number) => {
            const advisor = autoAdvisor(sampleMs, 2);
            for (const [bytes, ms] of history) advisor.recordRequest(bytes, ms);
            advisor.recordRequest(wireBytes, lastRequestMs);
            return advisor.choose(body);
          };
          if (chooseAfter(faster) === 'gzip') expect(chooseAfter(slower)).toBe('gzip');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('follows a link that gets slower: a few slow requests turn compression back on', () => {
    const body = logBody(1_000_000);
    const advisor = autoAdvisor(0.25, 1);
    for (let request = 0; request < 3; request += 1) advisor.recordRequest(1_000_000, 0.1);
    expect(advisor.choose(body)).toBe('none');
    // One slow request (a new connection, a pause) does not flip the choice…
    advisor.recordRequest(1_000_000, 100);
    expect(advisor.choose(body)).toBe('none');
    // …a link that stays slow does.
    advisor.recordRequest(1_000_000, 100);
    advisor.recordRequest(1_000_000, 100);
    expect(advisor.choose(body)).toBe('gzip');
  });

  it('samples the first five bodies, then one in sixteen, each at most 64 KiB', () => {
    let readings = 0;
    const advisor = createCompressionAdvisor({
      compression: 'auto',
      gzipLevel: 1,
      now: () => {
        readings += 1;
        return readings;
      },
    });
    for (let body = 0; body < 5; body += 1) advisor.choose(logBody(1_000));
    expect(readings).toBe(10);
    for (let body = 5; body < 32; body += 1) advisor.choose(logBody(1_000));
    // Bodies 16 and 32 (counting from 1) were sampled again.
    expect(readings).toBe(14);
  });

  it('ignores requests that cannot have been measured (no bytes, negative or NaN times)', () => {
    const advisor = createCompressionAdvisor({
      compression: 'auto',
      gzipLevel: 1,
      now: sampleClock(1),
    });
    advisor.recordRequest(0, 1);
    advisor.recordRequest(700_000, -1);
    advisor.recordRequest(700_000, Number.NaN);
    // No usable request time, so it still compresses, however costly the samples.
    expect(advisor.choose(logBody(100_000))).toBe('gzip');
  });
});
