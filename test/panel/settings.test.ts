import {
  DEFAULT_KEEP_EVENTS,
  DEFAULT_PAGE_BACKLOG_MB,
  defaultSettings,
  loadSettings,
  saveSettings,
} from '../../panel/state/settings';
import { HOOK_BACKLOG_DEFAULTS } from '../../src/extension/protocol';
import type { KeyValueStore } from '../../panel/transport/transport';

const memory = (): KeyValueStore & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, get: (k) => map.get(k) ?? null, set: (k, v) => void map.set(k, v) };
};

describe('panel settings: the memory bound ("keep the newest N events")', () => {
  it('defaults to 10,000 and is remembered', () => {
    const store = memory();
    expect(loadSettings(store).keepEvents).toBe(DEFAULT_KEEP_EVENTS);
    saveSettings(store, { ...defaultSettings(), keepEvents: 2500 });
    expect(loadSettings(store).keepEvents).toBe(2500);
  });

  it.each([[50], [1.5], [-1], ['1000'], [2_000_000], [null]])('falls back to the default on a stored %p', (bad) => {
    const store = memory();
    store.set('mesop-devtools.panel-settings.v1', JSON.stringify({ keepEvents: bad, preserveLog: true }));
    const got = loadSettings(store);
    expect(got.keepEvents).toBe(DEFAULT_KEEP_EVENTS);
    expect(got.preserveLog).toBe(true); // the other settings are still read
  });
});

describe('the Recorder export margin', () => {
  it('is 25% by default, remembered, and a bad stored value falls back to it', () => {
    const store = memory();
    expect(loadSettings(store).recorderMarginPercent).toBe(25);
    saveSettings(store, { ...defaultSettings(), recorderMarginPercent: 40 });
    expect(loadSettings(store).recorderMarginPercent).toBe(40);
    for (const bad of [-1, 2.5, 1001, '30', null]) {
      store.set('mesop-devtools.panel-settings.v1', JSON.stringify({ recorderMarginPercent: bad }));
      expect(loadSettings(store).recorderMarginPercent).toBe(25);
    }
  });
});

describe('panel settings: the page backlog before the panel opens (MB of bodies)', () => {
  it("defaults to the hook's own default (4) and is remembered", () => {
    const store = memory();
    expect(loadSettings(store).pageBacklogMb).toBe(4);
    expect(DEFAULT_PAGE_BACKLOG_MB * 1024 * 1024).toBe(HOOK_BACKLOG_DEFAULTS.maxChars);
    saveSettings(store, { ...defaultSettings(), pageBacklogMb: 64 });
    expect(loadSettings(store).pageBacklogMb).toBe(64);
  });

  it.each([[0], [1.5], [513], ['8'], [null]])('falls back to the default on a stored %p', (bad) => {
    const store = memory();
    store.set('mesop-devtools.panel-settings.v1', JSON.stringify({ pageBacklogMb: bad, keepEvents: 2000 }));
    const got = loadSettings(store);
    expect(got.pageBacklogMb).toBe(DEFAULT_PAGE_BACKLOG_MB);
    expect(got.keepEvents).toBe(2000);
  });
});

describe('panel settings: the richer entries of the Performance panel track', () => {
  it('are off by default, remembered when turned on, and off again on a stored non-boolean', () => {
    const store = memory();
    expect(loadSettings(store).richerTrackEntries).toBe(false);
    saveSettings(store, { ...defaultSettings(), richerTrackEntries: true });
    expect(loadSettings(store).richerTrackEntries).toBe(true);
    store.set('mesop-devtools.panel-settings.v1', JSON.stringify({ richerTrackEntries: 'yes' }));
    expect(loadSettings(store).richerTrackEntries).toBe(false);
  });
});
