/**
 * Between the Mesop tab (which replays a recording and measures it) and the small page the
 * Recorder shows for "Replay with budgets" (recorder-view.html). Both are pages of the extension,
 * so a BroadcastChannel joins them; its name carries the inspected tab, so two DevTools windows
 * never mix their replays.
 */
import type { StepMeasure } from '../../src/core';

export const replayChannelName = (tabId: number): string => `mesop-devtools.recorder-replay.${tabId}`;

export interface ReplayStepRow {
  /** The step's number in the recording, from 1 (as the Recorder and `check` count). */
  number: number;
  type: string;
  label: string;
  status: 'pending' | 'running' | 'done' | 'skipped' | 'failed';
  /** Why a step was skipped or failed. */
  note?: string;
  /** The events the step caused, their bytes and each event budget's verdict. */
  measure?: StepMeasure;
}

export interface ReplayState {
  title: string;
  status: 'running' | 'done' | 'failed';
  /** Where the budgets checked here come from (the export's own note). */
  budgetsFrom: string;
  steps: ReplayStepRow[];
}

export type ReplayMessage = { type: 'hello' } | { type: 'state'; state: ReplayState | undefined };
