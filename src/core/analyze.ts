import type { Exchange } from './decode/exchange';
import { measureJson } from './measure/measure-json';
import { topFields } from './measure/top-fields';
import type { StateMeasure } from './measure/types';
import { buildSession, type SessionOptions } from './session/build-session';
import type { MesopEvent } from './session/event';
import type { Session } from './session/session';

/** One of the biggest fields of the client-held state after an event. */
export interface FieldSummary {
  /** Position of the state class (0-based, registration order; names are not on the wire). */
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
  const topN = options.topN ?? 10;
  const topByEvent: FieldSummary[][] = [];
  const blobsByEvent: FieldSummary[][] = [];
  const bytesByEvent: Map<string, number>[][] = [];
  const lastMeasure: { text: string; measure: StateMeasure }[] = [];

  const onMirror: SessionOptions['onMirror'] = (event: MesopEvent, states) => {
    const measures = states.map((text, i) => {
      const cached = lastMeasure[i];
      if (cached && cached.text === text) return cached.measure;
      const measure = measureJson(text);
      lastMeasure[i] = { text, measure };
      return measure;
    });
    if (measures.some((m) => m.problems.length)) {
      measures.forEach((m, i) => event.problems.push(...m.problems.map((p) => `state class #${i + 1}: ${p}`)));
    }
    topByEvent[event.index] = summarize(measures, topN);
    blobsByEvent[event.index] = measures.flatMap((m, stateClass) => blobFields(m, stateClass));
    if (options.keepFieldBytes) {
      bytesByEvent[event.index] = measures.map((m) => {
        const map = new Map<string, number>();
        for (const f of m.fields) map.set(f.path, f.bytes);
        for (const f of m.aggregates) map.set(f.path, f.bytes);
        return map;
      });
    }
  };
  const session = buildSession(exchanges, { onMirror });
  return { session, topFields: topByEvent, blobs: blobsByEvent, fieldBytes: bytesByEvent };
}

/** Blobs as fields: a marker blob (bytes, UploadedFile) is sized as its whole field, not just the base64. */
function blobFields(measure: StateMeasure, stateClass: number): FieldSummary[] {
  if (measure.blobs.length === 0) return [];
  const fieldBytes = new Map(measure.fields.map((f) => [f.path, f.bytes]));
  return measure.blobs.map((b) => {
    const bytes = fieldBytes.get(b.path) ?? b.bytes;
    return { stateClass, path: b.path, bytes, share: measure.bytes ? bytes / measure.bytes : 0, kind: b.mediaType ?? b.encoding, blob: b.description };
  });
}

function summarize(measures: StateMeasure[], n: number): FieldSummary[] {
  const all: FieldSummary[] = [];
  measures.forEach((measure, stateClass) => {
    const blobs = new Map(measure.blobs.map((b) => [b.path, b.description]));
    for (const f of topFields(measure, n)) {
      all.push({
        stateClass, path: f.path, bytes: f.bytes, kind: String(f.kind),
        share: measure.bytes ? f.bytes / measure.bytes : 0,
        ...(blobs.has(f.path) ? { blob: blobs.get(f.path) } : {}),
      });
    }
  });
  return all.sort((a, b) => b.bytes - a.bytes).slice(0, n);
}
