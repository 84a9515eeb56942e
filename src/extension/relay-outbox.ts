import { MAX_CARRIED_CHARS, type HookMessage } from './protocol';

/** How long the first waiting hook message may wait for company (the panel updates every 200 ms anyway). */
export const OUTBOX_FLUSH_MS = 50;
/**
 * Characters after which the outbox goes at once. Under the 64 MiB message limit with any one
 * message up to MAX_CARRIED_CHARS (32 Mi) added to it, and small enough that a batch of 200 kB
 * states is a few of them, not a multi-megabyte burst.
 */
export const OUTBOX_FLUSH_CHARS = Math.min(4 * 1024 * 1024, MAX_CARRIED_CHARS);

/**
 * The relay's hook messages on their way to a watching panel, sent in batches. Why: each
 * extension port message has a fixed cost in the page, the browser process and the panel. A trace
 * of 2,000 small events at 40/s showed the panel's port message handling at ~0.45 ms of CPU per
 * message, 20% of the panel's main thread, with two messages (start, end) per event; batches of
 * what came within OUTBOX_FLUSH_MS pay that once per batch.
 */
export class RelayOutbox {
  #messages: HookMessage[] = [];
  #chars = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly post: (messages: HookMessage[]) => void,
    private readonly flushMs = OUTBOX_FLUSH_MS,
    private readonly flushChars = OUTBOX_FLUSH_CHARS,
  ) {}

  add(message: HookMessage, chars: number): void {
    if (this.#chars > 0 && this.#chars + chars > this.flushChars) this.flush();
    this.#messages.push(message);
    this.#chars += chars;
    if (this.#chars >= this.flushChars) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  flush(): void {
    this.#cancelTimer();
    if (this.#messages.length === 0) return;
    const messages = this.#messages;
    this.#messages = [];
    this.#chars = 0;
    this.post(messages);
  }

  /** Forgets what waits: a new panel gets it in the backlog, and no panel needs it. */
  clear(): void {
    this.#cancelTimer();
    this.#messages = [];
    this.#chars = 0;
  }

  get waiting(): number {
    return this.#messages.length;
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
