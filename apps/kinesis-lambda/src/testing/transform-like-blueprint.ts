import { gunzipSync } from 'node:zlib';

interface BlueprintPayload {
  readonly messageType: string;
  readonly owner: string;
  readonly logGroup: string;
  readonly logStream: string;
  readonly logEvents: readonly {
    readonly id: string;
    readonly timestamp: number;
    readonly message: string;
    readonly extractedFields?: Record<string, string>;
  }[];
}

/**
 * A re-implementation, for benchmark comparison only, of the approach of AWS's "CloudWatch Logs
 * to Amazon ES" Lambda blueprint: per record, decode and gunzip, then per event build the
 * document by string concatenation, look for JSON from the first `{` and merge its fields into
 * the document ROOT (the mapping-conflict problem logferry avoids), set `_type` to the log group
 * (rejected by Elasticsearch ≥ 7 / OpenSearch), and append to one growing request body for the
 * whole record (no byte-bounded chunking).
 *
 * @example
 * ```ts
 * const bodies = event.Records.map((record) => transformLikeBlueprint(record.kinesis.data));
 * ```
 */
export function transformLikeBlueprint(data: string): string {
  const payload = JSON.parse(
    gunzipSync(Buffer.from(data, 'base64')).toString('utf8'),
  ) as BlueprintPayload;
  if (payload.messageType === 'CONTROL_MESSAGE') return '';
  let body = '';
  for (const logEvent of payload.logEvents) {
    const timestamp = new Date(1 * logEvent.timestamp);
    const indexName = [
      `cwl-${timestamp.getUTCFullYear()}`,
      `0${timestamp.getUTCMonth() + 1}`.slice(-2),
      `0${timestamp.getUTCDate()}`.slice(-2),
    ].join('.');
    const source = buildBlueprintSource(logEvent.message, logEvent.extractedFields);
    source['@id'] = logEvent.id;
    source['@timestamp'] = timestamp.toISOString();
    source['@message'] = logEvent.message;
    source['@owner'] = payload.owner;
    source['@log_group'] = payload.logGroup;
    source['@log_stream'] = payload.logStream;
    const action = { index: { _index: indexName, _type: payload.logGroup, _id: logEvent.id } };
    body += `${[JSON.stringify(action), JSON.stringify(source)].join('\n')}\n`;
  }
  return body;
}

function buildBlueprintSource(
  message: string,
  extractedFields: Record<string, string> | undefined,
): Record<string, unknown> {
  if (extractedFields !== undefined) {
    const source: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(extractedFields)) {
      if (!value) continue;
      if (isNumeric(value)) {
        source[key] = 1 * Number(value);
        continue;
      }
      const json = extractJson(value);
      if (json !== undefined) source[`$${key}`] = JSON.parse(json);
      source[key] = value;
    }
    return source;
  }
  const json = extractJson(message);
  return json === undefined ? {} : (JSON.parse(json) as Record<string, unknown>);
}

function extractJson(message: string): string | undefined {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  const candidate = message.substring(start);
  try {
    JSON.parse(candidate);
    return candidate;
  } catch {
    return undefined;
  }
}

function isNumeric(value: string): boolean {
  return !Number.isNaN(Number.parseFloat(value)) && Number.isFinite(Number(value));
}
