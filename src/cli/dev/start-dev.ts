import { DEV_BACKENDS, type DevBackend } from '../../core';
import { DEFAULT_ALLOWED_HOSTS } from './allowed-hosts';
import { DEFAULT_BIND_ADDRESS, originOf, urlHost } from './dev-address';
import { startDevServer, type DevServer } from './dev-server';
import { newSecret } from './secret';
import { sqlBackendUsable } from './sql-probe';
import { Supervisor } from './supervisor';

export interface DevOptions {
  app: string;
  mesopBin: string;
  /** Port the user opens; 0 = any free port. */
  port: number;
  /** Loopback address to bind (dev-address.ts checked it); default 127.0.0.1. */
  bindAddress?: string;
  /** Host names answered besides the loopback ones (`--allowed-host`, normalised by allowed-hosts.ts). */
  allowedHosts?: readonly string[];
  backend: DevBackend;
  extraArgs: readonly string[];
  cwd: string;
  env: Record<string, string | undefined>;
  onOutput(text: string, stream: 'stdout' | 'stderr'): void;
  startTimeoutMs?: number;
}

export interface DevHandle {
  /** http://127.0.0.1:PORT (or the address bound, e.g. http://[::1]:PORT) */
  origin: string;
  port: number;
  supervisor: Supervisor;
  server: DevServer;
  /** Stops the listener, then the child, then removes the temporary directories. */
  stop(): Promise<void>;
}

/** Thrown when the port the user asked for is taken. */
export class PortInUse extends Error {}

/**
 * The whole `dev` session: listen first (a taken port fails before Mesop spends seconds
 * starting), then start Mesop. The secret is made here and lives only in memory and in the
 * pages served.
 */
export async function startDev(options: DevOptions): Promise<DevHandle> {
  const backends = (await sqlBackendUsable(options.mesopBin))
    ? [...DEV_BACKENDS]
    : DEV_BACKENDS.filter((b) => b !== 'sql');
  const supervisor = new Supervisor({
    mesopBin: options.mesopBin,
    app: options.app,
    extraArgs: options.extraArgs,
    cwd: options.cwd,
    baseEnv: options.env,
    backend: options.backend,
    backends,
    onOutput: options.onOutput,
    ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
  });
  const secret = newSecret();
  let server: DevServer;
  try {
    const bindAddress = options.bindAddress ?? DEFAULT_BIND_ADDRESS;
    // The address bound is a loopback literal (no rebinding can forge it): always answered.
    const allowedHosts = [...DEFAULT_ALLOWED_HOSTS, ...(options.allowedHosts ?? []), urlHost(bindAddress)];
    server = await startDevServer({ port: options.port, bindAddress, allowedHosts }, supervisor, secret);
  } catch (err) {
    await supervisor.shutdown();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUse(`port ${options.port} is in use`);
    throw err;
  }
  const stop = async (): Promise<void> => {
    await server.close();
    await supervisor.shutdown();
  };
  try {
    await supervisor.start();
  } catch (err) {
    const log = supervisor.state().log.slice(-20).join('\n');
    await stop();
    throw new Error(`${(err as Error).message}\n${log}`);
  }
  return {
    origin: originOf(options.bindAddress ?? DEFAULT_BIND_ADDRESS, server.port),
    port: server.port,
    supervisor,
    server,
    stop,
  };
}
