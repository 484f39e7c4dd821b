import { gunzipSync } from 'node:zlib';

interface FloorPayload {
  readonly messageType: string;
  readonly logEvents: readonly {
    readonly id: string;
    readonly timestamp: number;
    readonly message: string;
  }[];
}

/**
 * The benchmark's floor: the least work any shipper must do per Kinesis record — base64 decode,
 * gunzip, JSON.parse, and a minimal NDJSON action + document per event — with nothing else (no
 * validation, no metadata, no chunking, no network).
 *
 * @example
 * ```ts
 * const ndjson = transformFloor(record.kinesis.data);
 * ```
 */
export function transformFloor(data: string): string {
  const payload = JSON.parse(
    gunzipSync(Buffer.from(data, 'base64')).toString('utf8'),
  ) as FloorPayload;
  if (payload.messageType !== 'DATA_MESSAGE') return '';
  let body = '';
  for (const logEvent of payload.logEvents) {
    const timestamp = new Date(logEvent.timestamp).toISOString();
    body += `{"create":{"_index":"cwl-${timestamp.slice(0, 10).replaceAll('-', '.')}","_id":"${logEvent.id}"}}\n{"@timestamp":"${timestamp}","message":${JSON.stringify(logEvent.message)}}\n`;
  }
  return body;
}
