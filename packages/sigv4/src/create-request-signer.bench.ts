import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { bench, describe } from 'vitest';
import { createRequestSigner } from './create-request-signer';

// Baselines run in the same process and group, so vitest's summary prints each case as a ratio
// ("N.NNx faster/slower than") of its baseline instead of absolute timings from a noisy machine.
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session-token',
};
const signingDate = new Date('2025-01-01T00:00:00Z');
const host = 'search-logs-abc123.eu-west-1.es.amazonaws.com';
const serverlessHost = 'abc123def456.eu-west-1.aoss.amazonaws.com';
// About 1 MiB of compressed NDJSON: the size of a large _bulk request.
const bulkBody = gzipSync(
  Array.from(
    { length: 40_000 },
    (_, index) =>
      `{"create":{"_index":"logs-2025.01.01","_id":"${index}"}}\n{"@timestamp":${index},"message":"GET /api/items/${index * 7919} 200 ${index % 997}ms user=${index * 31}"}\n`,
  ).join(''),
  { level: 1 },
);

const signer = createRequestSigner({ credentials });
const portableSigner = createRequestSigner({ credentials, sha256: 'portable' });
const sdkSigner = new SignatureV4({
  credentials,
  region: 'eu-west-1',
  service: 'es',
  sha256: Sha256,
  applyChecksum: false,
});
const sdkSignerWithChecksum = new SignatureV4({
  credentials,
  region: 'eu-west-1',
  service: 'aoss',
  sha256: Sha256,
});

describe(`sign a GET without body`, () => {
  bench('baseline: @smithy/signature-v4 with a hand-built HttpRequest', async () => {
    await sdkSigner.sign(
      new HttpRequest({
        method: 'GET',
        protocol: 'https:',
        hostname: host,
        path: '/_cluster/health',
        query: { level: 'indices' },
        headers: { host },
      }),
      { signingDate },
    );
  });
  bench('createRequestSigner().sign (URL parsing, inference, validation)', async () => {
    await signer.sign(
      { method: 'GET', url: `https://${host}/_cluster/health?level=indices` },
      { signingDate },
    );
  });
});

describe(`sign a ${(bulkBody.byteLength / 1024).toFixed(0)} KiB gzip _bulk body with x-amz-content-sha256`, () => {
  bench('baseline: node:crypto SHA-256 of the body alone', () => {
    createHash('sha256').update(bulkBody).digest('hex');
  });
  bench('@smithy/signature-v4 directly (pure-JS SHA-256)', async () => {
    await sdkSignerWithChecksum.sign(
      new HttpRequest({
        method: 'POST',
        protocol: 'https:',
        hostname: serverlessHost,
        path: '/_bulk',
        headers: { host: serverlessHost, 'content-encoding': 'gzip' },
        body: bulkBody,
      }),
      { signingDate },
    );
  });
  bench('createRequestSigner({ sha256: "portable" }).sign', async () => {
    await portableSigner.sign(
      {
        method: 'POST',
        url: `https://${serverlessHost}/_bulk`,
        headers: { 'content-encoding': 'gzip' },
        body: bulkBody,
      },
      { signingDate },
    );
  });
  bench('createRequestSigner().sign (native SHA-256, the default in Node)', async () => {
    await signer.sign(
      {
        method: 'POST',
        url: `https://${serverlessHost}/_bulk`,
        headers: { 'content-encoding': 'gzip' },
        body: bulkBody,
      },
      { signingDate },
    );
  });
});
