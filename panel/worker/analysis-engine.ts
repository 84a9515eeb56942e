import { defaultAdviceConfig } from '../../src/core/advise/advice-config';
import { analyzeExchanges, type Analysis } from '../../src/core/analyze';
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

/**
 * The worker's state: the exchanges it was given and their analysis with the core's one engine
 * (`analyzeExchanges` + the core's `buildReport`, which every face calls), so a number in the panel is the number in the CLI report. No DOM, no chrome.*: unit
 * tests run it in Node.
 */
export class AnalysisEngine {
  exchanges: Exchange[] = [];
  source: SourceInfo = { kind: 'live', name: 'DevTools panel' };
  skipped: PayloadReport['skipped'] = [];
  settings: AdviceSettings = { thresholds: defaultAdviceConfig().thresholds, deployment: 'unknown' };
  analysis: Analysis | undefined;
  report: PayloadReport | undefined;

  constructor(private readonly toolVersion: string) {}

  reset(exchanges: Exchange[], source: SourceInfo): void {
    this.exchanges = exchanges.slice();
    this.source = source;
    this.skipped = [];
    this.analysis = undefined;
  }

  append(exchanges: Exchange[]): void {
    this.exchanges.push(...exchanges);
    this.analysis = undefined;
  }

  importHar(text: string, name: string): void {
    const imported = harToExchanges(text);
    this.reset(imported.exchanges, { kind: 'har', name });
    this.skipped = imported.skipped;
  }

  setSettings(settings: AdviceSettings): void {
    this.settings = settings;
  }

  /** Re-analyses when the exchanges changed; findings always follow the current thresholds. */
  view(): AnalysisView {
    const t0 = performance.now();
    if (!this.analysis) this.analysis = analyzeExchanges(this.exchanges, { topN: PANEL_TOP_N, keepFieldBytes: true });
    const analysis = this.analysis;
    const config = defaultAdviceConfig(this.settings.thresholds, this.settings.deployment);
    const forReport: Analysis = { ...analysis, topFields: analysis.topFields.map((t) => (t ?? []).slice(0, REPORT_TOP_N)) };
    // Findings come from the full analysis (same fields either way; the cut only trims topFields).
    this.report = buildReport(forReport, { toolVersion: this.toolVersion, source: this.source, skipped: this.skipped }, { advice: config });
    return { report: this.report, growth: growthRows(analysis), hasDetails: true, ms: Math.round(performance.now() - t0) };
  }

  detail(eventIndex: number): EventDetail | null {
    return this.analysis ? eventDetail(this.analysis, eventIndex) : null;
  }

  /** The client-held JSON of each state class after the last event: only exported on explicit request. */
  stateValues(): string[] {
    return this.analysis ? [...this.analysis.session.mirror] : [];
  }
}
