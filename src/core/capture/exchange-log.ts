import { requestSize, type MergedExchange } from './capture-merge';
import type { Exchange } from './exchange';
import { CHROMIUM_RESOURCE_LIMIT } from './har';

/**
 * One captured exchange as the panel's capture log holds it: the merged row of both capture paths,
 * numbered once. `seq` is the exchange's id from here on: `exchange.id` is `String(seq)`, so the
 * decoded event's `exchangeId` and the exported report row's carry it, and the capture's notes
 * (the merge's reasons, Chromium's 20 MB limit) are in `exchange.captureNote`, so the decoder puts
 * them on that event's `problems` and every export shows them.
 */
export interface LoggedExchange extends MergedExchange {
  readonly seq: number;
  /** The capture path's own note, before the merge's were added (a late twin merges again from it). */
  readonly sourceNote?: string;
}

/**
 * The panel's one append-only capture log, trimmed at the front. Sequence numbers start at 1 and
 * have no gaps, so an entry is found by its number in O(1). What follows it reads three facts:
 * the entries, `droppedThrough` (every number up to it is gone) and `revision`, which changes only
 * when an entry already published was replaced (a capture path caught up late and changed what
 * the analysis would read): a follower then starts again from the entries held.
 */
export class ExchangeLog {
  #entries: LoggedExchange[] = [];
  #droppedThrough = 0;
  #revision = 0;

  /** The entries held, oldest first (a live array: read it, never keep it). */
  get entries(): readonly LoggedExchange[] {
    return this.#entries;
  }
  /** Every sequence number up to this one was dropped (0: none). */
  get droppedThrough(): number {
    return this.#droppedThrough;
  }
  get revision(): number {
    return this.#revision;
  }
  /** The last sequence number given (0: none yet). */
  get lastSeq(): number {
    return this.#droppedThrough + this.#entries.length;
  }

  /** Numbers a merged row and appends it. */
  append(row: MergedExchange): LoggedExchange {
    const entry = logged(row, this.lastSeq + 1);
    this.#entries.push(entry);
    return entry;
  }

  get(seq: number): LoggedExchange | undefined {
    return this.#entries[seq - this.#droppedThrough - 1];
  }

  /**
   * The row of `seq` as the capture now sees it. When what the analysis reads changed (its
   * bodies, its notes), the revision changes; otherwise only the capture's bookkeeping does.
   */
  replace(seq: number, row: MergedExchange): LoggedExchange | undefined {
    const i = seq - this.#droppedThrough - 1;
    const old = this.#entries[i];
    if (!old) return undefined;
    const entry = logged(row, seq);
    if (!sameForAnalysis(old.exchange, entry.exchange)) this.#revision++;
    this.#entries[i] = entry;
    return entry;
  }

  /** Drops the oldest `count` entries; returns them. */
  dropOldest(count: number): LoggedExchange[] {
    const gone = this.#entries.splice(0, Math.max(0, count));
    this.#droppedThrough += gone.length;
    return gone;
  }

  /** Entries after `seq`, oldest first. */
  since(seq: number): readonly LoggedExchange[] {
    const from = Math.max(0, seq - this.#droppedThrough);
    return from === 0 ? this.#entries : this.#entries.slice(from);
  }
}

function logged(row: MergedExchange, seq: number): LoggedExchange {
  const notes = [row.exchange.captureNote, ...captureProblems(row)].filter((n): n is string => !!n);
  const exchange: Exchange = {
    ...row.exchange,
    id: String(seq),
    ...(notes.length ? { captureNote: [...new Set(notes)].join('; ') } : {}),
  };
  const own = row.exchange.captureNote;
  return { ...row, exchange, seq, ...(own !== undefined ? { sourceNote: own } : {}) };
}

/** Same bodies and notes: the decoded event would be the same. */
function sameForAnalysis(a: Exchange, b: Exchange): boolean {
  return (
    a.requestBody === b.requestBody &&
    a.responseText === b.responseText &&
    a.captureNote === b.captureNote &&
    (a.responseMessages?.length ?? -1) === (b.responseMessages?.length ?? -1) &&
    a.requestBytesNotCaptured === b.requestBytesNotCaptured &&
    a.responseBytesNotCaptured === b.responseBytesNotCaptured
  );
}

/** What the capture itself knows went wrong with a row, in words: the merge's reasons plus the 20 MB limit. */
export function captureProblems(row: MergedExchange): string[] {
  const out = [...row.problems];
  const ex = row.exchange;
  const byHook = row.sources.includes('hook') ? '; read by the page hook' : '';
  // These bodies are ASCII base64, so characters = bytes. What DevTools keeps over the limit was
  // measured on Chromium 156 (src/core/capture/har.ts): no post data but its Content-Length; no
  // response body but its parsed SSE events.
  if ((requestSize(ex) ?? 0) > CHROMIUM_RESOURCE_LIMIT) {
    out.push(
      `upload over Chromium's 20 MB limit: the Network tab and a HAR export have no body, only its size${byHook}`,
    );
  }
  if ((ex.responseText?.length ?? 0) > CHROMIUM_RESOURCE_LIMIT) {
    out.push(
      `response over Chromium's 20 MB limit: the Network tab shows no body; a HAR export keeps only its SSE events (mesop-devtools analyze reads them)${byHook}`,
    );
  }
  return out;
}
