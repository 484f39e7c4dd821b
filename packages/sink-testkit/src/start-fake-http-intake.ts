import type { IncomingHttpHeaders } from 'node:http';
import { decodeContentEncoding } from './decode-content-encoding';
import { describeReceived } from './describe-received';
import { SinkTestkitError } from './errors';
import type { Fault } from './fault-script';
import {
  type ScriptedRequest,
  type ScriptedResponse,
  startScriptedServer,
} from './start-scripted-server';

/**
 * A request the fake intake received and answered itself (faulted requests are not recorded).
 *
 * @example
 * ```ts
 * const lines = intake.requests().filter((request) => request.status < 300).flatMap((request) => request.text.split('\n'));
 * ```
 */
export interface IntakeRequest {
  readonly method: string;
  /** Path and query string as sent, e.g. `/receiver/v1/http/TOKEN`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Body size as sent on the wire (compressed when the client compressed it). */
  readonly rawBytes: number;
  /** The body after `content-encoding` (gzip, deflate) was undone. */
  readonly body: Buffer;
  /** `body` as UTF-8 text. */
  readonly text: string;
  /** The status the intake answered with. */
  readonly status: number;
}

/**
 * What a `respond` hook answers.
 *
 * @example
 * ```ts
 * const response: IntakeResponse = { status: 202, headers: { 'content-type': 'application/json' }, body: '{}' };
 * ```
 */
export interface IntakeResponse {
  readonly status: number;
  /**
   * Response headers.
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Response body.
   * @default ''
   */
  readonly body?: string;
}

/**
 * Options of {@link startFakeHttpIntake}.
 *
 * @example
 * ```ts
 * // Datadog-like: 202 with `{}`, API key required.
 * const options: FakeHttpIntakeOptions = {
 *   status: 202,
 *   responseBody: '{}',
 *   authorize: (request) => request.headers['dd-api-key'] === 'test-key',
 * };
 * ```
 */
export interface FakeHttpIntakeOptions {
  /**
   * Status of a successful answer (Sumo Logic and Logstash answer 200, Datadog 202).
   * @default 200
   */
  readonly status?: number;
  /**
   * Body of a successful answer.
   * @default ''
   */
  readonly responseBody?: string;
  /**
   * Headers of a successful answer.
   * @default {}
   */
  readonly responseHeaders?: Readonly<Record<string, string>>;
  /**
   * HTTP methods accepted; others get 405.
   * @default ['POST', 'PUT']
   */
  readonly methods?: readonly string[];
  /**
   * Bodies above this many bytes (as sent) get a 413 with an HTML body.
   * @default no limit
   */
  readonly maxRequestBytes?: number;
  /**
   * Decides whether a request's credentials are good; `false` answers `unauthorizedStatus`.
   * @default every request is authorized
   */
  readonly authorize?: (request: IntakeRequest) => boolean | Promise<boolean>;
  /**
   * Status for requests `authorize` refuses (Datadog answers 403 for a bad API key).
   * @default 403
   */
  readonly unauthorizedStatus?: 401 | 403;
  /**
   * Custom answer, consulted after `authorize`; return `undefined` for the default answer.
   * The request is recorded with whatever status is answered.
   * @default the default answer
   */
  readonly respond?: (
    request: IntakeRequest,
  ) => IntakeResponse | undefined | Promise<IntakeResponse | undefined>;
}

/**
 * A running fake log intake.
 *
 * @example
 * ```ts
 * const intake = await startFakeHttpIntake();
 * intake.injectFault({ kind: 'status', status: 503 });
 * ```
 */
export interface FakeHttpIntake {
  /** Base URL, e.g. `http://127.0.0.1:54321`; any path is accepted. */
  readonly url: string;
  /** Requests received so far, including faulted ones. */
  requestCount(): number;
  /** Scripts a whole-request fault (status answer, hang, reset, lost response, delay). */
  injectFault(fault: Fault): void;
  /** Drops scripted faults that have not been used up. */
  clearFaults(): void;
  /** Requests the intake answered itself, oldest first (with the status it answered). */
  requests(): readonly IntakeRequest[];
  /** Requests answered with a 2xx status: what the intake durably accepted. */
  acceptedRequests(): readonly IntakeRequest[];
  stats(): FakeHttpIntakeStats;
  /** Stops the server and destroys open connections. */
  close(): Promise<void>;
}

/**
 * Counters of a fake intake.
 *
 * @example
 * ```ts
 * expect(intake.stats().largestRequestBytes).toBeLessThanOrEqual(1_000_000);
 * ```
 */
export interface FakeHttpIntakeStats {
  /** Every request received, including faulted ones. */
  readonly requests: number;
  /** Requests answered with a 2xx status. */
  readonly accepted: number;
  /** Largest request body received, in bytes as sent. */
  readonly largestRequestBytes: number;
  /** Scripted faults applied. */
  readonly faultsApplied: number;
}

/**
 * Starts a generic log intake on 127.0.0.1 — the shape of Sumo Logic HTTP sources, Logstash's
 * `http` input and Datadog's logs intake: it accepts POST/PUT bodies on any path (gzip or deflate
 * decoded), records headers and bodies, answers 200 (or what you configure), and fails on script
 * like the other fakes.
 *
 * @example
 * ```ts
 * const intake = await startFakeHttpIntake({ maxRequestBytes: 1_000_000 });
 * await fetch(`${intake.url}/receiver/v1/http/token`, { method: 'POST', body: 'line one\nline two\n' });
 * intake.acceptedRequests()[0]?.text; // 'line one\nline two\n'
 * await intake.close();
 * ```
 */
export async function startFakeHttpIntake(
  options: FakeHttpIntakeOptions = {},
): Promise<FakeHttpIntake> {
  const status = options.status ?? 200;
  if (!Number.isInteger(status) || status < 200 || status > 299) {
    throw invalidOption('status', 'an integer from 200 to 299', status);
  }
  const methods = (options.methods ?? ['POST', 'PUT']).map((method) => method.toUpperCase());
  if (methods.length === 0) throw invalidOption('methods', 'a non-empty list', options.methods);
  if (
    options.maxRequestBytes !== undefined &&
    (!Number.isSafeInteger(options.maxRequestBytes) || options.maxRequestBytes < 1)
  ) {
    throw invalidOption('maxRequestBytes', 'a positive integer', options.maxRequestBytes);
  }
  const unauthorizedStatus = options.unauthorizedStatus ?? 403;
  if (unauthorizedStatus !== 401 && unauthorizedStatus !== 403) {
    throw invalidOption('unauthorizedStatus', '401 or 403', unauthorizedStatus);
  }
  const recorded: IntakeRequest[] = [];

  const handle = async (request: ScriptedRequest): Promise<ScriptedResponse> => {
    const decoded = decodeContentEncoding(
      request.rawBody,
      headerText(request.headers['content-encoding']),
    );
    const body = decoded.ok ? decoded.body : Buffer.alloc(0);
    const base = {
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      rawBytes: request.rawBody.length,
      body,
      text: body.toString('utf8'),
    };
    const answer = await decide(base, decoded.ok ? undefined : decoded.reason);
    recorded.push({ ...base, status: answer.status });
    return {
      status: answer.status,
      headers: { 'content-type': 'text/plain; charset=utf-8', ...answer.headers },
      body: answer.body ?? '',
    };
  };

  const decide = async (
    request: Omit<IntakeRequest, 'status'>,
    decodeFailure: string | undefined,
  ): Promise<IntakeResponse> => {
    if (!methods.includes(request.method)) {
      return {
        status: 405,
        headers: { allow: methods.join(', ') },
        body: `method ${request.method} not allowed; use ${methods.join(' or ')}`,
      };
    }
    if (decodeFailure !== undefined) return { status: 400, body: decodeFailure };
    const candidate = { ...request, status: 0 };
    if (options.authorize !== undefined && !(await options.authorize(candidate))) {
      return {
        status: unauthorizedStatus,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          errors: [unauthorizedStatus === 401 ? 'Unauthorized' : 'Forbidden'],
        }),
      };
    }
    const custom = await options.respond?.(candidate);
    if (custom !== undefined) return custom;
    return {
      status,
      ...(options.responseHeaders === undefined ? {} : { headers: options.responseHeaders }),
      body: options.responseBody ?? '',
    };
  };

  const server = await startScriptedServer({
    name: 'fake HTTP intake',
    ...(options.maxRequestBytes === undefined ? {} : { maxRequestBytes: options.maxRequestBytes }),
    handle,
  });

  const accepted = () =>
    recorded.filter((request) => request.status >= 200 && request.status < 300);
  return {
    url: server.url,
    requestCount: () => server.requestCount(),
    injectFault: (fault) => server.faults.inject(fault),
    clearFaults: () => server.faults.clear(),
    requests: () => [...recorded],
    acceptedRequests: accepted,
    stats: () => ({
      requests: server.requestCount(),
      accepted: accepted().length,
      largestRequestBytes: server.largestRequestBytes(),
      faultsApplied: server.faults.applied,
    }),
    close: () => server.close(),
  };
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

function invalidOption(name: string, rule: string, received: unknown): SinkTestkitError {
  return new SinkTestkitError(
    `startFakeHttpIntake: option ${name} must be ${rule}; received ${describeReceived(received)}`,
    { code: 'invalid-options' },
  );
}
