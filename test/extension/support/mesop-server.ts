import { join, resolve } from 'node:path';
import { freePort, startMesop as startServer, type MesopServer } from '../../../src/cli/app/mesop-server';

/**
 * A real Mesop 1.3.7 server (the project's .venv) for browser tests: the same launcher the CLI
 * uses (free port on 127.0.0.1, temporary working directory, process-group stop), with the
 * options the extension tests vary.
 */
export type { MesopServer };
export { freePort };

const ROOT = resolve(__dirname, '../../..');

export function startMesop(
  app: string,
  opts: { websockets?: boolean; prod?: boolean; env?: Record<string, string> } = {},
): Promise<MesopServer> {
  return startServer({
    app: join(ROOT, app),
    mesopBin: join(ROOT, '.venv/bin/mesop'),
    prod: opts.prod,
    env: { MESOP_WEBSOCKETS_ENABLED: opts.websockets ? 'true' : 'false', ...opts.env },
  });
}
