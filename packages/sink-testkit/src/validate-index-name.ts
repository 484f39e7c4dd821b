const forbiddenCharacters = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ','];

/**
 * Checks an index name against Elasticsearch's rules and returns the reason it is invalid, worded
 * as Elasticsearch words it, or `undefined` when it is valid.
 *
 * @example
 * ```ts
 * validateIndexName('Logs'); // 'Invalid index name [Logs], must be lowercase'
 * validateIndexName('cwl-2024.06.01'); // undefined
 * ```
 */
export function validateIndexName(name: string): string | undefined {
  const problem = findProblem(name);
  return problem === undefined ? undefined : `Invalid index name [${name}], ${problem}`;
}

function findProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (forbiddenCharacters.some((character) => name.includes(character))) {
    return 'must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]';
  }
  if (name.includes('#')) return "must not contain '#'";
  if (name.includes(':')) return "must not contain ':'";
  if (name.startsWith('_') || name.startsWith('-') || name.startsWith('+')) {
    return "must not start with '_', '-', or '+'";
  }
  if (name.toLowerCase() !== name) return 'must be lowercase';
  const bytes = Buffer.byteLength(name);
  if (bytes > 255) return `index name is too long, (${bytes} > 255)`;
  if (name === '.' || name === '..') return "must not be '.' or '..'";
  return undefined;
}
