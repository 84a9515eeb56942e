/** Two runs of one flow compared: the one pairing of events (pair-events.ts) and what is built on it. */
export {
  pairEvents,
  eventFigures,
  type ComparableEvent,
  type ComparedEvent,
  type EventFigures,
  type FigureDelta,
} from './pair-events';
export { compareRuns, type RunComparison, type RunSide, type Totals, type ComparableRun } from './compare-runs';
export { comparableEvents, reportRun, reportEventsRun } from './report-run';
