// The Lambda entry point is `index.handler`; the rest is exported for tests, the demo and
// anyone wiring the delivery loop into another runtime.
export {
  type BackoffOptions,
  computeBackoffDelay,
  defaultBackoffOptions,
} from './compute-backoff-delay';
export {
  type ElasticsearchAuthConfig,
  type ElasticsearchConfig,
  type HttpPreset,
  type HttpSinkConfig,
  type LambdaConfig,
  type LoadConfigOptions,
  type LogferryConfig,
  loadConfig,
  type S3Config,
  type S3LocationConfig,
} from './config';
export { createConfiguredHandler } from './create-configured-handler';
export {
  createHandler,
  type HandlerContext,
  type HandlerDependencies,
  type KinesisHandler,
} from './create-handler';
export { type CreateRuntimeOptions, createRuntime, type Runtime } from './create-runtime';
export {
  type CreateSinksOptions,
  createSinks,
  type SinkDestination,
  type Sinks,
} from './create-sinks';
export {
  type DecodeBatchOptions,
  type DecodedBatch,
  type DecodedLogEvent,
  type DecodedSubscriptionMessage,
  type DecodeRecordData,
  decodeBatch,
} from './decode-batch';
export {
  type DeliverBatchOptions,
  type DeliveryFailure,
  type DeliveryReport,
  deliverBatch,
  type SinkDeliveryReport,
} from './deliver-batch';
export {
  ConfigError,
  KinesisLambdaError,
  type KinesisLambdaErrorCode,
  type KinesisLambdaErrorOptions,
} from './errors';
export { handler } from './handler';
export { type FormatInvocationLogOptions, formatInvocationLog, metricsNamespace } from './metrics';
export { Secret } from './secret';
export { elasticsearchSettingNames, type SettingName, settingNames } from './setting-names';
