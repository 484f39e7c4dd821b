import { describe, expect, it } from 'vitest';
import { describeHttpResponse } from './describe-http-response';

describe('describeHttpResponse', () => {
  it('gives the status, the body and Retry-After', () => {
    expect(
      describeHttpResponse(
        {
          status: 429,
          headers: { 'retry-after': '30' },
          bodyText: '{"errors":["Too many requests"]}',
        },
        [],
      ),
    ).toBe('429 Too Many Requests: {"errors":["Too many requests"]}; Retry-After: 30');
  });

  it('takes the title of an HTML page and drops text that only repeats the status', () => {
    const page = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>…</body></html>';
    expect(describeHttpResponse({ status: 502, headers: {}, bodyText: page }, [])).toBe(
      '502 Bad Gateway',
    );
    expect(
      describeHttpResponse({ status: 503, headers: {}, bodyText: 'Service Unavailable' }, []),
    ).toBe('503 Service Unavailable');
    expect(
      describeHttpResponse({ status: 400, headers: {}, bodyText: '<p>bad\n\n  line</p>' }, []),
    ).toBe('400 Bad Request: bad line');
  });

  it('masks secrets before cutting the body at 300 characters', () => {
    const secret = 'S3cret-api-key-value';
    const body = `${'x'.repeat(290)}${secret}${'y'.repeat(100)}`;
    const text = describeHttpResponse({ status: 400, headers: {}, bodyText: body }, [secret]);
    expect(text).toBe(`400 Bad Request: ${'x'.repeat(290)}[redacted]… (truncated)`);
    expect(text).not.toContain('S3cret');
  });

  it('names statuses Node does not know by number only', () => {
    expect(describeHttpResponse({ status: 599, headers: {}, bodyText: '' }, [])).toBe('599');
  });
});
