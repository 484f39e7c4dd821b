import { createInvalidOptionError } from './create-invalid-option-error';

/**
 * The size and parallelism options shared by the archive sink and the dead-letter store.
 *
 * @example
 * ```ts
 * const limits = readSinkLimits({ maxObjectBytes: 65_536 }, 's3'); // → { maxObjectBytes: 65536, concurrency: 4 }
 * ```
 */
export interface SinkLimits {
  readonly maxObjectBytes: number;
  readonly concurrency: number;
}

/**
 * 8 MiB: a whole Kinesis record (at most 1 MiB compressed) always fits one object.
 *
 * @example
 * ```ts
 * readSinkLimits({}, 's3').maxObjectBytes === defaultMaxObjectBytes; // → true
 * ```
 */
export const defaultMaxObjectBytes = 8 * 1024 * 1024;
const maxPutBytes = 5 * 1024 * 1024 * 1024;
/**
 * PUT requests in flight at once, unless configured.
 *
 * @example
 * ```ts
 * readSinkLimits({}, 's3').concurrency === defaultConcurrency; // → true
 * ```
 */
export const defaultConcurrency = 4;

/**
 * Validates `maxObjectBytes` (1 KiB to 5 GiB, S3's single-PUT limit) and `concurrency` (1–64).
 *
 * @throws {SinkError} `invalid-options`, naming the option.
 * @example
 * ```ts
 * readSinkLimits({ concurrency: 8 }, 's3-dead-letter');
 * ```
 */
export function readSinkLimits(
  options: { readonly maxObjectBytes?: number; readonly concurrency?: number },
  sink: string,
): SinkLimits {
  const maxObjectBytes = options.maxObjectBytes ?? defaultMaxObjectBytes;
  if (
    !Number.isSafeInteger(maxObjectBytes) ||
    maxObjectBytes < 1024 ||
    maxObjectBytes > maxPutBytes
  ) {
    throw createInvalidOptionError(
      sink,
      'maxObjectBytes',
      `an integer number of bytes from 1024 to ${maxPutBytes} (S3's single PUT limit)`,
      options.maxObjectBytes,
    );
  }
  const concurrency = options.concurrency ?? defaultConcurrency;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw createInvalidOptionError(
      sink,
      'concurrency',
      'an integer from 1 to 64',
      options.concurrency,
    );
  }
  return { maxObjectBytes, concurrency };
}
