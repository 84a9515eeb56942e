/** A/B comparison of two recordings of the same flow (dev mode's backend switch). */
export { compareRuns, type RunComparison, type ComparedEvent, type EventFigures, type RunSide, type Totals,
  type ComparableEvent, type ComparableRun } from './compare-runs';
export { comparableEvents, reportRun } from './report-run';
