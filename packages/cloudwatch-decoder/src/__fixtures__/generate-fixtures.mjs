// Regenerates the golden fixtures in this folder: `node src/__fixtures__/generate-fixtures.mjs`.
// Payloads follow the shapes AWS documents for CloudWatch Logs subscriptions (Kinesis Data
// Streams, Lambda, Firehose) and are gzipped with node:zlib, as CloudWatch Logs does, so the
// decoder is tested against bytes it did not produce itself.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const folder = new URL('./', import.meta.url);
const encode = (message) => gzipSync(JSON.stringify(message)).toString('base64');
const write = (name, value) =>
  writeFileSync(new URL(name, folder), `${JSON.stringify(value, null, 2)}\n`);

const kinesisRecord = (message, index, shard = 'shardId-000000000000') => {
  const sequenceNumber = `4959033827149025660855969253836157109592157598913658${String(8890 + index)}`;
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: 'ed2f3c1e6f0c1d2a1e5c0d5e4b6a7c8d',
      sequenceNumber,
      data: encode(message),
      approximateArrivalTimestamp: 1700000000.123 + index,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shard}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/logferry-consumer',
    awsRegion: 'eu-west-1',
    eventSourceARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/cloudwatch-logs',
  };
};

const dataMessage = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: '/aws/lambda/checkout',
  logStream: '2023/11/14/[$LATEST]6f1c8a2b9d0e4f7a8b3c2d1e0f9a8b7c',
  subscriptionFilters: ['logferry-all'],
  logEvents: [
    {
      id: '37890412339876543210987654321098765432109876543210123456',
      timestamp: 1699999999001,
      message: 'START RequestId: 8f5c2d1a-3b4e-4c6d-9e8f-7a6b5c4d3e2f Version: $LATEST\n',
    },
    {
      id: '37890412339876543210987654321098765432109876543210123457',
      timestamp: 1699999999042,
      message:
        '2023-11-14T22:13:19.042Z\t8f5c2d1a-3b4e-4c6d-9e8f-7a6b5c4d3e2f\tINFO\t{"level":"info","msg":"order placed","orderId":918273,"total":"42.50 €"}\n',
    },
    {
      id: '37890412339876543210987654321098765432109876543210123458',
      timestamp: 1699999999043,
      message:
        '2023-11-14T22:13:19.043Z\t8f5c2d1a-3b4e-4c6d-9e8f-7a6b5c4d3e2f\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading \'id\')","stack":["TypeError: Cannot read properties of undefined (reading \'id\')","    at handler (/var/task/index.js:12:17)"]}\n',
    },
    {
      id: '37890412339876543210987654321098765432109876543210123459',
      timestamp: 1699999999050,
      message: 'END RequestId: 8f5c2d1a-3b4e-4c6d-9e8f-7a6b5c4d3e2f\n',
    },
    {
      id: '37890412339876543210987654321098765432109876543210123460',
      timestamp: 1699999999050,
      message:
        'REPORT RequestId: 8f5c2d1a-3b4e-4c6d-9e8f-7a6b5c4d3e2f\tDuration: 48.91 ms\tBilled Duration: 49 ms\tMemory Size: 512 MB\tMax Memory Used: 87 MB\tInit Duration: 312.45 ms\t\n',
    },
  ],
};

const secondDataMessage = {
  ...dataMessage,
  logGroup: '/ecs/payments',
  logStream: 'payments/app/0d9e8f7a6b5c4d3e',
  logEvents: [
    {
      id: '37890412339876543210987654321098765432109876543210200001',
      timestamp: 1700000000500,
      message: '',
    },
    {
      id: '37890412339876543210987654321098765432109876543210200002',
      timestamp: 1700000000501,
      message: 'payment authorised: 支払い完了 ✅',
    },
  ],
};

const controlMessage = {
  messageType: 'CONTROL_MESSAGE',
  owner: 'CloudwatchLogs',
  logGroup: '',
  logStream: '',
  subscriptionFilters: [],
  logEvents: [
    {
      id: '',
      timestamp: 1700000000000,
      message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.',
    },
  ],
};

const accountPolicyMessage = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: 'Example1',
  logStream: 'logStream1',
  subscriptionFilters: ['ExamplePolicy'],
  logEvents: [
    {
      id: '31953106606966983378809025079804211143289615424298221568',
      timestamp: 1432826855000,
      message: 'test1',
    },
    {
      id: '31953106606966983378809025079804211143289615424298221569',
      timestamp: 1432826855000,
      message: 'test2',
    },
  ],
  policyLevel: 'ACCOUNT_LEVEL_POLICY',
};

// Filter pattern: [ip, user, username, timestamp, request, status_code, bytes]
const extractedFieldsMessage = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: 'apache/access',
  logStream: 'i-0a1b2c3d4e5f67890',
  subscriptionFilters: ['apache-space-delimited'],
  logEvents: [
    {
      id: '35093963143971327215510178578576502306458824263506968576',
      timestamp: 1700000001000,
      message:
        '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
      extractedFields: {
        ip: '127.0.0.1',
        user: '-',
        username: 'frank',
        timestamp: '10/Oct/2000:13:25:15 -0700',
        request: 'GET /apache_pb.gif HTTP/1.0',
        status_code: '200',
        bytes: '1534',
      },
    },
    {
      id: '35093963143971327215510178578576502306458824263506968577',
      timestamp: 1700000002000,
      message: '10.0.0.7 - - [10/Oct/2000:13:25:16 -0700] "POST /login HTTP/1.1" 401 17',
      extractedFields: {
        ip: '10.0.0.7',
        user: '-',
        username: '-',
        timestamp: '10/Oct/2000:13:25:16 -0700',
        request: 'POST /login HTTP/1.1',
        status_code: '401',
        bytes: '17',
      },
    },
  ],
};

const directMessage = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: '/aws/lambda/echo-nodejs',
  logStream: '2023/11/14/[$LATEST]94fa867e5374431291a7fc14e2f56ae7',
  subscriptionFilters: ['LambdaStream_cloudwatchlogs-node'],
  logEvents: [
    {
      id: '34622316099697884706540976068822859012661220141643892546',
      timestamp: 1699999998220,
      message:
        'REPORT RequestId: 6234bffe-149a-b642-81ff-2e8e376d8aff\tDuration: 46.84 ms\tBilled Duration: 47 ms \tMemory Size: 192 MB\tMax Memory Used: 72 MB\t\n',
    },
  ],
};

const firehoseMessage = {
  ...extractedFieldsMessage,
  logGroup: '/aws/vpc/flow-logs',
  logStream: 'eni-0a1b2c3d4e5f67890-all',
  subscriptionFilters: ['to-firehose'],
  logEvents: [
    {
      id: '36990390990134150016227618181431330390633573838329307136',
      timestamp: 1700000003000,
      message:
        '2 123456789012 eni-0a1b2c3d4e5f67890 10.0.1.5 10.0.2.9 443 49152 6 12 4800 1700000000 1700000060 ACCEPT OK',
    },
  ],
};

write('kinesis-data-message-event.json', {
  Records: [kinesisRecord(dataMessage, 0), kinesisRecord(secondDataMessage, 1)],
});
write('kinesis-data-message-event.decoded.json', [dataMessage, secondDataMessage]);
write('kinesis-control-message-event.json', { Records: [kinesisRecord(controlMessage, 0)] });
write('kinesis-control-message-event.decoded.json', [controlMessage]);
write('kinesis-account-policy-event.json', { Records: [kinesisRecord(accountPolicyMessage, 0)] });
write('kinesis-account-policy-event.decoded.json', [accountPolicyMessage]);
write('kinesis-extracted-fields-event.json', {
  Records: [kinesisRecord(extractedFieldsMessage, 0)],
});
write('kinesis-extracted-fields-event.decoded.json', [extractedFieldsMessage]);
write('cloudwatch-logs-event.json', { awslogs: { data: encode(directMessage) } });
write('cloudwatch-logs-event.decoded.json', [directMessage]);
write('firehose-transformation-event.json', {
  invocationId: '6d5e2c8b-7a91-4f3e-9c0d-2b1a0e9f8d7c',
  deliveryStreamArn: 'arn:aws:firehose:eu-west-1:123456789012:deliverystream/cloudwatch-logs',
  region: 'eu-west-1',
  records: [
    {
      recordId: '49546986683135544286507457936321625675700192471156785154000000',
      approximateArrivalTimestamp: 1700000003500,
      data: encode(firehoseMessage),
    },
  ],
});
write('firehose-transformation-event.decoded.json', [firehoseMessage]);
