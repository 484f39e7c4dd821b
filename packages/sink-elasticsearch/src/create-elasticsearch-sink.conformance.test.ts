import { describeSinkConformance } from '@logferry/sink-testkit';
import { setupConformanceHarness } from './__tests__/setup-conformance-harness';

// The whole of docs/sink-spec.md, against the kit's fake Elasticsearch / OpenSearch, with every
// auth mode and with compression on and off. No rule is skipped.
describeSinkConformance('elasticsearch (basic auth, gzip)', () =>
  setupConformanceHarness({ auth: 'basic', compression: 'gzip' }),
);
describeSinkConformance('elasticsearch (API key, no compression)', () =>
  setupConformanceHarness({ auth: 'api-key', compression: 'none' }),
);
describeSinkConformance('opensearch (SigV4 es, gzip, signatures re-verified)', () =>
  setupConformanceHarness({ auth: 'sigv4-es', compression: 'gzip' }),
);
describeSinkConformance('opensearch serverless (SigV4 aoss, no compression)', () =>
  setupConformanceHarness({ auth: 'sigv4-aoss', compression: 'none' }),
);
