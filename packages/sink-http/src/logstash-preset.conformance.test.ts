import { describeSinkConformance, startFakeHttpIntake } from '@logferry/sink-testkit';
import { createHttpSink } from './create-http-sink';
import { createIntakeHarness } from './test-support';

const password = 'l0gstash-Pa55word!';
const basic = `Basic ${Buffer.from(`logferry:${password}`).toString('base64')}`;
const maxBytes = 65_536;
// Generous: a healthy request on a loaded 2-core CI machine can take several hundred ms.
const timeoutMs = 1000;

describeSinkConformance(
  'logstash',
  async () => {
    // The Logstash http input answers 200 "ok" and 401 for wrong basic credentials.
    const intake = await startFakeHttpIntake({
      responseBody: 'ok',
      authorize: (request) => request.headers.authorization === basic,
      unauthorizedStatus: 401,
    });
    const sink = createHttpSink({
      preset: 'logstash',
      url: intake.url,
      auth: { kind: 'basic', username: 'logferry', password },
      maxBytes,
      timeoutMs,
    });
    return createIntakeHarness({ intake, sink, maxBytes, timeoutMs, secrets: [password, basic] });
  },
  {
    skip: {
      'SINK-2':
        'the Logstash http input accepts or refuses whole requests; there is no per-event status (SINK-8 checks whole-request failures)',
      'SINK-3':
        'the Logstash http input cannot deduplicate by itself; deduplicate in the output with document_id => "%{id}" (README, "Idempotence")',
    },
  },
);
