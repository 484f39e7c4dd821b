import { describe, expect, it } from 'vitest';
import { setupReferenceHarness } from './__tests__/reference-harness';
import { ConformanceViolationError } from './errors';
import { planConformanceTests } from './plan-conformance-tests';
import { runConformanceTest } from './run-conformance-test';
import type { SinkConformanceHarness } from './sink-conformance-harness';

const planned = (title: string) => {
  const test = planConformanceTests().find((candidate) => candidate.title.startsWith(title));
  if (test === undefined) throw new Error(`no planned test ${title}`);
  return test;
};

class Skipped extends Error {}
const options = {
  skip: (note: string): never => {
    throw new Skipped(note);
  },
  checkOutputForSecrets: true,
};

function tracked(setup: () => Promise<SinkConformanceHarness>) {
  let closed = 0;
  return {
    setup: async () => {
      const harness = await setup();
      return {
        ...harness,
        close: async () => {
          closed += 1;
          await harness.close();
        },
      };
    },
    closed: () => closed,
  };
}

describe('runConformanceTest', () => {
  it('runs a case on a fresh harness and closes it', async () => {
    const run = tracked(() => setupReferenceHarness());
    await runConformanceTest(planned('SINK-4'), run.setup, options);
    expect(run.closed()).toBe(1);
  });

  it('fails a passing case as SINK-10 when a secret shows up in the output', async () => {
    const run = tracked(() => setupReferenceHarness({ defects: ['log-credentials'] }));
    const error = await runConformanceTest(planned('SINK-1'), run.setup, options).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConformanceViolationError);
    expect(error).toMatchObject({ ruleId: 'SINK-10' });
    expect((error as Error).message).toBe(
      'SINK-10 violated: credentials appeared in console/stdout/stderr output during "SINK-1 (MUST) a healthy destination gets every record once": secret #2 in output',
    );
    expect(run.closed()).toBe(1);
  });

  it('leaves the output unchecked when SINK-10 is skipped', async () => {
    const run = tracked(() => setupReferenceHarness({ defects: ['log-credentials'] }));
    await runConformanceTest(planned('SINK-1'), run.setup, {
      ...options,
      checkOutputForSecrets: false,
    });
    expect(run.closed()).toBe(1);
  });

  it('skips a case that does not apply, with its reason, and still closes the harness', async () => {
    const run = tracked(() => setupReferenceHarness({ withHealthCheck: false }));
    await expect(
      runConformanceTest(planned('SINK-13 (SHOULD) a healthy'), run.setup, options),
    ).rejects.toThrow(
      new Skipped('the sink has no checkHealth() (optional in the Sink interface)'),
    );
    expect(run.closed()).toBe(1);
  });

  it('reports both the violation and a failure to close', async () => {
    const setup = async () => {
      const harness = await setupReferenceHarness({ defects: ['request-empty-batch'] });
      return {
        ...harness,
        close: async () => {
          await harness.close();
          throw new Error('close failed');
        },
      };
    };
    const error = await runConformanceTest(planned('SINK-4'), setup, options).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AggregateError);
    const [violation, closeError] = (error as AggregateError).errors;
    expect(violation).toMatchObject({ ruleId: 'SINK-4' });
    expect(closeError).toMatchObject({ message: 'close failed' });
  });
});
