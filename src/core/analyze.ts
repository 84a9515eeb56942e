import type { Exchange } from './capture/exchange';
import { measureJson } from './measure/measure-json';
import { topFields } from './measure/top-fields';
import type { StateMeasure } from './measure/types';
import { SessionBuilder } from './session/build-session';
import type { MesopEvent } from './session/event';
import { stateClassLabel, stateClassNumber } from './session/numbering';
import type { Session } from './session/session';

/** One of the biggest fields of the client-held state after an event. */
export interface FieldSummary {
  /** The state class's number, from 1 in registration order (session/numbering.ts). */
  stateClass: number;
  path: string;
  bytes: number;
  /** Share of that state class's JSON, 0..1. */
  share: number;
  kind: string;
  /** For blobs: what it is, e.g. "PNG image, 1.9 MB of base64". */
  blob?: string;
}

export interface Analysis {
  session: Session;
  /** Per event (same index), the biggest fields across all state classes, largest first. */
  topFields: FieldSummary[][];
  /** Per event, every blob-like value (base64, data URL, bytes, UploadedFile) in the held state. */
  blobs: FieldSummary[][];
  /** Per event, every field of every class: path -> bytes (for growth and budgets on paths). */
  fieldBytes: Map<string, number>[][];
}

export interface AnalyzeOptions {
  topN?: number;
  /** Keep every field's size per event (needed by growth detection and path budgets). */
  keepFieldBytes?: boolean;
}

/**
 * The one engine every face uses: exchanges -> session -> measured fields per event.
 * A state class's JSON is measured once per distinct text: an unchanged state (empty diff) reuses
 * the previous measure.
 */
export function analyzeExchanges(exchanges: readonly Exchange[], options: AnalyzeOptions = {}): Analysis {
  const analyzer = new IncrementalAnalyzer(options);
  for (const exchange of exchanges) analyzer.add(exchange);
  return analyzer.analysis();
}

/**
 * `analyzeExchanges`, one exchange at a time (the panel's live capture): adding an event costs
 * that event's decode and measure, never a re-analysis of the session. `dropOldest` forgets the
 * first events (a memory bound) and renumbers the rest. `analysis()` returns live views of the
 * same arrays (cheap; they change with later calls).
 */
export class IncrementalAnalyzer {
  readonly #topN: number;
  readonly #keepFieldBytes: boolean;
  readonly #top: FieldSummary[][] = [];
  readonly #blobs: FieldSummary[][] = [];
  readonly #bytes: Map<string, number>[][] = [];
  readonly #lastMeasure: { text: string; measure: StateMeasure }[] = [];
  readonly #builder: SessionBuilder;

  constructor(options: AnalyzeOptions = {}) {
    this.#topN = options.topN ?? 10;
    this.#keepFieldBytes = options.keepFieldBytes === true;
    this.#builder = new SessionBuilder({
      onMirror: (event, states, stateBytes, utf8) => this.#onMirror(event, states, stateBytes, utf8),
    });
  }

  add(exchange: Exchange): MesopEvent {
    return this.#builder.add(exchange);
  }

  dropOldest(count: number): void {
    const n = Math.min(Math.max(0, count), this.#top.length);
    this.#builder.dropOldest(n);
    this.#top.splice(0, n);
    this.#blobs.splice(0, n);
    this.#bytes.splice(0, n);
  }

  analysis(): Analysis {
    return { session: this.#builder.session(), topFields: this.#top, blobs: this.#blobs, fieldBytes: this.#bytes };
  }

  #onMirror(
    event: MesopEvent,
    states: readonly string[],
    stateBytes: readonly number[],
    utf8: readonly (Uint8Array | undefined)[],
  ): void {
    const measures = states.map((text, i) => {
      const cached = this.#lastMeasure[i];
      if (cached && cached.text === text) return cached.measure;
      // The bytes the decoder read, where this event brought them: the same measure, at about
      // half the cost of scanning the string (measure/scan-utf8.ts).
      const measure = measureJson(utf8[i] ?? text, { utf8Bytes: stateBytes[i], text });
      this.#lastMeasure[i] = { text, measure };
      return measure;
    });
    if (measures.some((m) => m.problems.length)) {
      measures.forEach((m, i) =>
        event.problems.push(...m.problems.map((p) => `${stateClassLabel(stateClassNumber(i))}: ${p}`)),
      );
    }
    this.#top[event.index] = summarize(measures, this.#topN);
    this.#blobs[event.index] = measures.flatMap((m, position) => blobFields(m, stateClassNumber(position)));
    if (this.#keepFieldBytes) {
      this.#bytes[event.index] = measures.map((m) => {
        const map = new Map<string, number>();
        for (const f of m.fields) map.set(f.path, f.bytes);
        for (const f of m.aggregates) map.set(f.path, f.bytes);
        return map;
      });
    }
  }
}

/**
 * An UploadedFile's name is a state value (users name files after what is in them), and analyses end
 * up in exported reports and findings, which carry no state values: drop the quoted name that
 * measure's description puts before "(UploadedFile)". The size and type stay.
 */
function withoutFileName(description: string): string {
  return description.replace(/ "(?:[^"\\]|\\.)*"(?= \(UploadedFile\))/, '');
}

/** Blobs as fields: a marker blob (bytes, UploadedFile) is sized as its whole field, not just the base64. */
function blobFields(measure: StateMeasure, stateClass: number): FieldSummary[] {
  if (measure.blobs.length === 0) return [];
  const fieldBytes = new Map(measure.fields.map((f) => [f.path, f.bytes]));
  return measure.blobs.map((b) => {
    const bytes = fieldBytes.get(b.path) ?? b.bytes;
    return {
      stateClass,
      path: b.path,
      bytes,
      share: measure.bytes ? bytes / measure.bytes : 0,
      kind: b.mediaType ?? b.encoding,
      blob: withoutFileName(b.description),
    };
  });
}

function summarize(measures: StateMeasure[], n: number): FieldSummary[] {
  const all: FieldSummary[] = [];
  measures.forEach((measure, position) => {
    const stateClass = stateClassNumber(position);
    const blobs = new Map(measure.blobs.map((b) => [b.path, withoutFileName(b.description)]));
    for (const f of topFields(measure, n)) {
      all.push({
        stateClass,
        path: f.path,
        bytes: f.bytes,
        kind: String(f.kind),
        share: measure.bytes ? f.bytes / measure.bytes : 0,
        ...(blobs.has(f.path) ? { blob: blobs.get(f.path) } : {}),
      });
    }
  });
  return all.sort((a, b) => b.bytes - a.bytes).slice(0, n);
}
