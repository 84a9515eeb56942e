import type { Deployment } from './advice-config';

/**
 * Which `MESOP_STATE_SESSION_BACKEND` fits a deployment, with the exact `.env` lines and the
 * trade-offs, as Mesop's config docs describe them (docs/api/config.md, deployment.md; our notes:
 * docs/protocol.md §5). Defaults in Mesop's code: FILE_BASE_DIR `/tmp`,
 * SQL_TABLE `mesop_state_sessions` (the docs say singular: the code wins), FIRESTORE_COLLECTION
 * `mesop_state_sessions`, SQL_CONNECTION_URI empty. Stored sessions expire after 10 minutes.
 */
export interface BackendChoice {
  backend: 'memory' | 'file' | 'sql' | 'firestore';
  envLines: string[];
  /** Why this one, for this deployment. */
  why: string;
  /** One sentence per trade-off. */
  tradeOffs: string[];
}

const MEMORY: Omit<BackendChoice, 'why'> = {
  backend: 'memory',
  envLines: ['MESOP_STATE_SESSION_BACKEND=memory'],
  tradeOffs: [
    'Fastest (no serialization), but RAM per process grows with concurrent sessions x state size, and sessions are lost on restart.',
    'It is per process: several workers or instances without session affinity miss tokens, and every miss costs a second request with the full state.',
  ],
};

const FILE: Omit<BackendChoice, 'why'> = {
  backend: 'file',
  envLines: ['MESOP_STATE_SESSION_BACKEND=file', 'MESOP_STATE_SESSION_BACKEND_FILE_BASE_DIR=/var/tmp/mesop-sessions'],
  tradeOffs: [
    'Shared by all processes of one machine; each event reads and writes a msgpack file, so disk speed matters.',
    'Use a directory that exists and that every worker can write (Mesop defaults to /tmp); it does not help across machines.',
  ],
};

const SQL: Omit<BackendChoice, 'why'> = {
  backend: 'sql',
  envLines: [
    'MESOP_STATE_SESSION_BACKEND=sql',
    'MESOP_STATE_SESSION_BACKEND_SQL_CONNECTION_URI=postgresql://USER:PASSWORD@HOST/DB',
    'MESOP_STATE_SESSION_BACKEND_SQL_TABLE=mesop_state_sessions',
  ],
  tradeOffs: [
    'Shared by every instance through SQLAlchemy (pip install sqlalchemy and your database driver); each event costs a database round trip.',
    'SQLite is fine for development; for other databases check that the table can be created or create it yourself.',
  ],
};

const FIRESTORE: Omit<BackendChoice, 'why'> = {
  backend: 'firestore',
  envLines: [
    'MESOP_STATE_SESSION_BACKEND=firestore',
    'MESOP_STATE_SESSION_BACKEND_FIRESTORE_COLLECTION=mesop_state_sessions',
  ],
  tradeOffs: [
    'Shared by every instance on Google Cloud (pip install firebase-admin; default database, Application Default Credentials); each event costs a Firestore round trip.',
    'Create a TTL policy on the `expiresAt` field of the collection, or expired sessions are never deleted.',
  ],
};

/** The recommended backend first; alternatives after it (only for several instances without affinity). */
export function chooseBackends(deployment: Deployment): [BackendChoice, ...BackendChoice[]] {
  switch (deployment) {
    case 'single-process':
      return [{ ...MEMORY, why: 'One process holds every session, so the simplest backend works.' }];
    case 'multi-process':
      return [{ ...FILE, why: 'Several processes on one machine share its disk but not their memory.' }];
    case 'multi-instance-affinity':
      return [
        {
          ...MEMORY,
          why: 'Session affinity sends a user back to the same instance (Cloud Run: --session-affinity); run one worker process per instance, or a worker may miss the token.',
        },
      ];
    case 'multi-instance':
      return [
        {
          ...SQL,
          why: 'Without session affinity any instance may get the next event, so sessions must live in a shared store.',
        },
        { ...FIRESTORE, why: 'The same, as a managed store on Google Cloud.' },
      ];
    case 'unknown':
      return [
        {
          ...MEMORY,
          why: 'Assuming one process (tell us the deployment with --deployment or "deployment" in the config): memory is right for one process or session affinity; several workers on one machine need file, several instances without affinity need sql or firestore.',
        },
      ];
  }
}
