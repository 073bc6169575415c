/**
 * Everything the package reads from the environment, in one place. Read when used, so that a
 * test or a script may set a variable before the first use.
 */
export const environment = {
  /**
   * The secret list cursors are sealed with (see lists/cursor.ts), when the environment gives it
   * (`CURSOR_KEY`: `pnpm dev` and the tests make a random one). There is no default: a deployed
   * stage reads its own generated secret (functions/src/commons/environment.ts).
   */
  get cursorKey(): string | undefined {
    return process.env.CURSOR_KEY || undefined;
  },
  /** The AWS region of the SDK clients, when the environment names one. */
  get region(): string | undefined {
    return process.env.AWS_REGION;
  },
  /** Whether AWS credentials are set in the environment (else a local endpoint gets dummy ones). */
  get hasCredentials(): boolean {
    return Boolean(process.env.AWS_ACCESS_KEY_ID);
  },
};
