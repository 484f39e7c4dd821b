export { createDefaultEvent, type DefaultHttpEvent } from './create-default-event';
export { createHttpSink } from './create-http-sink';
export type {
  DatadogSinkOptions,
  GenericHttpSinkOptions,
  HttpBodyFormat,
  HttpCompression,
  HttpHealthCheckOptions,
  HttpIntakeEvent,
  HttpSinkAuth,
  HttpSinkBaseOptions,
  HttpSinkOptions,
  HttpSinkPreset,
  LogstashSinkOptions,
  SumoLogicSinkOptions,
} from './http-sink-options';
