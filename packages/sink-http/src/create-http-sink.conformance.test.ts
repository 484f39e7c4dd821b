import { describeSinkConformance, startFakeHttpIntake } from '@logferry/sink-testkit';
import { createHttpSink } from './create-http-sink';
import { createIntakeHarness } from './test-support';

const token = 'generic-intake-T0ken-8d1f2a';
const maxBytes = 65_536;
// Generous: a healthy request on a loaded 2-core CI machine can take several hundred ms.
const timeoutMs = 1000;

describeSinkConformance(
  'http (generic, ndjson, bearer)',
  async () => {
    const intake = await startFakeHttpIntake({
      methods: ['POST', 'GET'],
      authorize: (request) => request.headers.authorization === `Bearer ${token}`,
      unauthorizedStatus: 401,
    });
    const sink = createHttpSink({
      url: `${intake.url}/ingest`,
      auth: { kind: 'bearer', token },
      compression: 'gzip',
      maxBytes,
      timeoutMs,
      healthCheck: { url: `${intake.url}/health` },
    });
    return createIntakeHarness({
      intake,
      sink,
      maxBytes,
      timeoutMs,
      secrets: [token, `Bearer ${token}`],
    });
  },
  {
    skip: {
      'SINK-2':
        'an HTTP log intake accepts or refuses whole requests; there is no per-record status (SINK-8 checks whole-request failures)',
      'SINK-3':
        'HTTP log intakes cannot deduplicate: a re-sent event is stored again. Delivery is at least once; every event carries the CloudWatch event id for deduplication downstream (README, "Idempotence")',
    },
  },
);
