export { createElasticsearchSink } from './create-elasticsearch-sink';
export type { ElasticsearchSink, ElasticsearchSinkDescription } from './elasticsearch-sink';
export { ELASTICSEARCH_SINK_DEFAULTS } from './elasticsearch-sink-defaults';
export type {
  ElasticsearchAuth,
  ElasticsearchCompression,
  ElasticsearchSinkOptions,
} from './elasticsearch-sink-options';
