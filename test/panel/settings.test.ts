import { DEFAULT_KEEP_EVENTS, defaultSettings, loadSettings, saveSettings } from '../../panel/state/settings';
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
