import { describe, expect, it } from 'vitest';
import { classifyHttpStatus } from './classify-http-status';

describe('classifyHttpStatus', () => {
  it.each([
    [[200, 201, 202, 204, 299], 'delivered'],
    [[413], 'too-large'],
    [[401, 403, 407], 'authentication'],
    [[408, 425, 429, 500, 502, 503, 504, 599], 'retryable'],
    [[300, 301, 302, 307, 308, 404, 405, 406, 410, 415], 'configuration'],
    [[400, 409, 411, 412, 414, 416, 422, 431, 451, 499], 'rejected'],
    [[0, 100, 199, 600, 999], 'unexpected'],
  ] as const)('classifies %j as %s', (statuses, verdict) => {
    for (const status of statuses) expect(classifyHttpStatus(status)).toBe(verdict);
  });
});
