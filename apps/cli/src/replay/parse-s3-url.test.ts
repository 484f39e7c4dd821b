import { describe, expect, it } from 'vitest';
import { parseS3Url } from './parse-s3-url';

describe('parseS3Url', () => {
  it('splits bucket and prefix, keeping a trailing slash and the case of keys', () => {
    expect(parseS3Url('s3://acme-logs', '--from')).toEqual({ bucket: 'acme-logs', prefix: '' });
    expect(parseS3Url('s3://acme-logs/', '--from')).toEqual({ bucket: 'acme-logs', prefix: '' });
    expect(parseS3Url('s3://acme-logs/archive', '--from')).toEqual({
      bucket: 'acme-logs',
      prefix: 'archive',
    });
    expect(parseS3Url('s3://acme-logs/Logs/archive/', '--from')).toEqual({
      bucket: 'acme-logs',
      prefix: 'Logs/archive/',
    });
    expect(parseS3Url('s3://acme-logs/archive/log_group=%2Faws%2Flambda%2Fx/', '--from')).toEqual({
      bucket: 'acme-logs',
      prefix: 'archive/log_group=%2Faws%2Flambda%2Fx/',
    });
  });

  it('refuses what is not an s3:// location with a bucket', () => {
    expect(() => parseS3Url('acme-logs/archive', '--from')).toThrow(
      '--from must be an S3 location such as s3://my-bucket/archive (s3:// then a bucket name, then an optional key prefix); received "acme-logs/archive"',
    );
    expect(() => parseS3Url('s3://ab/archive', '--from')).toThrow('received "s3://ab/archive"');
    expect(() => parseS3Url('https://acme-logs.s3.amazonaws.com/archive', '--from')).toThrow(
      '--from must be an S3 location',
    );
  });

  it('refuses . and .. segments', () => {
    expect(() => parseS3Url('s3://acme-logs/archive/../secret', '--from')).toThrow(
      '--from must not contain "." or ".." path segments; received "s3://acme-logs/archive/../secret"',
    );
  });
});
