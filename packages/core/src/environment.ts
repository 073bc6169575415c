/**
 * Everything the package reads from the environment, in one place. Read when used, so that a
 * test or a script may set a variable before the first use.
 */
export const environment = {
  /**
   * The key that seals list cursors (see lists/cursor.ts). An integrity key, not a secret: the
   * default serves every deployment that does not set `CURSOR_KEY`.
   */
  get cursorKey(): string {
    return process.env.CURSOR_KEY ?? "sites-and-groups/cursor/v1";
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
