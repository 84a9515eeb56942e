import { type Analysis, buildReport, classifyUiExchange, defaultAdviceConfig, type Exchange, harToExchanges, IncrementalAnalyzer, type PayloadReport, withoutQuery } from '../../src/core';
import { eventDetail } from './event-detail';
import { growthRows } from './growth';
import type { AdviceSettings, AnalysisView, EventDetail, SourceInfo } from './messages';

/** The report lists the 10 biggest fields per event, like the CLI's; the panel keeps more for its per-class view. */
const REPORT_TOP_N = 10;
const PANEL_TOP_N = 40;
const ANALYZE_OPTIONS = { topN: PANEL_TOP_N, keepFieldBytes: true };

/**
 * The worker's state: the analysis of the exchanges it was given, with the core's one engine
 * (`IncrementalAnalyzer`, which `analyzeExchanges` runs, + the core's `buildReport`, which every
 * face calls), so a number in the panel is the number in the CLI report. No DOM, no chrome.*: unit
 * tests run it in Node.
 *
 * Live capture only grows (append) or loses its oldest events to the panel's memory bound (trim),
 * so each exchange is decoded and measured once, when it arrives; the worker keeps no exchange
 * (their bodies can be megabytes), only what the analysis needs. Views carry only the events the
 * panel does not have yet (`eventsFrom`), plus how many old ones it must drop (`trimmed`).
 *
 * Not every exchange becomes an event: one that is positively not Mesop's (an app's own API under
 * a path ending in /__ui__) is skipped with its reason, as the HAR import, `analyze` and `check`
 * do. The panel counts its rows in exchanges, so trims are in exchanges too (`#appended`).
 */
export class AnalysisEngine {
  source: SourceInfo = { kind: 'live', name: 'DevTools panel' };
  /** Set apart by a HAR import (POSTs only, non-Mesop): stays with the import. */
  #importSkipped: PayloadReport['skipped'] = [];
  /** Appended exchanges that are not Mesop's, oldest first (trimmed with them). */
  #appendSkipped: PayloadReport['skipped'] = [];
  settings: AdviceSettings = { thresholds: defaultAdviceConfig().thresholds, deployment: 'unknown' };
  report: PayloadReport | undefined;
  #analyzer = new IncrementalAnalyzer(ANALYZE_OPTIONS);
  #events = 0;
  /** Per exchange appended and not trimmed, oldest first: whether it became an event (else it is in `skipped`). */
  #appended: boolean[] = [];
  /** Events the panel holds from earlier views, and the front events it must drop at the next one. */
  #sent = 0;
  #trimmed = 0;

  constructor(private readonly toolVersion: string) {}

  /** Events analysed (after trims). */
  get events(): number {
    return this.#events;
  }

  /** Exchanges not measured, with why: the report's `skipped`. */
  get skipped(): PayloadReport['skipped'] {
    return [...this.#importSkipped, ...this.#appendSkipped];
  }

  get analysis(): Analysis {
    return this.#analyzer.analysis();
  }

  reset(exchanges: readonly Exchange[], source: SourceInfo): void {
    this.#analyzer = new IncrementalAnalyzer(ANALYZE_OPTIONS);
    this.#events = 0;
    this.#appended = [];
    this.#sent = 0;
    this.#trimmed = 0;
    this.source = source;
    this.#importSkipped = [];
    this.#appendSkipped = [];
    this.report = undefined;
    this.append(exchanges);
  }

  /** `classified`: the exchanges are known Mesop ones (the HAR import already set the others apart). */
  append(exchanges: readonly Exchange[], classified = false): void {
    for (const ex of exchanges) {
      const verdict = classified ? { mesop: true as const } : classifyUiExchange(ex);
      this.#appended.push(verdict.mesop);
      if (verdict.mesop) { this.#analyzer.add(ex); this.#events++; }
      else this.#appendSkipped.push({ url: withoutQuery(ex.url), reason: verdict.reason });
    }
    this.report = undefined;
  }

  /** Forgets the oldest `count` exchanges (the panel dropped their rows to bound its memory). */
  trim(count: number): void {
    const gone = this.#appended.splice(0, Math.max(0, count));
    const skippedGone = gone.filter((isEvent) => !isEvent).length;
    if (skippedGone) this.#appendSkipped.splice(0, skippedGone);
    const n = Math.min(gone.length - skippedGone, this.#events);
    this.#analyzer.dropOldest(n);
    this.#events -= n;
    this.#trimmed += Math.min(n, this.#sent);
    this.#sent = Math.max(0, this.#sent - n);
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
    const config = { ...defaultAdviceConfig(this.settings.thresholds, this.settings.deployment), backend: this.settings.backend };
    const forReport: Analysis = { ...analysis, topFields: analysis.topFields.map((t) => (t ?? []).slice(0, REPORT_TOP_N)) };
    // Findings come from the full analysis (same fields either way; the cut only trims topFields).
    this.report = buildReport(forReport, { toolVersion: this.toolVersion, source: this.source, skipped: this.skipped }, { advice: config });
    return this.report;
  }

  /** The next view for the panel: the report with only the events it does not have yet. */
  view(): AnalysisView {
    const t0 = performance.now();
    const report = this.fullReport();
    const view: AnalysisView = {
      report: { ...report, events: report.events.slice(this.#sent) },
      eventsFrom: this.#sent,
      trimmed: this.#trimmed,
      growth: growthRows(this.analysis),
      hasDetails: true,
      ms: Math.round(performance.now() - t0),
    };
    this.#sent = report.events.length;
    this.#trimmed = 0;
    return view;
  }

  detail(eventIndex: number): EventDetail | null {
    return eventIndex < this.#events ? eventDetail(this.analysis, eventIndex) : null;
  }

  /** The client-held JSON of each state class after the last event: only exported on explicit request. */
  stateValues(): string[] {
    return [...this.analysis.session.mirror];
  }
}
