import type { ReportEvent } from '../../src/core';

/**
 * The report events the panel keeps (one per event of the session, up to the capture's cap) as
 * few heap objects as they can be. A view from the worker arrives by structured clone, which gives
 * every event its own copies of strings that repeat across events ("diff", "click", the handler's
 * name, the field paths) and builds each object of more than four fields with a separate property
 * store. Held for the whole session, those were most of the ~60 heap objects a small event cost the
 * panel's main thread, and every major GC visits them (docs/panel-performance.md).
 *
 * Rebuilt here with object literals (all fields in the object itself) and with the repeated strings
 * shared. The values are unchanged: same fields, same order, equal strings.
 */
export class EventCompactor {
  readonly #strings = new Map<string, string>();

  compact(e: ReportEvent): ReportEvent {
    const r = e.request;
    const p = e.response;
    return {
      index: e.index,
      exchangeId: e.exchangeId,
      kind: this.#intern(e.kind),
      handlerId: e.handlerId === null ? null : this.#intern(e.handlerId),
      key: e.key === null ? null : this.#intern(e.key),
      path: e.path === null ? null : this.#intern(e.path),
      startedAt: e.startedAt,
      durationMs: e.durationMs,
      request: {
        bytes: r.bytes,
        protoBytes: r.protoBytes,
        stateUpload: this.#intern(r.stateUpload) as ReportEvent['request']['stateUpload'],
        stateBytes: numbers(r.stateBytes),
        tokenSent: r.tokenSent,
      },
      response: {
        bytes: p.bytes,
        protoBytes: p.protoBytes,
        messages: p.messages,
        stateDownload: this.#intern(p.stateDownload) as ReportEvent['response']['stateDownload'],
        stateBytes: numbers(p.stateBytes),
        componentTree: this.#intern(p.componentTree) as ReportEvent['response']['componentTree'],
        componentTreeBytes: p.componentTreeBytes,
        commandsBytes: p.commandsBytes,
        errorBytes: p.errorBytes,
        tokenIssued: p.tokenIssued,
        streamEnded: p.streamEnded,
      },
      error: e.error,
      tokenRetry: e.tokenRetry,
      mirror: { stateBytes: numbers(e.mirror.stateBytes) },
      topFields: e.topFields.map((f) =>
        f.blob === undefined
          ? {
              stateClass: f.stateClass,
              path: this.#intern(f.path),
              bytes: f.bytes,
              share: f.share,
              kind: this.#intern(f.kind),
            }
          : {
              stateClass: f.stateClass,
              path: this.#intern(f.path),
              bytes: f.bytes,
              share: f.share,
              kind: this.#intern(f.kind),
              blob: f.blob,
            },
      ),
      problems: e.problems.length === 0 ? NO_PROBLEMS : e.problems,
    };
  }

  /** Strings seen so far (bounded by the distinct values of the session's events, not by their count). */
  get distinctStrings(): number {
    return this.#strings.size;
  }

  #intern(v: string): string {
    const known = this.#strings.get(v);
    if (known !== undefined) return known;
    // A dict keyed by ids would make field paths unbounded: past this, new strings are kept as they came.
    if (this.#strings.size < MAX_INTERNED) this.#strings.set(v, v);
    return v;
  }
}

const MAX_INTERNED = 50_000;

/** Shared by every event without problems; frozen, so a consumer that tried to add one would throw. */
const NO_PROBLEMS: string[] = Object.freeze([]) as unknown as string[];

/**
 * State sizes per state class: an app has a few classes, so a small array either way; empty ones
 * share one frozen array.
 */
function numbers(a: number[]): number[] {
  return a.length === 0 ? NO_NUMBERS : a;
}
const NO_NUMBERS: number[] = Object.freeze([]) as unknown as number[];
