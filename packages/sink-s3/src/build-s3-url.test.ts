import { describe, expect, it } from 'vitest';
import { buildS3Url } from './build-s3-url';

const aws = new URL('https://s3.eu-west-1.amazonaws.com');

describe('buildS3Url', () => {
  it('addresses the bucket in the host name (virtual-hosted style)', () => {
    expect(
      buildS3Url({ endpoint: aws, bucket: 'logs', pathStyle: false }, 'archive/a b/x.gz'),
    ).toBe('https://logs.s3.eu-west-1.amazonaws.com/archive/a%20b/x.gz');
    expect(buildS3Url({ endpoint: aws, bucket: 'logs', pathStyle: false })).toBe(
      'https://logs.s3.eu-west-1.amazonaws.com/',
    );
  });

  it('addresses the bucket in the path (path style), keeping the port', () => {
    const local = new URL('http://127.0.0.1:4568');
    expect(buildS3Url({ endpoint: local, bucket: 'logs', pathStyle: true }, 'archive/x.gz')).toBe(
      'http://127.0.0.1:4568/logs/archive/x.gz',
    );
    expect(buildS3Url({ endpoint: local, bucket: 'logs', pathStyle: true })).toBe(
      'http://127.0.0.1:4568/logs',
    );
  });

  it('encodes "%" and "=" in a key so the key reaches S3 unchanged', () => {
    expect(
      buildS3Url(
        { endpoint: aws, bucket: 'logs', pathStyle: true },
        'archive/log_group=%2Faws%2Fx/dt=2024-06-01/hour=00/a.ndjson.gz',
      ),
    ).toBe(
      'https://s3.eu-west-1.amazonaws.com/logs/archive/log_group%3D%252Faws%252Fx/dt%3D2024-06-01/hour%3D00/a.ndjson.gz',
    );
  });

  it('writes query parameters in order, URL-encoded', () => {
    expect(
      buildS3Url({ endpoint: aws, bucket: 'logs', pathStyle: false }, undefined, {
        'list-type': '2',
        prefix: 'archive/log_group=%2F',
        'continuation-token': '1+2/3=',
      }),
    ).toBe(
      'https://logs.s3.eu-west-1.amazonaws.com/?list-type=2&prefix=archive%2Flog_group%3D%252F&continuation-token=1%2B2%2F3%3D',
    );
  });
});
