/**
 * Background side of the capture for a panel that cannot open its tab's relay itself: Firefox
 * gives DevTools pages no `tabs` API (they get the content scripts' APIs), so its panel opens
 * `${RELAY_PIPE_PREFIX}${tabId}` to the background instead, and the background opens the relay's
 * port (tabs.connect, top frame) and passes every message on, unchanged. In Chrome the panel
 * connects to the relay directly (hook-source.ts) and nothing here ever runs beyond registering.
 *
 * A new page in that tab says hello (content-relay.ts): the background then opens the new
 * page's relay on the same pipe, as Chrome's panel reconnects on the hello itself. The hello
 * listener is added only while a pipe is open, so a page nobody inspects wakes nothing.
 * Stateless apart from the open pipes: if the background is stopped, the pipes close and the
 * panel opens a new one (the relay's backlog brings everything again, applied idempotently).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { RELAY_PIPE_PREFIX, RELAY_PORT_NAME, type RelayHello, type RelayPipeNote } from './protocol';

interface Pipe {
  panel: Runtime.Port;
  relay?: Runtime.Port;
}

/** Open pipes by inspected tab (one panel per tab: DevTools reopened replaces the older one). */
const pipes = new Map<number, Pipe>();

function openRelay(tabId: number, pipe: Pipe): void {
  pipe.relay?.disconnect(); // the tab's previous page
  const relay = browser.tabs.connect(tabId, { name: RELAY_PORT_NAME, frameId: 0 });
  pipe.relay = relay;
  let heard = false;
  relay.onMessage.addListener((message: unknown) => {
    heard = true;
    try {
      pipe.panel.postMessage(message);
    } catch {
      /* the panel closed meanwhile */
    }
  });
  relay.onDisconnect.addListener((port) => {
    if (pipe.relay !== relay) return;
    pipe.relay = undefined;
    // Closed before a word: no relay in this page (another host, or opened before the add-on).
    const why = (port.error as { message?: string } | undefined)?.message;
    if (!heard) {
      try {
        pipe.panel.postMessage({ kind: 'relay-missing', ...(why ? { why } : {}) } satisfies RelayPipeNote);
      } catch {
        /* closed */
      }
    }
  });
}

function onHello(message: unknown, sender: Runtime.MessageSender): undefined {
  const tabId = sender.tab?.id;
  if (
    (message as RelayHello | undefined)?.kind !== 'relay-hello' ||
    sender.id !== browser.runtime.id ||
    sender.frameId !== 0 ||
    tabId === undefined
  )
    return undefined;
  const pipe = pipes.get(tabId);
  if (pipe) openRelay(tabId, pipe);
  return undefined;
}

export function startRelayPipes(): void {
  browser.runtime.onConnect.addListener((panel) => {
    if (!panel.name.startsWith(RELAY_PIPE_PREFIX) || panel.sender?.id !== browser.runtime.id) return;
    const tabId = Number(panel.name.slice(RELAY_PIPE_PREFIX.length));
    if (!Number.isInteger(tabId)) return;
    const older = pipes.get(tabId);
    if (older) {
      older.relay?.disconnect();
      older.panel.disconnect();
    }
    const pipe: Pipe = { panel };
    pipes.set(tabId, pipe);
    if (!browser.runtime.onMessage.hasListener(onHello)) browser.runtime.onMessage.addListener(onHello);
    panel.onDisconnect.addListener(() => {
      pipe.relay?.disconnect();
      if (pipes.get(tabId) === pipe) pipes.delete(tabId);
      if (pipes.size === 0) browser.runtime.onMessage.removeListener(onHello);
    });
    openRelay(tabId, pipe);
  });
}
