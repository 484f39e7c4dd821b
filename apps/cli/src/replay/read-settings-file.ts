import { readFile } from 'node:fs/promises';
import { describeReceived } from './describe-received';
import { ReplayError } from './errors';

const awsSettings = new Set(['AWS_REGION', 'AWS_DEFAULT_REGION']);

/**
 * Reads a `--config` file: one JSON object whose keys are the Lambda's setting names
 * (`LOGFERRY_ELASTICSEARCH_URL`, …, and `AWS_REGION`) and whose values are strings (numbers and
 * booleans are taken as their text) — the same names and values as the Lambda's environment, so
 * a Terraform output or a `.env` converted to JSON works as is. Credentials do not belong here:
 * they come from the standard AWS environment.
 *
 * @throws {ReplayError} `invalid-config` when the file cannot be read, is not a JSON object, or
 * has a key that is not a setting or a value that is not text.
 * @example
 * ```ts
 * const settings = await readSettingsFile('replay.json'); // { LOGFERRY_ELASTICSEARCH_URL: 'https://…' }
 * ```
 */
export async function readSettingsFile(path: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ReplayError(
      `Cannot read the --config file ${path}: ${error instanceof Error ? error.message : String(error)}`,
      { code: 'invalid-config', cause: error },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReplayError(
      `The --config file ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      { code: 'invalid-config', cause: error },
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ReplayError(
      `The --config file ${path} must hold one JSON object of settings, such as {"LOGFERRY_ELASTICSEARCH_URL": "https://…"}; received ${describeReceived(data)}`,
      { code: 'invalid-config' },
    );
  }
  const problems: string[] = [];
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(data)) {
    // Unknown LOGFERRY_* names are refused later, with a suggestion, like environment variables.
    if (!name.startsWith('LOGFERRY_') && !awsSettings.has(name)) {
      problems.push(
        `${JSON.stringify(name)} is not a setting: the file takes LOGFERRY_* settings and AWS_REGION (credentials come from the AWS environment)`,
      );
      continue;
    }
    if (typeof value === 'string') settings[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean')
      settings[name] = String(value);
    else if (value !== null) {
      // Only the type: the value may be a credential.
      problems.push(
        `${name} must be a string; received ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new ReplayError(
      `Invalid --config file ${path} (${problems.length === 1 ? '1 problem' : `${problems.length} problems`}):\n${problems.map((problem) => `- ${problem}`).join('\n')}`,
      { code: 'invalid-config', problems },
    );
  }
  return settings;
}
