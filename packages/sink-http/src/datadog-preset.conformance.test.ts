import { describeSinkConformance, startFakeHttpIntake } from '@logferry/sink-testkit';
import { createHttpSink } from './create-http-sink';
import { createIntakeHarness } from './test-support';

const apiKey = '3f9c2a7be1d04c5f8a6b9e2d7c1f0a4b';
const maxBytes = 65_536;
// Generous: a healthy request on a loaded 2-core CI machine can take several hundred ms.
const timeoutMs = 1000;

describeSinkConformance(
  'datadog',
  async () => {
    // Datadog answers 202 `{}` to accepted logs and 403 to a bad API key.
    const intake = await startFakeHttpIntake({
      status: 202,
      responseBody: '{}',
      responseHeaders: { 'content-type': 'application/json' },
      methods: ['POST', 'GET'],
      authorize: (request) => request.headers['dd-api-key'] === apiKey,
      unauthorizedStatus: 403,
    });
    const sink = createHttpSink({
      preset: 'datadog',
      url: `${intake.url}/api/v2/logs`,
      apiKey,
      healthCheck: { url: `${intake.url}/api/v1/validate` },
      maxBytes,
      timeoutMs,
    });
    return createIntakeHarness({ intake, sink, maxBytes, timeoutMs, secrets: [apiKey] });
  },
  {
    skip: {
      'SINK-2':
        'the Datadog logs intake accepts or refuses whole requests; there is no per-log status (SINK-8 checks whole-request failures)',
      'SINK-3':
        'the Datadog logs intake cannot deduplicate: a re-sent log is stored again. Delivery is at least once; every log carries the CloudWatch event id (README, "Idempotence")',
    },
  },
);
