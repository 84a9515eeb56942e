/**
 * A mistake the user can fix: printed as one line (no stack trace) and exit code 2.
 * Codes are stable so scripts and docs can refer to them.
 */
export const USER_ERRORS = {
  USAGE: 'usage',
  FILE_NOT_FOUND: 'file-not-found',
  NOT_A_HAR: 'not-a-har',
  NO_MESOP_TRAFFIC: 'no-mesop-traffic',
  APP_DID_NOT_START: 'app-did-not-start',
  BROWSER_MISSING: 'browser-missing',
  BAD_CONFIG: 'bad-config',
  FLOW_STEP_FAILED: 'flow-step-failed',
} as const;

export type UserErrorCode = (typeof USER_ERRORS)[keyof typeof USER_ERRORS];

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }

  /** One line: what went wrong, then what to do. */
  line(): string {
    return `mesop-devtools: ${this.message}${this.hint ? ` (${this.hint})` : ''}`;
  }
}
