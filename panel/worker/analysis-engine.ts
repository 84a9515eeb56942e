import { defaultAdviceConfig } from '../../src/core/advise/advice-config';
import { IncrementalAnalyzer, type Analysis } from '../../src/core/analyze';
import type { Exchange } from '../../src/core/decode/exchange';
import { harToExchanges } from '../../src/core/decode/har';
import { buildReport } from '../../src/core/report/build-report';
import type { PayloadReport } from '../../src/core/report/report-types';
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
 */
export class AnalysisEngine {
  source: SourceInfo = { kind: 'live', name: 'DevTools panel' };
  skipped: PayloadReport['skipped'] = [];
  settings: AdviceSettings = { thresholds: defaultAdviceConfig().thresholds, deployment: 'unknown' };
  report: PayloadReport | undefined;
  #analyzer = new IncrementalAnalyzer(ANALYZE_OPTIONS);
  #events = 0;
  /** Events the panel holds from earlier views, and the front events it must drop at the next one. */
  #sent = 0;
  #trimmed = 0;

  constructor(private readonly toolVersion: string) {}

  /** Events analysed (after trims). */
  get events(): number {
    return this.#events;
  }

  get analysis(): Analysis {
    return this.#analyzer.analysis();
  }

  reset(exchanges: readonly Exchange[], source: SourceInfo): void {
    this.#analyzer = new IncrementalAnalyzer(ANALYZE_OPTIONS);
    this.#events = 0;
    this.#sent = 0;
    this.#trimmed = 0;
    this.source = source;
    this.skipped = [];
    this.report = undefined;
    this.append(exchanges);
  }

  append(exchanges: readonly Exchange[]): void {
    for (const ex of exchanges) { this.#analyzer.add(ex); this.#events++; }
    this.report = undefined;
  }

  /** Forgets the oldest `count` events (the panel dropped them to bound its memory). */
  trim(count: number): void {
    const n = Math.min(count, this.#events);
    this.#analyzer.dropOldest(n);
    this.#events -= n;
    this.#trimmed += Math.min(n, this.#sent);
    this.#sent = Math.max(0, this.#sent - n);
    this.report = undefined;
  }

  importHar(text: string, name: string): void {
    const imported = harToExchanges(text);
    this.reset(imported.exchanges, { kind: 'har', name });
    this.skipped = imported.skipped;
  }

  setSettings(settings: AdviceSettings): void {
    this.settings = settings;
    this.report = undefined;
  }

  /** The whole report of what is analysed now; findings always follow the current thresholds. */
  fullReport(): PayloadReport {
    if (this.report) return this.report;
    const analysis = this.analysis;
    const config = defaultAdviceConfig(this.settings.thresholds, this.settings.deployment);
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
