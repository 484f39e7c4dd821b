import type { DeadLetterStore, Sink } from '@logferry/sink';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import type { DecodeRecordData } from './decode-batch';
import { type DeliverBatchOptions, deliverBatch } from './deliver-batch';
import { formatInvocationLog } from './metrics';

/**
 * What a handler needs: everything built once at cold start.
 *
 * @example
 * ```ts
 * const dependencies: HandlerDependencies = { sinks, deadLetterStore, decode, functionName: 'logferry' };
 * ```
 */
export interface HandlerDependencies {
  readonly sinks: readonly Sink[];
  readonly deadLetterStore: DeadLetterStore;
  readonly decode: DecodeRecordData;
  /**
   * `FunctionName` metric dimension.
   * @default 'unknown'
   */
  readonly functionName?: string;
  /**
   * The function's own log group, never shipped.
   * @default undefined (nothing skipped)
   */
  readonly ownLogGroup?: string;
  /**
   * Upper bound on delivery time per invocation, in ms.
   * @default undefined (remaining time minus the safety margin)
   */
  readonly retryBudgetMs?: number;
  /**
   * Writes one log line. Lambda forwards stdout to CloudWatch Logs unprefixed, which EMF needs.
   * @default a write to `process.stdout`
   */
  readonly writeLog?: (line: string) => void;
  /**
   * Overrides of the delivery loop's clock, sleep, randomness and timing (tests, the demo).
   * @default the delivery loop's defaults
   */
  readonly delivery?: Pick<
    DeliverBatchOptions,
    'now' | 'sleep' | 'random' | 'safetyMarginMs' | 'backoff' | 'deadLetterAttempts'
  >;
}

/**
 * The part of Lambda's context the handler uses.
 *
 * @example
 * ```ts
 * const context: HandlerContext = { awsRequestId: 'test', getRemainingTimeInMillis: () => 60_000 };
 * ```
 */
export type HandlerContext = Pick<Context, 'getRemainingTimeInMillis' | 'awsRequestId'>;

/**
 * A Kinesis handler answering in the `ReportBatchItemFailures` format.
 *
 * @example
 * ```ts
 * const handler: KinesisHandler = createHandler(dependencies);
 * const { batchItemFailures } = await handler(event, context);
 * ```
 */
export type KinesisHandler = (
  event: KinesisStreamEvent,
  context: HandlerContext,
) => Promise<KinesisStreamBatchResponse>;

/**
 * Creates the Lambda handler around the delivery loop: one {@link deliverBatch} per invocation,
 * one structured log line (with EMF metrics) per invocation, and the `batchItemFailures` answer.
 * The handler holds no state between invocations beyond its immutable dependencies.
 *
 * @example
 * ```ts
 * export const handler = createHandler({
 *   sinks: [elasticsearchSink],
 *   deadLetterStore,
 *   decode: (data) => decodeSubscriptionMessage(data),
 *   functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
 * });
 * ```
 */
export function createHandler(dependencies: HandlerDependencies): KinesisHandler {
  const writeLog =
    dependencies.writeLog ??
    ((line: string) => {
      process.stdout.write(`${line}\n`);
    });
  return async (event, context) => {
    let report: Awaited<ReturnType<typeof deliverBatch>>;
    try {
      report = await deliverBatch(event, {
        ...dependencies.delivery,
        sinks: dependencies.sinks,
        deadLetterStore: dependencies.deadLetterStore,
        decode: dependencies.decode,
        ownLogGroup: dependencies.ownLogGroup,
        retryBudgetMs: dependencies.retryBudgetMs,
        getRemainingTimeInMillis: () => context.getRemainingTimeInMillis(),
      });
    } catch (error) {
      // A malformed event: fail the invocation so the event source mapping retries and bisects.
      writeLog(
        JSON.stringify({
          level: 'ERROR',
          message: 'logferry could not process the event',
          requestId: context.awsRequestId,
          error: {
            name: error instanceof Error ? error.name : typeof error,
            code: (error as { code?: unknown } | null)?.code,
            message: error instanceof Error ? error.message : String(error),
          },
        }),
      );
      throw error;
    }
    writeLog(
      formatInvocationLog(report, {
        functionName: dependencies.functionName,
        requestId: context.awsRequestId,
        now: dependencies.delivery?.now,
      }),
    );
    return { batchItemFailures: report.batchItemFailures.map((failure) => ({ ...failure })) };
  };
}
