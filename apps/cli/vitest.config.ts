import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // s3rver (the S3 implementation the replay tests run against) encrypts ListObjectsV2
    // continuation tokens with DES, which OpenSSL 3 only offers through its legacy provider.
    // Without it every truncated listing is a 500. This affects the test workers only.
    execArgv: ['--openssl-legacy-provider'],
  },
});
