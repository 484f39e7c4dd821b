import { describeReceived } from './describe-received';
import { BulkError } from './errors';

/**
 * Reads an optional option that must be one of a closed set of strings, failing with a message
 * that names the option, the allowed values and what was received.
 *
 * @example
 * ```ts
 * const jsonMode = readChoiceOption('jsonMode', options.jsonMode, ['namespace', 'root', 'off'], 'namespace');
 * ```
 */
export function readChoiceOption<TChoice extends string>(
  name: string,
  value: unknown,
  choices: readonly TChoice[],
  defaultValue: TChoice,
): TChoice {
  if (value === undefined) return defaultValue;
  if (!(choices as readonly unknown[]).includes(value)) {
    throw new BulkError(
      `Option ${name} must be one of ${choices.map((choice) => JSON.stringify(choice)).join(', ')}; received ${describeReceived(value)}`,
      { code: 'invalid-options' },
    );
  }
  return value as TChoice;
}
