import { describe, expect, it, vi } from 'vitest';
import { signRequest } from './sign-request';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe('signRequest', () => {
  it('signs one request with signer and sign options in one object (get-vanilla vector)', async () => {
    const signed = await signRequest(
      { method: 'GET', url: 'https://example.amazonaws.com/' },
      {
        region: 'us-east-1',
        service: 'service',
        credentials,
        signingDate: new Date('2015-08-30T12:36:00Z'),
      },
    );
    expect(signed).toEqual({
      method: 'GET',
      url: 'https://example.amazonaws.com/',
      headers: {
        host: 'example.amazonaws.com',
        'x-amz-date': '20150830T123600Z',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
      },
      body: undefined,
    });
  });

  it('uses the current time when no signingDate is given', async () => {
    vi.useFakeTimers({ now: new Date('2024-02-29T23:59:59Z'), toFake: ['Date'] });
    try {
      const signed = await signRequest(
        { method: 'GET', url: 'https://search-a.eu-west-1.es.amazonaws.com/' },
        { credentials },
      );
      expect(signed.headers['x-amz-date']).toBe('20240229T235959Z');
      expect(signed.headers.authorization).toContain('/20240229/eu-west-1/es/aws4_request');
    } finally {
      vi.useRealTimers();
    }
  });
});
