/**
 * The one read-only hook a debug build gives tests and the bench: `window.__mesopDebug`. Built in
 * by `node scripts/build.mjs` (what the tests load), left out of the shipped zip (`--zip` sets
 * PANEL_DEBUG_HOOK to false and esbuild drops every write below). Product code writes it in the
 * render that changes the DOM, never in an effect kept only for it; tests read the DOM first.
 */
import type { PayloadReport } from '../src/core';

declare const PANEL_DEBUG_HOOK: boolean | undefined;

export interface PanelDebug {
  /** The capture (extension transport): its log, sources and limits. */
  capture?: unknown;
  /** The report the panel shows, the selected event, events the memory bound dropped from the shown log. */
  report?: PayloadReport;
  selected?: number;
  droppedEvents?: number;
  /** The last export's file name and text. */
  lastExport?: { name: string; text: string };
  /** The Recorder's "Replay with budgets": the last replay's steps and verdicts. */
  recorderReplay?: unknown;
  /** Dev mode: presence, state, run A/B and their comparison (never the secret: the panel never has it). */
  devMode?: { presence: string; state?: unknown; ab?: unknown; comparison?: unknown };
  /** The Performance panel's Mesop track: a recording runs, evals made in the page, entries they wrote, evals that failed. */
  performanceTrack?: { recording: boolean; evals: number; written: number; failed: number };
}

export const debugHook: PanelDebug | undefined =
  typeof PANEL_DEBUG_HOOK !== 'undefined' && PANEL_DEBUG_HOOK
    ? ((globalThis as { __mesopDebug?: PanelDebug }).__mesopDebug ??= {})
    : undefined;
