import { describe, expect, it } from 'vitest';
import { describeIntakeUrl } from './describe-intake-url';

describe('describeIntakeUrl', () => {
  it.each([
    [
      'https://endpoint4.collection.sumologic.com/receiver/v1/http/ZaVnC4dhaV2ZeYg3tQpFkmw==',
      'https://endpoint4.collection.sumologic.com/receiver/v1/http/[redacted]',
    ],
    // A short Sumo Logic token is still the credential.
    [
      'https://e.sumologic.com/receiver/v1/http/abc',
      'https://e.sumologic.com/receiver/v1/http/[redacted]',
    ],
    [
      'https://http-intake.logs.datadoghq.com/api/v2/logs',
      'https://http-intake.logs.datadoghq.com/api/v2/logs',
    ],
    [
      'https://logs-01.loggly.com/inputs/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/tag/http/',
      'https://logs-01.loggly.com/inputs/[redacted]/tag/http/',
    ],
    ['https://user:pass@logstash.example.com:8080/', 'https://logstash.example.com:8080/'],
    ['https://intake.example.com/logs?token=abc&x=1', 'https://intake.example.com/logs?[redacted]'],
    ['http://127.0.0.1:4318/v1/logs', 'http://127.0.0.1:4318/v1/logs'],
  ])('renders %s as %s', (url, expected) => {
    expect(describeIntakeUrl(new URL(url))).toBe(expected);
  });
});
