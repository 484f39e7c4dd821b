import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaultScript } from './fault-script';

const request = (method: string, path: string) => ({ method, path, headers: {} });

describe('FaultScript', () => {
  it('hands out faults in order, each as many times as scripted, then nothing', () => {
    const script = new FaultScript();
    script.inject({ kind: 'status', status: 503, times: 2 });
    script.inject({ kind: 'reset' });
    expect(script.take(request('POST', '/_bulk'))?.kind).toBe('status');
    expect(script.take(request('POST', '/_bulk'))?.kind).toBe('status');
    expect(script.take(request('POST', '/_bulk'))?.kind).toBe('reset');
    expect(script.take(request('POST', '/_bulk'))).toBeUndefined();
    expect(script.applied).toBe(3);
    expect(script.pending).toBe(0);
  });

  it('skips faults whose match refuses the request, without using them up', () => {
    const script = new FaultScript();
    script.inject({ kind: 'hang', match: (info) => info.method === 'PUT' });
    expect(script.take(request('GET', '/bucket'))).toBeUndefined();
    expect(script.take(request('PUT', '/bucket/key'))?.kind).toBe('hang');
    expect(script.pending).toBe(0);
  });

  it('keeps an infinite fault until clear()', () => {
    const script = new FaultScript();
    script.inject({ kind: 'delay', ms: 5, times: Number.POSITIVE_INFINITY });
    for (let index = 0; index < 100; index += 1)
      expect(script.take(request('GET', '/'))?.kind).toBe('delay');
    script.clear();
    expect(script.take(request('GET', '/'))).toBeUndefined();
  });

  it('applies a fault to exactly `times` matching requests, whatever the interleaving', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.constantFrom('GET', 'PUT'), { maxLength: 60 }),
        (times, methods) => {
          const script = new FaultScript();
          script.inject({ kind: 'reset', times, match: (info) => info.method === 'PUT' });
          const hits = methods.filter((method) => script.take(request(method, '/')) !== undefined);
          const puts = methods.filter((method) => method === 'PUT').length;
          expect(hits.length).toBe(Math.min(times, puts));
          expect(hits.every((method) => method === 'PUT')).toBe(true);
        },
      ),
    );
  });

  it.each([
    [
      { kind: 'status', status: 99 },
      'Invalid fault: a status fault needs an integer status from 300 to 599; received 99',
    ],
    [
      { kind: 'delay', ms: -1 },
      'Invalid fault: a delay fault needs ms, a finite number ≥ 0; received -1',
    ],
    [
      { kind: 'reset', times: 1.5 },
      'Invalid fault: times must be a positive integer or Number.POSITIVE_INFINITY; received 1.5',
    ],
    [
      { kind: 'reset', match: 'PUT' },
      'Invalid fault: match must be a function of the request; received "PUT"',
    ],
    [
      { kind: 'teleport' },
      'Invalid fault: kind must be one of status, hang, reset, lost-response, delay; received "teleport"',
    ],
    [null, 'Invalid fault: a fault must be an object; received null'],
  ])('rejects %j', (fault, message) => {
    const script = new FaultScript();
    expect(() => script.inject(fault as never)).toThrow(message);
    expect(script.pending).toBe(0);
  });
});
