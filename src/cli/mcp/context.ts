import type { CliProcess } from '../cli-process';
import type { AppHandle } from '../check/open-app';
import type { SessionStore } from './sessions';

/** What every tool group gets: the sessions, the options the server was started with, its apps. */
export interface ServerContext {
  sessions: SessionStore;
  proc: CliProcess;
  /** --include-values: get_event may return the held state's values (otherwise paths and sizes only). */
  includeValues: boolean;
  /** Where answers too large for a message are written (created on first use). */
  outDir: () => string;
  /** Apps started by run_flow and still running: stopped when the client goes away. */
  apps: Set<AppHandle>;
}
