/**
 * A bootstrap step failed for a reason the person running it can fix (missing system package,
 * wrong Node version, failed native build). `hint` says what to do about it, so the entry point
 * can print it without a stack trace.
 */
export class BootstrapError extends Error {
  /**
   * @param {string} message
   * @param {{ hint?: string, cause?: unknown }} [options]
   */
  constructor(message, { hint, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'BootstrapError';
    /** @type {string | undefined} */
    this.hint = hint;
  }
}
