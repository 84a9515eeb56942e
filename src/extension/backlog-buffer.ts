import type { Backlog, HookMessage } from './protocol';

/**
 * The relay's per-page memory of hook messages, bounded by characters (JS strings: ~2 bytes each)
 * so a page that streams big states for hours cannot grow the tab without limit. When full, the
 * oldest messages go and are counted in `dropped`, which the panel shows as a visible row.
 * 48 Mi, not more: the backlog is answered in one extension message, and Chrome refuses those
 * over 64 MiB (the answer is then lost whole: see MAX_CARRIED_CHARS in protocol.ts).
 */
export const BACKLOG_MAX_CHARS = 48 * 1024 * 1024;

export class BacklogBuffer {
  #messages: { message: HookMessage; chars: number }[] = [];
  #chars = 0;
  #dropped = 0;

  constructor(private readonly maxChars = BACKLOG_MAX_CHARS) {}

  push(message: HookMessage, chars: number): void {
    this.#messages.push({ message, chars });
    this.#chars += chars;
    while (this.#chars > this.maxChars && this.#messages.length > 1) {
      const old = this.#messages.shift()!;
      this.#chars -= old.chars;
      this.#dropped++;
    }
  }

  snapshot(): Backlog {
    return { messages: this.#messages.map((m) => m.message), dropped: this.#dropped };
  }
}
