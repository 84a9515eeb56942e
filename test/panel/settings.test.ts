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
