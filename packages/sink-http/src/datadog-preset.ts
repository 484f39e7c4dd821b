import type { SinkRecord } from '@logferry/sink';
import { compileRecordTemplate } from './compile-record-template';
import { createOptionError } from './errors';
import type { HttpPresetSpec } from './http-preset-spec';
import type { DatadogSinkOptions, HttpIntakeEvent } from './http-sink-options';
import { parseIntakeUrl } from './parse-intake-url';

const sitePattern = /^[a-z0-9]+(?:[.-][a-z0-9]+)*\.[a-z]{2,}$/;
const intakeHostPrefix = 'http-intake.logs.';

/**
 * Resolves the options of the Datadog logs intake (`POST https://http-intake.logs.<site>/api/v2/logs`):
 * a JSON array with `DD-API-KEY`, gzip, and Datadog's limits enforced rather than left to the
 * intake — at most 5,000,000 bytes before compression and 1000 events per request, and events of
 * at most 1,000,000 bytes (Datadog would accept and truncate a larger one; the sink rejects it
 * whole instead, so the dead-letter store keeps the full message). Each event carries `ddsource`,
 * `ddtags`, `hostname`, `service`, `message`, an ISO `timestamp`, the CloudWatch event `id`, and
 * `aws.awslogs.{logGroup,logStream,owner}`. `checkHealth()` calls `GET /api/v1/validate`.
 *
 * @throws {SinkError} `invalid-options` for a bad site, URL, tag or a missing API key.
 * @example
 * ```ts
 * resolveDatadogPreset({ preset: 'datadog', site: 'datadoghq.eu', apiKey: 'k' }).url.href;
 * // 'https://http-intake.logs.datadoghq.eu/api/v2/logs'
 * ```
 */
export function resolveDatadogPreset(options: DatadogSinkOptions): HttpPresetSpec {
  const site = readSite(options);
  const { url, basicAuth } = parseIntakeUrl(
    'url',
    options.url ?? `https://${intakeHostPrefix}${site}/api/v2/logs`,
  );
  const urlKey = url.searchParams.get('dd-api-key') ?? undefined;
  url.searchParams.delete('dd-api-key');
  if (
    options.apiKey !== undefined &&
    (typeof options.apiKey !== 'string' || options.apiKey === '')
  ) {
    throw createOptionError('apiKey', 'a non-empty string', options.apiKey, { hideReceived: true });
  }
  if (options.apiKey !== undefined && urlKey !== undefined && urlKey !== options.apiKey) {
    throw createOptionError(
      'apiKey',
      'the same key as the dd-api-key parameter of url, or absent',
      options.apiKey,
      { hideReceived: true },
    );
  }
  const apiKey = options.apiKey ?? urlKey;
  if (apiKey === undefined || apiKey === '') {
    throw createOptionError(
      'apiKey',
      'a Datadog API key (or a dd-api-key parameter in url)',
      options.apiKey,
      { sink: 'datadog' },
    );
  }
  const source = options.source ?? 'cloudwatch';
  if (typeof source !== 'string' || source === '') {
    throw createOptionError('source', 'a non-empty string', source);
  }
  const service =
    options.service === undefined ? undefined : compileRecordTemplate('service', options.service);
  const hostname = compileRecordTemplate('hostname', options.hostname ?? '{logGroup}');
  const ddtags = readTags(options.tags);

  const toEvent = (record: SinkRecord): HttpIntakeEvent => ({
    ddsource: source,
    ...(ddtags === undefined ? {} : { ddtags }),
    hostname: hostname.render(record),
    service: service === undefined ? deriveService(record.logGroup) : service.render(record),
    timestamp: new Date(record.timestamp).toISOString(),
    message: record.message,
    id: record.id,
    aws: {
      awslogs: { logGroup: record.logGroup, logStream: record.logStream, owner: record.owner },
    },
    ...(record.extractedFields === undefined ? {} : { extractedFields: record.extractedFields }),
  });

  return {
    name: 'datadog',
    url,
    urlBasicAuth: basicAuth,
    method: 'POST',
    format: 'json-array',
    contentType: 'application/json',
    defaultCompression: 'gzip',
    maxBytes: { default: 5_000_000, maximum: 5_000_000 },
    maxEvents: { default: 1000, maximum: 1000 },
    maxEventBytes: { default: 1_000_000, maximum: 1_000_000 },
    headers: { 'DD-API-KEY': apiKey },
    secrets: [apiKey],
    credentials: 'DD-API-KEY header',
    recordHeaders: undefined,
    toEvent,
    healthCheck: { url: `https://api.${site}/api/v1/validate`, method: 'GET' },
  };
}

function readSite(options: DatadogSinkOptions): string {
  if (options.site !== undefined) {
    if (typeof options.site !== 'string' || !sitePattern.test(options.site)) {
      throw createOptionError(
        'site',
        'a Datadog site such as datadoghq.com or us5.datadoghq.com',
        options.site,
      );
    }
    return options.site;
  }
  if (typeof options.url === 'string' && URL.canParse(options.url)) {
    const host = new URL(options.url).hostname;
    const inferred = host.startsWith(intakeHostPrefix) ? host.slice(intakeHostPrefix.length) : '';
    if (sitePattern.test(inferred)) return inferred;
  }
  return 'datadoghq.com';
}

function readTags(tags: unknown): string | undefined {
  if (tags === undefined) return undefined;
  const rule =
    'an array of non-empty tags (at most 200 characters, no commas) such as env:production';
  if (!Array.isArray(tags)) throw createOptionError('tags', rule, tags);
  for (const tag of tags) {
    if (typeof tag !== 'string' || tag === '' || tag.length > 200 || tag.includes(',')) {
      throw createOptionError('tags', rule, tag);
    }
  }
  return tags.length === 0 ? undefined : tags.join(',');
}

/** `/aws/lambda/Checkout` → `checkout`: the function or service name most log groups end with. */
function deriveService(logGroup: string): string {
  const segments = logGroup.split('/').filter((segment) => segment !== '');
  return (segments.at(-1) ?? logGroup).toLowerCase();
}
