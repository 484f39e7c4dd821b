// `pnpm demo`: the whole pipeline on this machine. kinesalite (Kinesis), s3rver (S3 archive and
// dead letters) and the kit's fake Elasticsearch run on 127.0.0.1; CloudWatch-style records go
// into the stream; a poller that follows Lambda's event source mapping rules feeds them to the
// same handler code the Lambda runs; then it shows — and checks — what arrived.
// Set LOGFERRY_ELASTICSEARCH_URL (plus the auth variables) to ship to your own cluster instead.
import { encodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
import { createSignedFetch } from '@logferry/sigv4';
import { startFakeElasticsearch } from '@logferry/sink-testkit';
import { type LambdaConfig, loadConfig } from '../src/config';
import { createConfiguredHandler } from '../src/create-configured-handler';
import { createRuntime } from '../src/create-runtime';
import { buildDataMessage, controlMessage } from '../src/testing/build-data-message';
import { generateLogEvents } from '../src/testing/generate-log-events';
import { pollLikeEventSourceMapping } from '../src/testing/poll-like-event-source-mapping';
import { readLocalBucket } from '../src/testing/read-local-bucket';
import { startKinesalite } from '../src/testing/start-kinesalite';
import { startS3rver } from '../src/testing/start-s3rver';

const streamName = 'logferry-demo';
const bucket = 'logferry-demo';
const functionName = 'logferry-demo';
const seedMessages = [
  { logGroup: 'foo', message: 'ilikecats' },
  { logGroup: 'bar', message: 'im an awesome log file' },
  { logGroup: 'baz', message: 'search me im a log' },
];
const generatedEvents = 3_000;
const eventsPerRecord = 50;
const ownLogGroupEvents = 5;

const write = (line: string) => process.stdout.write(`${line}\n`);
const failures: string[] = [];
const check = (ok: boolean, description: string) => {
  write(`  ${ok ? '✔' : '✘'} ${description}`);
  if (!ok) failures.push(description);
};

async function main(): Promise<void> {
  const started = performance.now();
  const externalUrl = process.env.LOGFERRY_ELASTICSEARCH_URL?.trim() || undefined;
  const cleanups: (() => Promise<void>)[] = [];
  try {
    write('logferry demo — starting local stand-ins on 127.0.0.1');
    const kinesis = await startKinesalite();
    cleanups.push(() => kinesis.close());
    const s3 = await startS3rver([bucket]);
    cleanups.push(() => s3.close());
    const fakeElasticsearch =
      externalUrl === undefined ? await startFakeElasticsearch() : undefined;
    if (fakeElasticsearch !== undefined) cleanups.push(() => fakeElasticsearch.close());
    write(`  Kinesis (kinesalite)      ${kinesis.endpoint}`);
    write(`  S3 (s3rver)               ${s3.endpoint}  bucket ${bucket}`);
    write(
      fakeElasticsearch === undefined
        ? `  Elasticsearch (yours)     ${new URL(externalUrl as string).origin}`
        : `  Elasticsearch (fake)      ${fakeElasticsearch.url}`,
    );

    // The same configuration path as the Lambda: environment variables → loadConfig.
    process.env.AWS_REGION ??= 'us-east-1';
    const environment: Record<string, string | undefined> = {
      ...process.env,
      AWS_LAMBDA_FUNCTION_NAME: functionName,
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
      LOGFERRY_ARCHIVE_BUCKET: bucket,
      LOGFERRY_S3_ENDPOINT: s3.endpoint,
      // One index per log group and day, so the summary shows where foo, bar and baz went.
      LOGFERRY_INDEX_TEMPLATE: process.env.LOGFERRY_INDEX_TEMPLATE ?? 'cwl-{logGroup}-{yyyy.MM.dd}',
    };
    if (fakeElasticsearch !== undefined) {
      environment.LOGFERRY_ELASTICSEARCH_URL = fakeElasticsearch.url;
      environment.LOGFERRY_ELASTICSEARCH_AUTH = 'none';
    }
    const config = loadConfig(environment);
    // s3rver knows one key pair (it does not check signatures); real AWS credentials in the
    // environment, if any, stay for signing requests to your own OpenSearch domain.
    const runtime = createRuntime(config, { s3Credentials: s3.credentials });
    const lines: string[] = [];
    const handler = createConfiguredHandler(config, runtime, {
      writeLog: (line) => lines.push(line),
    });

    write(
      `\nCreating stream ${streamName} (2 shards) and writing CloudWatch Logs subscription records`,
    );
    await kinesis.createStream(streamName, 2);
    const now = Date.now();
    const records: { data: Uint8Array; partitionKey: string }[] = [];
    const put = (
      message: Parameters<typeof encodeSubscriptionMessage>[0],
      partitionKey: string,
    ) => {
      records.push({
        data: Buffer.from(encodeSubscriptionMessage(message), 'base64'),
        partitionKey,
      });
    };
    put(controlMessage, 'control');
    for (const [index, seed] of seedMessages.entries()) {
      const id = `${seedEventId + BigInt(index)}`;
      put(
        {
          ...buildDataMessage(seed.logGroup, [], { logStream: 'test' }),
          logEvents: [{ id, timestamp: now, message: seed.message }],
        },
        `${seed.logGroup}/test`,
      );
    }
    const generated = generateLogEvents({
      count: generatedEvents,
      seed: 2024,
      startTimestamp: now - 600_000,
    });
    const groups = ['foo', 'bar', 'baz'];
    for (let start = 0; start < generated.length; start += eventsPerRecord) {
      const logGroup = groups[(start / eventsPerRecord) % groups.length] as string;
      const logStream = `2024/06/10/[$LATEST]${(start / eventsPerRecord).toString(16).padStart(8, '0')}`;
      put(
        {
          messageType: 'DATA_MESSAGE',
          owner: '123456789012',
          logGroup,
          logStream,
          subscriptionFilters: ['logferry'],
          logEvents: generated.slice(start, start + eventsPerRecord),
        },
        `${logGroup}/${logStream}`,
      );
    }
    // The function's own logs, in case someone subscribed its log group: the guard skips them.
    put(
      {
        ...buildDataMessage(`/aws/lambda/${functionName}`, [], {}),
        logEvents: Array.from({ length: ownLogGroupEvents }, (_, index) => ({
          id: `${ownEventId + BigInt(index)}`,
          timestamp: now,
          message: `REPORT RequestId: demo-${index} Duration: 12.00 ms`,
        })),
      },
      'own',
    );
    await kinesis.putRecords(streamName, records);
    const expectedEvents = seedMessages.length + generatedEvents;
    write(`  ${records.length} Kinesis records, ${expectedEvents} log events to ship`);

    write('\nRunning the pipeline: poller (event source mapping rules) → handler');
    const interactive = process.stdout.isTTY === true;
    let lastPrinted = 0;
    const poll = await pollLikeEventSourceMapping({
      client: kinesis.client,
      streamName,
      handler,
      batchSize: 20,
      onInvocation: (progress) => {
        const line = `  invocations ${progress.invocations} · records ${progress.recordsInvoked}/${records.length}`;
        if (interactive) process.stdout.write(`\r${line}`);
        else if (
          progress.invocations - lastPrinted >= 5 ||
          progress.recordsInvoked === records.length
        ) {
          lastPrinted = progress.invocations;
          write(line);
        }
      },
    });
    if (interactive) process.stdout.write('\n');
    if (process.env.DEMO_DEBUG) for (const line of lines) process.stderr.write(`${line}\n`);
    const summaries = lines.map((line) => JSON.parse(line) as Record<string, number>);
    const total = (name: string) => summaries.reduce((sum, line) => sum + (line[name] ?? 0), 0);
    write(
      `  ${poll.invocations} invocations · ${total('Events')} events · delivered ${total('Delivered')} (all sinks) · dead-lettered ${total('DeadLettered')} · handed back ${total('HandedBack')} · own-log-group events skipped ${total('ownLogGroupEvents')} · control messages skipped ${total('controlMessages')}`,
    );

    write('\nWhat arrived in Elasticsearch:');
    const search = createSearchClient(config, fakeElasticsearch?.url);
    // Where the documents went: the data stream, or every index the template can produce.
    const target =
      config.elasticsearch?.dataStream ??
      `${(config.elasticsearch?.indexTemplate ?? 'cwl-').split('{', 1)[0]}*`;
    await search('POST', `/${target}/_refresh`);
    const indices = (await search('GET', `/_cat/indices/${target}?format=json`)) as {
      index: string;
      'docs.count': string;
    }[];
    let documents = 0;
    for (const index of indices.sort((first, second) => first.index.localeCompare(second.index))) {
      documents += Number(index['docs.count']);
      write(`  ${index.index.padEnd(24)} ${index['docs.count']} documents`);
    }
    const hits = (await search('GET', `/${target}/_search?q=${encodeURIComponent('*cats*')}`)) as {
      hits: { total: { value: number }; hits: { _id: string; _source: Record<string, unknown> }[] };
    };
    write('  search "*cats*" →');
    for (const hit of hits.hits.hits) write(`    ${JSON.stringify(hit._source)}`);

    write('\nWhat arrived in the S3 archive:');
    const bucketContents = await readLocalBucket(s3, bucket, {
      archive: config.archive?.prefix ?? 'archive',
      deadLetter: config.deadLetter.prefix,
    });
    const archive = bucketContents.archiveKeys;
    for (const key of archive.slice(0, 5)) write(`  s3://${bucket}/${key}`);
    if (archive.length > 5) write(`  … and ${archive.length - 5} more objects`);
    const archivedEvents = bucketContents.archived.length;
    const deadLetters = bucketContents.deadLetterKeys;
    write(
      `  ${archive.length} archive objects holding ${archivedEvents} events; ${deadLetters.length} dead-letter objects`,
    );

    write('\nChecks:');
    if (fakeElasticsearch === undefined) {
      check(
        documents >= expectedEvents,
        `Elasticsearch holds at least the ${expectedEvents} events shipped (found ${documents})`,
      );
    } else {
      check(
        documents === expectedEvents,
        `Elasticsearch holds exactly the ${expectedEvents} events shipped (found ${documents})`,
      );
      const ids = fakeElasticsearch.storedIds();
      check(new Set(ids).size === ids.length, 'no duplicate documents');
    }
    check(
      archivedEvents === expectedEvents,
      `the archive holds the ${expectedEvents} events (found ${archivedEvents})`,
    );
    check(
      hits.hits.hits.some((hit) => hit._source.message === 'ilikecats'),
      'the search for "*cats*" finds the "ilikecats" document',
    );
    check(
      total('ownLogGroupEvents') === ownLogGroupEvents,
      `the ${ownLogGroupEvents} events of the function's own log group were skipped`,
    );
    check(
      poll.discarded.length === 0 && total('HandedBack') === 0 && deadLetters.length === 0,
      'nothing failed, handed back or dead-lettered',
    );
    write(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

const seedEventId = 36990390990134150016227618181431330390633573838329300000n;
const ownEventId = 36990390990134150016227618181431330390633573838329200000n;

/** Reads and signs like the sink does, so the demo's own queries work on a real cluster too. */
function createSearchClient(config: LambdaConfig, fakeUrl: string | undefined) {
  const elasticsearch = config.elasticsearch;
  if (elasticsearch === undefined) throw new Error('the demo needs the Elasticsearch sink');
  const base = (fakeUrl ?? elasticsearch.url).replace(/\/+$/, '');
  const auth = elasticsearch.auth;
  const send =
    auth.kind === 'aws-sigv4'
      ? createSignedFetch({ service: auth.service, region: auth.region })
      : fetch;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth.kind === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password.reveal()}`).toString('base64')}`;
  } else if (auth.kind === 'api-key') {
    headers.authorization = `ApiKey ${auth.apiKey.reveal()}`;
  }
  return async (method: string, path: string): Promise<unknown> => {
    const response = await send(`${base}${path}`, { method, headers });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as unknown;
  };
}

main().then(
  () => {
    if (failures.length > 0) {
      write(`\n${failures.length} check(s) failed.`);
      process.exitCode = 1;
    }
  },
  (error: unknown) => {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
