/**
 * The background's pipe from a Firefox panel (no `tabs` API there) to its tab's content relay
 * (src/extension/relay-pipe.ts), through the real webextension-polyfill around a fake `chrome`
 * whose ports record what crosses them. Firefox itself is not driven here: WebDriver BiDi refuses
 * to open the add-on's pages, from where a test could open the pipe (docs/firefox.md).
 */
import { RELAY_PORT_NAME } from '../../src/extension/protocol';

type Listener = (...args: any[]) => unknown;
const event = () => {
  const listeners = new Set<Listener>();
  return {
    listeners,
    addListener: (fn: Listener) => {
      listeners.add(fn);
    },
    removeListener: (fn: Listener) => {
      listeners.delete(fn);
    },
    hasListener: (fn: Listener) => listeners.has(fn),
    fire: (...args: unknown[]) => [...listeners].map((fn) => fn(...args)),
  };
};

interface FakePort {
  name: string;
  sender?: unknown;
  error?: { message: string };
  posted: unknown[];
  disconnected: boolean;
  postMessage(m: unknown): void;
  disconnect(): void;
  onMessage: ReturnType<typeof event>;
  onDisconnect: ReturnType<typeof event>;
}
function port(name: string, sender?: unknown): FakePort {
  const p: FakePort = {
    name,
    sender,
    posted: [],
    disconnected: false,
    postMessage: (m) => {
      if (p.disconnected) throw new Error('disconnected');
      p.posted.push(m);
    },
    disconnect: () => {
      p.disconnected = true;
    },
    onMessage: event(),
    onDisconnect: event(),
  };
  return p;
}

const EXT = 'mesop-devtools@test';
let onConnect: ReturnType<typeof event>;
let onMessage: ReturnType<typeof event>;
let relays: { tabId: number; options: unknown; port: FakePort }[];

beforeAll(() => {
  onConnect = event();
  onMessage = event();
  relays = [];
  (globalThis as any).chrome = {
    runtime: { id: EXT, onConnect, onMessage },
    tabs: {
      connect: (tabId: number, options: { name: string }) => {
        const p = port(options.name);
        relays.push({ tabId, options, port: p });
        return p;
      },
    },
  };
  // The module registers its listener when started, as the background does at load.
  require('../../src/extension/relay-pipe').startRelayPipes();
});
afterAll(() => {
  delete (globalThis as any).chrome;
});

const panelConnects = (tabId: number, senderId = EXT) => {
  const panel = port(`relay-pipe:${tabId}`, { id: senderId });
  onConnect.fire(panel);
  return panel;
};
const hello = (tabId: number, frameId = 0) =>
  onMessage.fire({ kind: 'relay-hello' }, { id: EXT, tab: { id: tabId }, frameId }, () => undefined);

it("opens the tab's relay (top frame) for the panel and passes its messages on unchanged", () => {
  const panel = panelConnects(7);
  expect(relays.map((r) => [r.tabId, r.options])).toEqual([[7, { name: RELAY_PORT_NAME, frameId: 0 }]]);
  const page = { kind: 'hook', message: { type: 'page', page: { pageId: 'p1' } } };
  const part = { kind: 'part', text: 'abc' };
  relays[0]!.port.onMessage.fire(page);
  relays[0]!.port.onMessage.fire(part);
  relays[0]!.port.onMessage.fire({ kind: 'hook', message: { type: 'sse-start', id: 'a' }, parts: 'requestBody' });
  expect(panel.posted).toEqual([
    page,
    part,
    { kind: 'hook', message: { type: 'sse-start', id: 'a' }, parts: 'requestBody' },
  ]);
  panel.onDisconnect.fire(panel);
});

it("on a new page's hello from that tab's top frame, opens the new relay (and only then)", () => {
  relays.length = 0;
  const panel = panelConnects(8);
  const first = relays[0]!.port;
  hello(9); // another tab
  hello(8, 3); // a subframe
  expect(relays).toHaveLength(1);
  hello(8);
  expect(relays.map((r) => r.tabId)).toEqual([8, 8]);
  expect(first.disconnected).toBe(true);
  // The old page's port closing late says nothing; the new page's messages flow.
  first.onDisconnect.fire(first);
  const counts = { kind: 'hook', message: { type: 'backlog', pageId: 'p2', notKept: 0, sizesOnly: 0 } };
  relays[1]!.port.onMessage.fire(counts);
  expect(panel.posted).toEqual([counts]);
  panel.onDisconnect.fire(panel);
});

it('tells the panel when the page has no relay (its port closed before a word)', () => {
  relays.length = 0;
  const panel = panelConnects(10);
  const relay = relays[0]!.port;
  relay.error = { message: 'Could not establish connection. Receiving end does not exist.' };
  relay.onDisconnect.fire(relay);
  expect(panel.posted).toEqual([
    { kind: 'relay-missing', why: 'Could not establish connection. Receiving end does not exist.' },
  ]);
  panel.onDisconnect.fire(panel);
});

it('closes the relay with the panel, and listens to hellos only while a pipe is open', () => {
  relays.length = 0;
  const a = panelConnects(11);
  const b = panelConnects(12);
  expect(onMessage.listeners.size).toBe(1);
  a.onDisconnect.fire(a);
  expect(relays[0]!.port.disconnected).toBe(true);
  expect(onMessage.listeners.size).toBe(1);
  b.onDisconnect.fire(b);
  expect(onMessage.listeners.size).toBe(0);
});

it('ignores ports of other names and of other extensions', () => {
  relays.length = 0;
  onConnect.fire(port('devctl:5', { id: EXT }));
  panelConnects(13, 'someone-else@example');
  expect(relays).toEqual([]);
});
