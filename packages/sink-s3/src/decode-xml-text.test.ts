import { describe, expect, it } from 'vitest';
import { decodeXmlText } from './decode-xml-text';
import { parseS3ErrorBody } from './parse-s3-error-body';

describe('decodeXmlText', () => {
  it('decodes the predefined entities and character references, and keeps unknown ones', () => {
    expect(
      decodeXmlText(
        '&lt;a&gt; &amp;amp; &quot;q&quot; &apos;s&apos; &#65;&#x1F600; &nbsp; &#x110000;',
      ),
    ).toBe('<a> &amp; "q" \'s\' A😀 &nbsp; &#x110000;');
  });
});

describe('parseS3ErrorBody', () => {
  it('reads Code and Message, trimmed', () => {
    expect(
      parseS3ErrorBody(
        '<?xml version="1.0"?>\n<Error>\n  <Code>NoSuchKey</Code>\n  <Message> The specified key does not exist. </Message>\n</Error>',
      ),
    ).toEqual({ code: 'NoSuchKey', message: 'The specified key does not exist.' });
    expect(parseS3ErrorBody('<Error><Code>X</Code></Error>')).toEqual({
      code: 'X',
      message: undefined,
    });
  });

  it('returns undefined for bodies that are not S3 errors', () => {
    expect(parseS3ErrorBody('<html><body>502</body></html>')).toBeUndefined();
    expect(parseS3ErrorBody('<Error><Message>no code</Message></Error>')).toBeUndefined();
    expect(parseS3ErrorBody('')).toBeUndefined();
  });
});
