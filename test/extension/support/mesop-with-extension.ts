import { EXTENSION_DIR, launchWithExtension, type Session } from './chromium';
import { startMesop, type MesopServer } from './mesop-server';

export interface MesopWithExtension {
  server: MesopServer;
  session: Session;
}

/**
 * For a describe block (or a file): returns a starter for a real Mesop app plus Chromium with the
 * extension, launched together (Mesop's start-up dominates on 2 cores), and registers an afterAll
 * that stops both, even when a test failed halfway.
 */
export function mesopWithExtension(): (
  app: string,
  options?: Parameters<typeof startMesop>[1],
  extDir?: string,
) => Promise<MesopWithExtension> {
  let server: MesopServer | undefined;
  let session: Session | undefined;
  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });
  return async (app, options = {}, extDir = EXTENSION_DIR) => {
    const [s, b] = await Promise.allSettled([startMesop(app, options), launchWithExtension(extDir)]);
    if (s.status === 'fulfilled') server = s.value;
    if (b.status === 'fulfilled') session = b.value;
    if (s.status === 'rejected') throw s.reason;
    if (b.status === 'rejected') throw b.reason;
    return { server: server!, session: session! };
  };
}
