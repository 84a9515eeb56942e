import { withBody } from './hook-body';
import type { BodyField, HookMessage, RelayToPanel } from './protocol';

/**
 * What the relay posts to the panel, in order, a little at a time. Posting on an extension port
 * serializes the message on the page's main thread (about 5 ms per MB, measured in issue 24), so
 * messages go in tasks of their own after the page's, and a big body in parts of PART_CHARS, each its
 * own post: no task of ours blocks the page for long, however big the state. Pure: the caller gives
 * the port's post and the scheduler (short budgeted tasks in the relay, a fake in tests).
 */
export const PART_CHARS = 512 * 1024;

interface Pending {
  message: HookMessage;
  field?: BodyField;
  body: string;
  /** Characters of `body` already posted as parts. */
  sent: number;
}

/** `timeLeft()`: ms the task may still post for. */
export type IdleScheduler = (run: (timeLeft: () => number) => void) => void;

export class RelaySender {
  #queue: Pending[] = [];
  #scheduled = false;

  constructor(
    private readonly post: (m: RelayToPanel) => void,
    private readonly schedule: IdleScheduler,
  ) {}

  /** Queues `message`, whose `field` (if any) was emptied by the hook and is `body`. */
  push(message: HookMessage, field?: BodyField, body = ''): void {
    this.#queue.push({ message, ...(field ? { field } : {}), body, sent: 0 });
    this.#kick();
  }

  /** The panel went away: nothing queued is wanted (the next panel gets the hook's replay). */
  clear(): void {
    this.#queue = [];
  }

  get queued(): number {
    return this.#queue.length;
  }

  #kick(): void {
    if (this.#scheduled || this.#queue.length === 0) return;
    this.#scheduled = true;
    this.schedule((timeLeft) => {
      this.#scheduled = false;
      this.#drain(timeLeft);
      this.#kick();
    });
  }

  /** At least one post per task, more while its budget lasts. */
  #drain(timeLeft: () => number): void {
    const queue = this.#queue;
    let i = 0;
    do {
      const p = queue[i];
      if (!p) break;
      if (p.field && p.body.length > PART_CHARS) {
        this.post({ kind: 'part', text: p.body.slice(p.sent, p.sent + PART_CHARS) });
        p.sent += PART_CHARS;
        if (p.sent >= p.body.length) {
          this.post({ kind: 'hook', message: p.message, parts: p.field });
          i++;
        }
      } else {
        this.post({ kind: 'hook', message: p.field ? withBody(p.message, p.field, p.body) : p.message });
        i++;
      }
    } while (timeLeft() > 1 && this.#queue === queue);
    queue.splice(0, i); // (a clear() meanwhile replaced the queue: this one is dropped anyway)
  }
}
