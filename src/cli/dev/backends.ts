import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_BACKENDS, type DevBackend } from '../../core';

/**
 * What each session backend needs from the environment of the Mesop child
 * (docs/protocol.md §5). Only these fixed strings and paths we created ourselves ever reach the
 * child's environment: a name coming from the control API is looked up here, never copied.
 */
export interface BackendSetup {
  env: Record<string, string>;
  /** A temporary directory created for this backend, removed by `dispose`. */
  dir: string | null;
  dispose(): void;
}

/** True only for the exact known names (no prototype keys, no case folding, no trimming). */
export function isDevBackend(value: unknown): value is DevBackend {
  return typeof value === 'string' && (DEV_BACKENDS as readonly string[]).includes(value);
}

/**
 * Prepares `backend` under `tempRoot` (the supervisor's own temporary directory).
 * The user's own MESOP_STATE_SESSION_BACKEND_* values (which could point at a real database) are
 * always overridden, so a switch never touches the user's data.
 */
export function setupBackend(backend: DevBackend, tempRoot: string): BackendSetup {
  const env: Record<string, string> = {
    MESOP_STATE_SESSION_BACKEND: backend,
    // Neutralise inherited values for backends not in use too (a .env could still set them,
    // but Mesop reads them only for the backend selected above).
    MESOP_STATE_SESSION_BACKEND_FILE_BASE_DIR: '',
    MESOP_STATE_SESSION_BACKEND_SQL_CONNECTION_URI: '',
  };
  let dir: string | null = null;
  if (backend === 'file') {
    dir = mkdtempSync(join(tempRoot, 'file-backend-'));
    env.MESOP_STATE_SESSION_BACKEND_FILE_BASE_DIR = dir;
  } else if (backend === 'sql') {
    dir = mkdtempSync(join(tempRoot, 'sql-backend-'));
    // SQLAlchemy's SQLite URL: three slashes + an absolute path (which starts with a fourth).
    env.MESOP_STATE_SESSION_BACKEND_SQL_CONNECTION_URI = `sqlite:///${join(dir, 'sessions.sqlite3')}`;
  }
  const made = dir;
  return {
    env,
    dir,
    dispose: () => {
      if (made) rmSync(made, { recursive: true, force: true });
    },
  };
}
