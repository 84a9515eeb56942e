import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { freePort } from '../app/mesop-server';
import { setupBackend, type BackendSetup } from './backends';
import { DEV_CONTROL_VERSION, type ChildStatus, type DevBackend, type DevState } from '../../core';
import { LogTail } from './log-tail';
import { spawnMesop, type MesopChild } from './mesop-child';
import { markOwner, removeStaleTempRoots, TEMP_PREFIX } from './stale-temp';
import { transportOfHtml, waitUntilServing } from './wait-until-serving';

/**
 * Owns the Mesop child: which backend it runs with, its status, and the temporary directories.
 * Mesop reads its configuration once at import (docs/protocol.md §7), so every switch is a
 * restart with other environment variables. One operation at a time: a switch or restart asked
 * while another is under way is refused (the caller gets 409), never queued behind it.
 */
export interface SupervisorOptions {
  mesopBin: string;
  /** Absolute path of the app file. */
  app: string;
  extraArgs: readonly string[];
  /** The user's working directory: Mesop finds their .env and relative paths from there. */
  cwd: string;
  /** The user's environment, passed through; only the backend variables are set on top. */
  baseEnv: Record<string, string | undefined>;
  backend: DevBackend;
  backends: DevBackend[];
  startTimeoutMs?: number;
  /** Mesop's output, and the supervisor's own status lines, for the terminal. */
  onOutput(text: string, stream: 'stdout' | 'stderr'): void;
}

export class Supervisor {
  private backend: DevBackend;
  private setup: BackendSetup | null = null;
  private child: MesopChild | null = null;
  private status: ChildStatus = 'starting';
  private exitCode: number | null = null;
  private signal: string | null = null;
  private restarts = 0;
  private startedAt: number | null = null;
  private transport: 'sse' | 'websocket' | null = null;
  private readonly tail = new LogTail(40);
  /** The start in progress; proxied requests wait on it instead of failing during a restart. */
  private starting: Promise<void> | null = null;
  private busy = false;
  private shutDown = false;
  /** Everything temporary lives under this one directory, so cleanup is one rm. */
  readonly tempRoot: string;

  constructor(private readonly options: SupervisorOptions) {
    this.backend = options.backend;
    const stale = removeStaleTempRoots(tmpdir());
    this.tempRoot = mkdtempSync(join(tmpdir(), TEMP_PREFIX));
    markOwner(this.tempRoot);
    if (stale.length)
      this.say(
        `removed ${stale.length} temporary director${stale.length === 1 ? 'y' : 'ies'} left by an earlier session that was killed`,
      );
    LIVE.add(this);
  }

  isBusy(): boolean {
    return this.busy;
  }
  current(): DevBackend {
    return this.backend;
  }

  state(): DevState {
    return {
      version: DEV_CONTROL_VERSION,
      backend: this.backend,
      backends: [...this.options.backends],
      transport: this.transport,
      app: basename(this.options.app),
      backendDir: this.setup?.dir ?? null,
      child: {
        status: this.status,
        pid: this.child && !this.child.exited ? this.child.pid : null,
        exitCode: this.exitCode,
        signal: this.signal,
        restarts: this.restarts,
        startedAt: this.startedAt,
      },
      log: this.tail.snapshot(),
    };
  }

  /** Called by the proxy with each Mesop page it serves (the transport can change on restart). */
  sawHtml(html: string): void {
    this.transport = transportOfHtml(html) ?? this.transport;
  }

  /** First start. Throws (with Mesop's last lines) if Mesop does not come up. */
  async start(): Promise<void> {
    await this.exclusive(() => this.replaceChild(this.backend, 'starting'));
  }

  /** Restart with another backend; resolves once the new child answers. */
  async switchTo(backend: DevBackend): Promise<void> {
    await this.exclusive(() => this.replaceChild(backend, 'restarting'));
  }

  /** Restart with the same backend (after a crash, or to reset the server's memory). */
  async restart(): Promise<void> {
    await this.exclusive(() => this.replaceChild(this.backend, 'restarting'));
  }

  /**
   * The port to forward to, waiting (at most `waitMs`) while a start is in progress, so that the
   * page reload that follows a switch lands on the new server. null when there is none.
   */
  async target(waitMs = 60_000): Promise<number | null> {
    if (this.starting) {
      await Promise.race([this.starting.catch(() => undefined), new Promise((r) => setTimeout(r, waitMs).unref())]);
    }
    return this.status === 'running' && this.child ? this.child.port : null;
  }

  /** Stops the child and removes every temporary directory. Idempotent. */
  async shutdown(): Promise<void> {
    if (this.shutDown) return;
    this.shutDown = true;
    this.status = 'stopped'; // before the stop, so the child's exit is not taken for a crash
    await this.child?.stop();
    // A switch under way fails fast once its child is gone; then stop whatever it had spawned.
    await this.starting;
    await this.child?.stop();
    this.setup?.dispose();
    rmSync(this.tempRoot, { recursive: true, force: true });
    LIVE.delete(this);
  }

  /** Synchronous last resort, for the process 'exit' hook. */
  killNow(): void {
    this.child?.killNow();
    rmSync(this.tempRoot, { recursive: true, force: true });
  }

  private async exclusive(op: () => Promise<void>): Promise<void> {
    if (this.busy) throw new SupervisorBusy();
    if (this.shutDown) throw new Error('the dev server is shutting down');
    this.busy = true;
    try {
      await op();
    } finally {
      this.busy = false;
    }
  }

  private async replaceChild(backend: DevBackend, status: 'starting' | 'restarting'): Promise<void> {
    const first = this.child === null;
    this.status = status;
    let done!: () => void;
    this.starting = new Promise<void>((r) => {
      done = r;
    });
    try {
      if (this.child) {
        this.tail.note(`--- mesop-devtools: restarting mesop with backend ${backend} ---`);
        await this.child.stop();
      }
      if (!this.setup || backend !== this.backend) {
        // Old backend's directory goes with the old process: its tokens are useless to the new one.
        this.setup?.dispose();
        this.setup = null;
        this.backend = backend;
        this.setup = setupBackend(backend, this.tempRoot);
      }
      if (!first) this.restarts += 1;
      if (this.shutDown) throw new Error('the dev server is shutting down');
      await this.spawnAndWait();
      if (this.shutDown) throw new Error('the dev server is shutting down');
      this.status = 'running';
      this.say(`mesop is running with MESOP_STATE_SESSION_BACKEND=${backend} (internal port ${this.child?.port})`);
    } catch (err) {
      if (!this.shutDown) this.status = 'crashed';
      await this.child?.stop();
      throw err;
    } finally {
      this.starting = null;
      done();
    }
  }

  private async spawnAndWait(): Promise<void> {
    const port = await freePort();
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.options.baseEnv)) if (v !== undefined) env[k] = v;
    Object.assign(env, { PYTHONUNBUFFERED: '1' }, this.setup?.env ?? {});
    const child = spawnMesop({
      mesopBin: this.options.mesopBin,
      app: this.options.app,
      port,
      extraArgs: this.options.extraArgs,
      cwd: this.options.cwd,
      env,
      tempRoot: this.tempRoot,
      onOutput: (text, stream) => {
        this.tail.push(text);
        this.options.onOutput(text, stream);
      },
      onExit: (code, signal) => this.childExited(child, code, signal),
    });
    this.child = child;
    this.startedAt = Date.now();
    const html = await waitUntilServing(port, () => child.exited, this.options.startTimeoutMs ?? 60_000);
    this.sawHtml(html);
  }

  private childExited(child: MesopChild, code: number | null, signal: string | null): void {
    if (child !== this.child) return;
    this.exitCode = code;
    this.signal = signal;
    // An exit we asked for (restart, shutdown) is not a crash.
    if (this.status === 'running') {
      this.status = 'crashed';
      this.say(
        `mesop exited (${signal ?? `code ${code}`}); the dev server keeps running: restart it from the Mesop tab`,
      );
    }
  }

  private say(line: string): void {
    this.tail.note(`--- mesop-devtools: ${line} ---`);
    this.options.onOutput(`mesop-devtools: ${line}\n`, 'stderr');
  }
}

export class SupervisorBusy extends Error {
  constructor() {
    super('another switch or restart is under way');
  }
}

const LIVE = new Set<Supervisor>();
/** Never leave a Mesop process or a temporary directory behind, even when the CLI crashes. */
process.on('exit', () => {
  for (const s of LIVE) s.killNow();
});
