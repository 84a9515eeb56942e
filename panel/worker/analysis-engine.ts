import {
  type Analysis,
  buildReport,
  classifyUiExchange,
  defaultAdviceConfig,
  type Exchange,
  harToExchanges,
  IncrementalAnalyzer,
  type PayloadReport,
  withoutQuery,
} from '../../src/core';
import { eventDetail } from './event-detail';
import { growthRows } from './growth';
import type { AdviceSettings, AnalysisView, EventDetail, ResponseTiming, SourceInfo } from './messages';
import { responseTiming } from './response-timing';

/** The report lists the 10 biggest fields per event, like the CLI's; the panel keeps more for its per-class view. */
const REPORT_TOP_N = 10;
const PANEL_TOP_N = 40;
const ANALYZE_OPTIONS = { topN: PANEL_TOP_N, keepFieldBytes: true };

/** An exchange set apart as not Mesop's, with the log number it came under. */
interface Skipped {
  exchangeId: string;
  url: string;
  reason: string;
}

/**
 * The worker's state: the analysis of the exchanges it was given, with the core's one engine
 * (`IncrementalAnalyzer`, which `analyzeExchanges` runs, + the core's `buildReport`, which every
 * face calls), so a number in the panel is the number in the CLI report. No DOM, no chrome.*: unit
 * tests run it in Node.
 *
 * It follows the panel's capture log by number (src/core/capture/exchange-log.ts): exchanges are
 * appended, each decoded and measured once, when it arrives; the log drops the oldest through a
 * number. The worker keeps no exchange (their bodies can be megabytes), only what the analysis
 * needs. Views carry only the events after those sent before.
 *
 * Not every exchange becomes an event: whether it is Mesop's is decided here, once, for every
 * capture path (mesop-traffic.ts). One that is positively not (an app's own API under a path
 * ending in /__ui__) is skipped with its reason, as the HAR import, `analyze` and `check` do.
 */
export class AnalysisEngine {
  source: SourceInfo = { kind: 'live', name: 'DevTools panel' };
  /** Set apart by a HAR import (POSTs only, non-Mesop): stays with the import. */
  #importSkipped: PayloadReport['skipped'] = [];
  /** Appended exchanges that are not Mesop's, oldest first (dropped with the log). */
  #skipped: Skipped[] = [];
  settings: AdviceSettings = { thresholds: defaultAdviceConfig().thresholds, deployment: 'unknown' };
  report: PayloadReport | undefined;
  #analyzer = new IncrementalAnalyzer(ANALYZE_OPTIONS);
  #droppedThrough = 0;
  /** The exchange id of the last event sent in a view. */
  #shownThrough: string | undefined;
  /** When the server answered, by exchange id (a few numbers per event; the exchanges are not kept). */
  #timings = new Map<string, ResponseTiming>();

  constructor(private readonly toolVersion: string) {}

  /** Events analysed (after drops). */
  get events(): number {
    return this.analysis.session.events.length;
  }

  /** Exchanges not measured, with why: the report's `skipped`. */
  get skipped(): PayloadReport['skipped'] {
    return [...this.#importSkipped, ...this.#skipped.map(({ url, reason }) => ({ url, reason }))];
  }

  get analysis(): Analysis {
    return this.#analyzer.analysis();
  }

  reset(exchanges: readonly Exchange[], source: SourceInfo): void {
    this.#analyzer = new IncrementalAnalyzer(ANALYZE_OPTIONS);
    this.#droppedThrough = 0;
    this.#shownThrough = undefined;
    this.source = source;
    this.#importSkipped = [];
    this.#skipped = [];
    this.#timings.clear();
    this.report = undefined;
    this.append(exchanges);
  }

  /** `classified`: the exchanges are known Mesop ones (the HAR import already set the others apart). */
  append(exchanges: readonly Exchange[], classified = false): void {
    for (const ex of exchanges) {
      const verdict = classified ? { mesop: true as const } : classifyUiExchange(ex);
      if (verdict.mesop) {
        const timing = responseTiming(ex, this.#analyzer.add(ex));
        if (timing) this.#timings.set(ex.id, timing);
      } else this.#skipped.push({ exchangeId: ex.id, url: withoutQuery(ex.url), reason: verdict.reason });
    }
    this.report = undefined;
  }

  /** Forgets the exchanges numbered up to `through` (the panel's log dropped them). */
  dropThrough(through: number): void {
    const gone = (id: string) => Number(id) <= through;
    const events = this.analysis.session.events;
    let n = 0;
    while (n < events.length && gone(events[n]!.exchangeId)) n++;
    this.#analyzer.dropOldest(n);
    this.#skipped = this.#skipped.filter((s) => !gone(s.exchangeId));
    for (const id of this.#timings.keys()) if (gone(id)) this.#timings.delete(id);
    this.#droppedThrough = Math.max(this.#droppedThrough, through);
    this.report = undefined;
  }

  importHar(text: string, name: string): void {
    const imported = harToExchanges(text);
    this.reset([], { kind: 'har', name });
    this.#importSkipped = imported.skipped; // the import already set non-Mesop exchanges apart
    this.append(imported.exchanges, true);
  }

  setSettings(settings: AdviceSettings): void {
    this.settings = settings;
    this.report = undefined;
  }

  /** The whole report of what is analysed now; findings always follow the current thresholds. */
  fullReport(): PayloadReport {
    if (this.report) return this.report;
    const analysis = this.analysis;
    const config = {
      ...defaultAdviceConfig(this.settings.thresholds, this.settings.deployment),
      backend: this.settings.backend,
    };
    const forReport: Analysis = {
      ...analysis,
      topFields: analysis.topFields.map((t) => (t ?? []).slice(0, REPORT_TOP_N)),
    };
    // Findings come from the full analysis (same fields either way; the cut only trims topFields).
    this.report = buildReport(
      forReport,
      { toolVersion: this.toolVersion, source: this.source, skipped: this.skipped },
      { advice: config },
    );
    return this.report;
  }

  /** The next view for the panel: the report with only the events it does not have yet. */
  view(): AnalysisView {
    const t0 = performance.now();
    const report = this.fullReport();
    const { events } = report;
    let from = events.length;
    while (from > 0 && events[from - 1]!.exchangeId !== this.#shownThrough) from--;
    // (Not found: the last event shown was dropped, so every event held is new to the panel.)
    this.#shownThrough = events.at(-1)?.exchangeId ?? this.#shownThrough;
    const timings = new Map<string, ResponseTiming>();
    for (const e of events.slice(from)) {
      const timing = this.#timings.get(e.exchangeId);
      if (timing) timings.set(e.exchangeId, timing);
    }
    return {
      report: { ...report, events: events.slice(from) },
      droppedThrough: this.#droppedThrough,
      dropped: 0,
      growth: growthRows(this.analysis),
      hasDetails: true,
      timings,
      ms: Math.round(performance.now() - t0),
    };
  }

  detail(eventIndex: number): EventDetail | null {
    return eventIndex < this.events ? eventDetail(this.analysis, eventIndex) : null;
  }

  /** The client-held JSON of each state class after the last event: only exported on explicit request. */
  stateValues(): string[] {
    return [...this.analysis.session.mirror];
  }
}
