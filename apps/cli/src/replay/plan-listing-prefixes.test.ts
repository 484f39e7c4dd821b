import { describe, expect, it } from 'vitest';
import { planListingPrefixes } from './plan-listing-prefixes';
import { defaultRetryPolicy } from './retry-policy';

const offline = {
  bucket: 'acme-logs',
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  fetch: (() => Promise.reject(new Error('no request expected'))) as typeof fetch,
};
const plan = (
  mode: 'archive' | 'dead-letters',
  prefix: string,
  filters: Parameters<typeof planListingPrefixes>[0]['filters'],
) =>
  planListingPrefixes({
    mode,
    source: { bucket: 'acme-logs', prefix },
    filters,
    connection: offline,
    policy: { ...defaultRetryPolicy, sleep: async () => {} },
  });

describe('planListingPrefixes', () => {
  it('lists a whole archive, or whole log groups, without a time filter', async () => {
    expect(await plan('archive', 'archive', {})).toEqual({
      prefixes: ['archive/log_group='],
      root: 'archive',
      notes: [],
    });
    expect(
      (await plan('archive', 'logs/archive/', { logGroups: ['/aws/lambda/b', '/aws/lambda/a'] }))
        .prefixes,
    ).toEqual([
      'logs/archive/log_group=%2Faws%2Flambda%2Fa/dt=',
      'logs/archive/log_group=%2Faws%2Flambda%2Fb/dt=',
    ]);
    expect((await plan('archive', '', {})).prefixes).toEqual(['log_group=']);
  });

  it('narrows log groups to the hours, days and months of the time range', async () => {
    const { prefixes } = await plan('archive', 'archive', {
      logGroups: ['/aws/lambda/x'],
      since: Date.UTC(2024, 4, 31, 22, 10),
      until: Date.UTC(2024, 6, 2, 1, 0),
    });
    expect(prefixes).toEqual([
      'archive/log_group=%2Faws%2Flambda%2Fx/dt=2024-05-31/hour=22/',
      'archive/log_group=%2Faws%2Flambda%2Fx/dt=2024-05-31/hour=23/',
      'archive/log_group=%2Faws%2Flambda%2Fx/dt=2024-06-',
      'archive/log_group=%2Faws%2Flambda%2Fx/dt=2024-07-01/hour=',
      'archive/log_group=%2Faws%2Flambda%2Fx/dt=2024-07-02/hour=00/',
      'archive/log_group=%2Faws%2Flambda%2Fx/dt=2024-07-02/hour=01/',
    ]);
  });

  it('lists dead letters by failure time, both kinds', async () => {
    expect(
      (
        await plan('dead-letters', 'dead-letter', {
          since: Date.UTC(2024, 5, 1, 23),
          until: Date.UTC(2024, 5, 2, 0, 30),
        })
      ).prefixes,
    ).toEqual([
      'dead-letter/kind=rejected-record/dt=2024-06-01/hour=23/',
      'dead-letter/kind=rejected-record/dt=2024-06-02/hour=00/',
      'dead-letter/kind=undecodable-record/dt=2024-06-01/hour=23/',
      'dead-letter/kind=undecodable-record/dt=2024-06-02/hour=00/',
    ]);
    expect((await plan('dead-letters', 'dead-letter', {})).prefixes).toEqual(['dead-letter/kind=']);
  });

  it('lists a prefix inside a partition as given, whatever the filters', async () => {
    expect(
      await plan('archive', 'archive/log_group=%2Fx/dt=2024-06-01/', {
        since: Date.UTC(2024, 5, 1, 3),
      }),
    ).toEqual({ prefixes: ['archive/log_group=%2Fx/dt=2024-06-01/'], root: undefined, notes: [] });
  });

  it('explains a failure to list the log groups', async () => {
    await expect(plan('archive', 'archive', { since: Date.UTC(2024, 5, 1) })).rejects.toMatchObject(
      {
        code: 'source-failed',
        message: expect.stringMatching(
          /^Cannot list the log groups under s3:\/\/acme-logs\/archive: /,
        ),
      },
    );
  });
});
