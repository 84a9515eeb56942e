import {
  DEFAULT_MARGIN_PERCENT,
  DEPLOYMENTS,
  defaultAdviceConfig,
  type AdviceThresholds,
  type Deployment,
} from '../../src/core';
import { HOOK_BACKLOG_DEFAULTS, HOOK_BACKLOG_MAX_MB, HOOK_BACKLOG_MIN_MB } from '../../src/extension/protocol';
import type { KeyValueStore } from '../transport/transport';
import type { AdviceSettings } from '../worker/messages';

/** What the panel remembers between sessions (DevTools closes the panel page often). */
export interface PanelSettings {
  advice: AdviceSettings;
  preserveLog: boolean;
  includeValues: boolean;
  /** The live capture's memory bound: past it the oldest events are dropped, counted and said. */
  keepEvents: number;
  /** The Recorder export's margin over each measured maximum, in percent (docs/recorder-export.md). */
  recorderMarginPercent: number;
  /** Mi characters of bodies the page hook keeps for a panel that opens later (protocol.ts HookBacklogLimits). */
  pageBacklogMb: number;
  /**
   * The Performance panel's Mesop track as performance.measure entries with details, which the
   * app's own performance timeline also receives (docs/performance-track.md). Off by default.
   */
  richerTrackEntries: boolean;
}

/**
 * 10,000 events by default: a small event costs the panel about 3 kB, so they stay near 32 MB
 * (docs/panel-performance.md). A user with big states or long sessions lowers or raises it.
 */
export const DEFAULT_KEEP_EVENTS = 10_000;
export const MIN_KEEP_EVENTS = 100;
export const MAX_KEEP_EVENTS = 1_000_000;
/** A margin from 0% (the measured maximum itself) to 1000%. */
export const MAX_MARGIN_PERCENT = 1000;
export const validMarginPercent = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_MARGIN_PERCENT;
export const validKeepEvents = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= MIN_KEEP_EVENTS && n <= MAX_KEEP_EVENTS;

export const DEFAULT_PAGE_BACKLOG_MB = HOOK_BACKLOG_DEFAULTS.maxChars / 1024 / 1024;
export const validPageBacklogMb = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= HOOK_BACKLOG_MIN_MB && n <= HOOK_BACKLOG_MAX_MB;

const KEY = 'mesop-devtools.panel-settings.v1';

export function defaultSettings(): PanelSettings {
  return {
    advice: { thresholds: defaultAdviceConfig().thresholds, deployment: 'unknown' },
    preserveLog: false,
    includeValues: false,
    keepEvents: DEFAULT_KEEP_EVENTS,
    recorderMarginPercent: DEFAULT_MARGIN_PERCENT,
    pageBacklogMb: DEFAULT_PAGE_BACKLOG_MB,
    richerTrackEntries: false,
  };
}

/** Reads stored settings; unknown or invalid values fall back to the defaults one by one. */
export function loadSettings(store: KeyValueStore): PanelSettings {
  const d = defaultSettings();
  let raw: Partial<PanelSettings> & { advice?: Partial<AdviceSettings> & { thresholds?: Partial<AdviceThresholds> } };
  try {
    raw = JSON.parse(store.get(KEY) ?? '{}');
  } catch {
    return d;
  }
  const thresholds = { ...d.advice.thresholds };
  for (const k of Object.keys(thresholds) as (keyof AdviceThresholds)[]) {
    const v = raw.advice?.thresholds?.[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) thresholds[k] = v;
  }
  const deployment = DEPLOYMENTS.includes(raw.advice?.deployment as Deployment)
    ? (raw.advice!.deployment as Deployment)
    : d.advice.deployment;
  return {
    advice: { thresholds, deployment },
    preserveLog: typeof raw.preserveLog === 'boolean' ? raw.preserveLog : d.preserveLog,
    includeValues: false, // never remembered: including values is a per-export decision
    keepEvents: validKeepEvents(raw.keepEvents) ? raw.keepEvents : d.keepEvents,
    recorderMarginPercent: validMarginPercent(raw.recorderMarginPercent)
      ? raw.recorderMarginPercent
      : d.recorderMarginPercent,
    pageBacklogMb: validPageBacklogMb(raw.pageBacklogMb) ? raw.pageBacklogMb : d.pageBacklogMb,
    richerTrackEntries: typeof raw.richerTrackEntries === 'boolean' ? raw.richerTrackEntries : d.richerTrackEntries,
  };
}

export function saveSettings(store: KeyValueStore, s: PanelSettings): void {
  store.set(KEY, JSON.stringify({ ...s, includeValues: false }));
}
