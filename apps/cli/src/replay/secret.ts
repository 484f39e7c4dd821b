const redacted = '[redacted]';

/**
 * A credential from the settings (a password, an API key, an intake URL with a token in it). The
 * value is only reachable through {@link Secret.reveal}, so a configuration can be printed,
 * inspected or serialized without leaking it — the same wrapper the Lambda's configuration uses.
 *
 * @example
 * ```ts
 * const password = new Secret('hunter2');
 * JSON.stringify({ password }); // '{"password":"[redacted]"}'
 * password.reveal(); // 'hunter2'
 * ```
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** Returns the secret value, for the one place that must send it. */
  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return redacted;
  }

  toString(): string {
    return redacted;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return redacted;
  }
}
