import { DEPLOYMENTS, defaultAdviceConfig, type AdviceThresholds, type Deployment } from '../../src/core';
import type { KeyValueStore } from '../transport/transport';
import type { AdviceSettings } from '../worker/messages';

/** What the panel remembers between sessions (DevTools closes the panel page often). */
export interface PanelSettings {
  advice: AdviceSettings;
  preserveLog: boolean;
  includeValues: boolean;
}

const KEY = 'mesop-devtools.panel-settings.v1';

export function defaultSettings(): PanelSettings {
  return { advice: { thresholds: defaultAdviceConfig().thresholds, deployment: 'unknown' }, preserveLog: false, includeValues: false };
}

/** Reads stored settings; unknown or invalid values fall back to the defaults one by one. */
export function loadSettings(store: KeyValueStore): PanelSettings {
  const d = defaultSettings();
  let raw: Partial<PanelSettings> & { advice?: Partial<AdviceSettings> & { thresholds?: Partial<AdviceThresholds> } };
  try { raw = JSON.parse(store.get(KEY) ?? '{}'); } catch { return d; }
  const thresholds = { ...d.advice.thresholds };
  for (const k of Object.keys(thresholds) as (keyof AdviceThresholds)[]) {
    const v = raw.advice?.thresholds?.[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) thresholds[k] = v;
  }
  const deployment = DEPLOYMENTS.includes(raw.advice?.deployment as Deployment) ? raw.advice!.deployment as Deployment : d.advice.deployment;
  return {
    advice: { thresholds, deployment },
    preserveLog: typeof raw.preserveLog === 'boolean' ? raw.preserveLog : d.preserveLog,
    includeValues: false, // never remembered: including values is a per-export decision
  };
}

export function saveSettings(store: KeyValueStore, s: PanelSettings): void {
  store.set(KEY, JSON.stringify({ ...s, includeValues: false }));
}
