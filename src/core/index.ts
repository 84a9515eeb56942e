/**
 * The core's public index: the one door through which the CLI, the panel (and its worker), the
 * extension and the Playwright entry reach the core (scripts/lint/import-areas.mjs enforces it).
 * Grouped by job: capture (exchanges from HAR, CDP records and the merge), decode (Mesop's
 * protobuf), session, measure, analyze, advise, budget, config, compare, report, load, dev-control.
 * Files inside src/core import each other directly, never through this file (no import cycles);
 * tests may import deep paths.
 */

// advise
export {
  type AdviceConfig,
  type AdviceThresholds,
  BACKEND_NAMES,
  type BackendName,
  DEFAULT_THRESHOLDS,
  defaultAdviceConfig,
  type Deployment,
  DEPLOYMENTS,
  type MeasuredCapacity,
} from './advise/advice-config';
export { type FieldTrend, growthByField, growthPerRise } from './advise/field-series';
export { type Finding } from './advise/finding';

// analyze
export { type Analysis, analyzeExchanges, type FieldSummary, IncrementalAnalyzer } from './analyze';

// budget
export { aggregateRuns, budgetsFailed } from './budget/aggregate-runs';
export { type AggregationMethod, type BudgetResult, type NormalizedAssertion } from './budget/budget-types';
export { evaluateBudgets } from './budget/evaluate';
export { EVENT_METRICS, isEventMetric, type MetricId, SESSION_METRICS } from './budget/metrics';
export { normalizeBudgets } from './budget/normalize-budgets';

// capture
export {
  DEFAULT_MATCH_TOLERANCE_MS,
  matchWindowMs,
  mergeCaptures,
  type MergedExchange,
  requestSize,
  sameEvent,
  SIZE_MATCH_TOLERANCE_MS,
} from './capture/capture-merge';
export { computeStats, isStreamEnd } from './capture/cdp-record-text';
export { type CaptureRecord, type CaptureStats, type HttpRecord, type SocketRecord } from './capture/cdp-records';
export { recordsToExchanges } from './capture/cdp-to-exchanges';
export { type Har, type HarEntry, type HarOptions, recordsToHar } from './capture/cdp-to-har';
export { withCutBodyNoted } from './capture/cut-body';
export { bodyChars, withSizesOnly } from './capture/sizes-only';
export { type Exchange, type WebSocketFrame } from './capture/exchange';
export { ExchangeLog } from './capture/exchange-log';
export { CHROMIUM_RESOURCE_LIMIT, HarFormatError, harToExchanges, type ReadHarEntry, sseExchange } from './capture/har';
export { endedExchange, type HookRequestSent, type HookResponseEnded, sentExchange } from './capture/hook-exchange';
export { classifyUiExchange, partitionUiExchanges, withoutQuery } from './capture/mesop-traffic';
export { type ChunkMark, firstByteFromTimings, type ResponseTimes, timesFromChunks } from './capture/response-times';
export { splitSse, STREAM_END } from './capture/sse';
export { isUiUrl } from './capture/ui-path';
export { dropPairedExchanges, pairWebSocketFramesLive } from './capture/websocket-pairing';

// compare
export {
  comparableEvents,
  type ComparableRun,
  type ComparedEvent,
  compareRuns,
  type EventFigures,
  reportEventsRun,
  reportRun,
  type RunComparison,
} from './compare';

// config
export { adviceConfigFrom } from './config/advice-config-from';
export { type ConfigError, formatConfigError, keyPath } from './config/config-error';
export { type BudgetsConfig, type ToolConfig } from './config/config-types';
export { didYouMean } from './config/did-you-mean';
export { parseSize } from './config/size';
export { validateConfig } from './config/validate-config';

// dev-control
export {
  type ChildStatus,
  DEV_BACKENDS,
  DEV_CONTROL_PREFIX,
  DEV_CONTROL_VERSION,
  DEV_META_NAME,
  DEV_SECRET_HEADER,
  type DevBackend,
  type DevError,
  type DevErrorCode,
  type DevState,
} from './dev-control/contract';

// host-natives
export { type HostNatives, useHostNatives } from './host-natives';

// load
export { renderLoadHtml } from './load/capacity-html';
export { renderLoadMarkdown } from './load/capacity-markdown';
export {
  deriveCapacity,
  LOAD_REPORT_SCHEMA,
  LOAD_REPORT_VERSION,
  type LoadConfiguration,
  type LoadReport,
  type LoadStep,
  renderLoadText,
} from './load/capacity-report';

// measure
export { formatBytes } from './measure/format-bytes';
export { isInside, parentPath } from './measure/path';
export { utf8Length } from './measure/utf8-length';

// recorder (the Mesop tab's Recorder export and replay with budgets)
export { buildCheckFile, type CheckFile, DEFAULT_MARGIN_PERCENT, stringifyCheckFile } from './recorder/check-file';
export {
  findMeasuredRun,
  type MeasuredRun,
  type MeasuredSources,
  navigateUrl,
  type RecorderRecording,
} from './recorder/find-measured-run';
export { type EventLimit, eventLimits, measureStep, type StepMeasure } from './recorder/step-budgets';

// report
export {
  type Baseline,
  type BaselineDiff,
  diffAgainstBaseline,
  eventLabel,
  type FlowDiff,
} from './report/baseline-diff';
export { buildReport } from './report/build-report';
export { firstLine } from './report/describe-event';
export {
  type BudgetBlame,
  CHECK_REPORT_SCHEMA,
  CHECK_REPORT_VERSION,
  type CheckBudgetResult,
  type CheckFlow,
  type CheckReport,
  checkReportFromPayload,
  type CheckRun,
  summarize,
} from './report/check-report';
export { renderEventTable, shortHandler } from './report/event-table';
export { effectText, inlineCodeParts, renderBudgets, renderFindings } from './report/findings-text';
export { renderHtml } from './report/html-report';
export { renderJunit } from './report/junit-report';
export { blameText, renderMarkdown, serverErrors, signedBytes } from './report/markdown-report';
export { applyRelativeBudgets, dropAdvanceBlame } from './report/relative-budgets';
export { type PayloadReport, REPORT_SCHEMA, type ReportEvent } from './report/report-types';

// session
export { SessionBuilder } from './session/build-session';
export { type MesopEvent } from './session/event';
export { classPosition, stateClassLabel, stateClassNumber } from './session/numbering';
export { type SessionBackend, type SessionTransport } from './session/session';

// small helpers
export { sum } from './sum';
