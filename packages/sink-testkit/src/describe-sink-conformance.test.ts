import { setupReferenceHarness } from './__tests__/reference-harness';
import { describeSinkConformance } from './describe-sink-conformance';

// The reference sink is correct: every rule of docs/sink-spec.md must pass against it.
describeSinkConformance('reference', () => setupReferenceHarness());

// Without checkHealth, sendSequence and the optional capabilities, the adapter declares what it
// cannot check; those rules show as skipped, and checkHealth and sendSequence cases skip
// themselves with a reason.
describeSinkConformance(
  'reference without optional capabilities',
  () =>
    setupReferenceHarness({
      withHealthCheck: false,
      withSendSequence: false,
      withCapabilities: false,
    }),
  {
    skip: {
      'SINK-2': 'whole-request destination: no per-record status',
      'SINK-9': 'no byte limit configured',
      'SINK-12': 'destination content is not readable back',
    },
  },
);
