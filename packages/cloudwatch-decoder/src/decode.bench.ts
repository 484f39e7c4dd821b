import { gunzipSync as gunzipWithZlib } from 'node:zlib';
import { gunzipSync as gunzipWithFflate } from 'fflate';
import { bench, describe } from 'vitest';
import { createRealisticBatch } from './__fixtures__/create-realistic-batch';
import { decodeSubscriptionMessage } from './decode-subscription-message';

// 500 Kinesis records × 50 events, as one Lambda invocation would receive them.
const { data } = createRealisticBatch({ records: 500, eventsPerRecord: 50 });
const textDecoder = new TextDecoder();

const candidates = {
  floor: () => {
    for (const text of data) JSON.parse(gunzipWithZlib(Buffer.from(text, 'base64')) as never);
  },
  decodeNode: () => {
    for (const text of data) decodeSubscriptionMessage(text, { inflater: 'node' });
  },
  decodePortable: () => {
    for (const text of data) decodeSubscriptionMessage(text, { inflater: 'portable' });
  },
  fflateUnbounded: () => {
    for (const text of data) {
      JSON.parse(textDecoder.decode(gunzipWithFflate(Buffer.from(text, 'base64'))));
    }
  },
};

const options = { time: 1500, warmupTime: 300 };

// vitest prints relative speeds of separate runs, and skips hooks in bench mode; this prints
// ratios measured before the benchmarks start. Every round runs each candidate back to back (in
// an order that alternates between rounds) and divides by the floor of that same round, so load
// from other processes hits numerator and denominator alike; the median of those ratios is shown.
reportRatios(21);

function reportRatios(rounds: number): void {
  type Name = keyof typeof candidates;
  const names = Object.keys(candidates) as Name[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
    Name,
    number[]
  >;
  const ratios = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
    Name,
    number[]
  >;
  for (let round = -2; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    const elapsed = {} as Record<Name, number>;
    for (const name of order) {
      const started = performance.now();
      candidates[name]();
      elapsed[name] = performance.now() - started;
    }
    // The first two rounds warm up the JIT and are not counted.
    if (round < 0) continue;
    for (const name of names) {
      times[name].push(elapsed[name]);
      ratios[name].push(elapsed[name] / elapsed.floor);
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] ?? 0;
  const lines = names.map(
    (name) =>
      `  ${name.padEnd(16)} ${median(times[name]).toFixed(2).padStart(7)} ms/batch   ratio ${median(ratios[name]).toFixed(3)}× of floor`,
  );
  console.log(
    `Medians of ${rounds} rounds, 500 records × 50 events per batch:\n${lines.join('\n')}`,
  );
}

describe('decode 500 Kinesis records × 50 events', () => {
  bench('floor: Buffer.from(base64) + zlib.gunzipSync + JSON.parse', candidates.floor, options);
  bench('decodeSubscriptionMessage, inflater node', candidates.decodeNode, options);
  bench('decodeSubscriptionMessage, inflater portable', candidates.decodePortable, options);
  bench('fflate.gunzipSync + JSON.parse (no cap, no checks)', candidates.fflateUnbounded, options);
});
