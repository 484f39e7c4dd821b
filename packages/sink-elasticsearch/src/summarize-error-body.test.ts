import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeErrorBody } from './summarize-error-body';

function fixture(name: string): string {
  return readFileSync(
    new URL(`../../elasticsearch-bulk/src/__fixtures__/${name}`, import.meta.url),
    'utf8',
  );
}

const json = (body: string) => ({ body, contentType: 'application/json', awsErrorType: '' });

describe('summarizeErrorBody', () => {
  it('reads an Elasticsearch error as type: reason', () => {
    expect(summarizeErrorBody(json(fixture('es8-bulk-request-403-security.json')))).toEqual({
      text: 'security_exception: action [indices:data/write/bulk] is unauthorized for user [logferry] with effective roles [logs_reader], this action is granted by the index privileges [create_doc,create,delete,index,write,all]',
      errorType: 'security_exception',
    });
  });

  it("reads the AWS front end's Message and message", () => {
    expect(summarizeErrorBody(json(fixture('aws-opensearch-413.json')))).toEqual({
      text: 'Request size exceeded 10485760 bytes',
      errorType: undefined,
    });
    expect(
      summarizeErrorBody({
        body: '{"message":"The security token included in the request is expired"}',
        contentType: 'application/json',
        awsErrorType:
          'ExpiredTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/',
      }),
    ).toEqual({
      text: 'The security token included in the request is expired',
      errorType: 'ExpiredTokenException',
    });
  });

  it('reads a string error (Elasticsearch route errors)', () => {
    expect(
      summarizeErrorBody(
        json('{"error":"no handler found for uri [/x] and method [POST]","status":400}'),
      ),
    ).toEqual({
      text: 'no handler found for uri [/x] and method [POST]',
      errorType: undefined,
    });
  });

  it("takes an HTML page's title", () => {
    expect(
      summarizeErrorBody({
        body: fixture('alb-502-body.txt'),
        contentType: 'text/html',
        awsErrorType: '',
      }),
    ).toEqual({
      text: 'HTML page: 502 Bad Gateway',
      errorType: undefined,
    });
  });

  it('falls back to the first heading, then to the text, of an HTML page', () => {
    const page = (inner: string) => ({
      body: inner,
      contentType: 'text/html; charset=utf-8',
      awsErrorType: '',
    });
    expect(summarizeErrorBody(page('<body><h1>Service <b>Unavailable</b></h1></body>')).text).toBe(
      'HTML page: Service Unavailable',
    );
    expect(
      summarizeErrorBody(page('<p>Rate &amp; limit</p><script>var x = 1;</script>')).text,
    ).toBe('HTML page: Rate & limit');
  });

  it('cuts long bodies to 300 characters and collapses whitespace', () => {
    const summary = summarizeErrorBody({
      body: `upstream\n\n  failed ${'x'.repeat(1000)}`,
      contentType: 'text/plain',
      awsErrorType: '',
    });
    expect(summary.text).toHaveLength(300);
    expect(summary.text.startsWith('upstream failed xxx')).toBe(true);
    expect(summary.text.endsWith('…')).toBe(true);
  });

  it('says so for an empty body and survives truncated JSON', () => {
    expect(summarizeErrorBody(json('')).text).toBe('empty body');
    expect(summarizeErrorBody(json('{"error":{"type":"x"')).text).toBe('{"error":{"type":"x"');
  });
});
