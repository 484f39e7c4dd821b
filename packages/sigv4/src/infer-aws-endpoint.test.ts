import { describe, expect, it } from 'vitest';
import { inferAwsEndpoint } from './infer-aws-endpoint';

describe('inferAwsEndpoint', () => {
  it.each([
    // OpenSearch / Elasticsearch managed domains: public and VPC endpoints, every partition.
    ['https://search-logs-abc123xyz.us-east-1.es.amazonaws.com/_bulk', 'us-east-1', 'es'],
    ['https://vpc-logs-abc123xyz.eu-west-1.es.amazonaws.com/', 'eu-west-1', 'es'],
    ['https://search-logs-abc123xyz.cn-north-1.es.amazonaws.com.cn/', 'cn-north-1', 'es'],
    ['https://vpc-logs-abc123xyz.cn-northwest-1.es.amazonaws.com.cn/', 'cn-northwest-1', 'es'],
    ['https://search-logs-abc123xyz.us-gov-west-1.es.amazonaws.com/', 'us-gov-west-1', 'es'],
    ['https://search-logs-abc.ap-southeast-5.es.amazonaws.com:443/', 'ap-southeast-5', 'es'],
    // OpenSearch Serverless collections (and the dashboards path on the same host).
    ['https://abc123def456.us-east-1.aoss.amazonaws.com/logs/_doc', 'us-east-1', 'aoss'],
    ['https://abc123def456.eu-central-1.aoss.amazonaws.com/_dashboards', 'eu-central-1', 'aoss'],
    // S3: virtual-hosted, path-style, dual-stack, FIPS, legacy dash form, global, accelerate.
    ['https://my-bucket.s3.eu-central-1.amazonaws.com/logs/a.gz', 'eu-central-1', 's3'],
    ['https://my.dotted.bucket.s3.eu-central-1.amazonaws.com/a', 'eu-central-1', 's3'],
    ['https://s3.eu-central-1.amazonaws.com/my-bucket/logs/a.gz', 'eu-central-1', 's3'],
    ['https://my-bucket.s3.dualstack.ap-northeast-1.amazonaws.com/', 'ap-northeast-1', 's3'],
    ['https://my-bucket.s3-fips.dualstack.us-gov-east-1.amazonaws.com/', 'us-gov-east-1', 's3'],
    ['https://s3.amazonaws.com/my-bucket/a.gz', 'us-east-1', 's3'],
    ['https://my-bucket.s3.amazonaws.com/a.gz', 'us-east-1', 's3'],
    ['https://s3-us-west-2.amazonaws.com/my-bucket/a.gz', 'us-west-2', 's3'],
    ['https://my-bucket.s3-us-west-2.amazonaws.com/a.gz', 'us-west-2', 's3'],
    ['https://s3-external-1.amazonaws.com/my-bucket', 'us-east-1', 's3'],
    ['https://my-bucket.s3.cn-north-1.amazonaws.com.cn/a.gz', 'cn-north-1', 's3'],
    ['https://my-bucket.s3.us-gov-west-1.amazonaws.com/a.gz', 'us-gov-west-1', 's3'],
    ['https://archive-123456789012.s3-accesspoint.eu-west-1.amazonaws.com/', 'eu-west-1', 's3'],
    ['https://my-bucket.s3-accelerate.amazonaws.com/a.gz', undefined, 's3'],
    ['https://my-bucket.s3-accelerate.dualstack.amazonaws.com/a.gz', undefined, 's3'],
    // A bucket named like a region does not confuse the region lookup.
    ['https://us-west-1.s3.eu-west-3.amazonaws.com/a', 'eu-west-3', 's3'],
    // VPC interface endpoints.
    ['https://bucket.vpce-0a1b2c3d-4e5f6a7b.s3.us-east-1.vpce.amazonaws.com/a', 'us-east-1', 's3'],
    ['https://vpce-0a1b2c3d-4e5f6a7b.logs.eu-west-1.vpce.amazonaws.com/', 'eu-west-1', 'logs'],
    // The generic `<service>.<region>` shape, FIPS variants, dual-stack `api.aws`, global services.
    ['https://logs.eu-west-1.amazonaws.com/', 'eu-west-1', 'logs'],
    ['https://firehose.cn-northwest-1.amazonaws.com.cn/', 'cn-northwest-1', 'firehose'],
    ['https://sqs-fips.us-gov-west-1.amazonaws.com/', 'us-gov-west-1', 'sqs'],
    ['https://abc123.execute-api.us-east-1.amazonaws.com/prod', 'us-east-1', 'execute-api'],
    ['https://logs.us-east-1.api.aws/', 'us-east-1', 'logs'],
    ['https://aoss.us-east-1.amazonaws.com/', 'us-east-1', 'aoss'],
    ['https://iam.amazonaws.com/', 'us-east-1', 'iam'],
    ['https://SEARCH-Logs-ABC.EU-WEST-1.ES.AMAZONAWS.COM./', 'eu-west-1', 'es'],
  ])('reads %s as region %s, service %s', (url, region, service) => {
    expect(inferAwsEndpoint(url)).toEqual({ region, service });
  });

  it.each([
    ['a custom domain in front of OpenSearch', 'https://logs.example.com/_bulk'],
    ['a look-alike domain', 'https://search-x.us-east-1.es.notamazonaws.com/'],
    ['an AWS name inside a custom domain', 'https://s3.us-east-1.amazonaws.com.example.com/'],
    ['localhost', 'http://localhost:9200/'],
    ['an IP address', 'http://127.0.0.1:9000/bucket'],
    ['the bare partition domain', 'https://amazonaws.com/'],
    ['an unknown shape after the region', 'https://x.us-east-1.es.extra.amazonaws.com/'],
    ['a global endpoint outside the commercial partition', 'https://iam.amazonaws.com.cn/'],
    ['a string that is not a URL', 'search-x.us-east-1.es.amazonaws.com'],
  ])('returns undefined for %s', (_description, url) => {
    expect(inferAwsEndpoint(url)).toBeUndefined();
  });

  it('accepts URL objects as well as strings', () => {
    expect(inferAwsEndpoint(new URL('https://search-a.eu-north-1.es.amazonaws.com/'))).toEqual({
      region: 'eu-north-1',
      service: 'es',
    });
  });
});
