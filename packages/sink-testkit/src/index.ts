export { captureOutput, type OutputCapture } from './capture-output';
export type { FakeElasticsearchAuth, SignedRequestInfo } from './check-elasticsearch-auth';
export type {
  ConformanceCase,
  ConformanceCheckReport,
  ConformanceRule,
  ConformanceRuleId,
} from './conformance-rule';
export { conformanceRules } from './conformance-rules';
export { type CreateTestRecordsOptions, createTestRecords } from './create-test-records';
export {
  describeSinkConformance,
  type SinkConformanceOptions,
} from './describe-sink-conformance';
export type { StoredDocument } from './elasticsearch-store';
export {
  ConformanceViolationError,
  SinkTestkitError,
  type SinkTestkitErrorCode,
  type SinkTestkitErrorOptions,
} from './errors';
export {
  type Fault,
  type FaultCommon,
  type FaultRequestInfo,
  FaultScript,
} from './fault-script';
export type { ConformanceFault, SinkConformanceHarness } from './sink-conformance-harness';
export {
  type BulkItemAction,
  type FakeElasticsearch,
  type FakeElasticsearchOptions,
  type FakeElasticsearchStats,
  type ItemFailure,
  type RecordedElasticsearchRequest,
  startFakeElasticsearch,
} from './start-fake-elasticsearch';
export {
  type FakeHttpIntake,
  type FakeHttpIntakeOptions,
  type FakeHttpIntakeStats,
  type IntakeRequest,
  type IntakeResponse,
  startFakeHttpIntake,
} from './start-fake-http-intake';
export {
  type FaultProxy,
  type FaultProxyOptions,
  type FaultProxyStats,
  startFaultProxy,
} from './start-fault-proxy';
