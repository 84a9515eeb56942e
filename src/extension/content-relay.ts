/**
 * ISOLATED-world content script: the only bridge from the MAIN-world hook to the extension
 * (a MAIN-world script has no chrome.runtime). It forwards each hook message to the service worker
 * and keeps a bounded backlog for a panel that opens later (protocol.ts has the wire format).
 */
import { BacklogBuffer } from './backlog-buffer';
import { startDevControlRelay } from './dev-control-relay';
import { HOOK_EVENT, type HookMessage, type RelayToWorker, type WorkerToRelay } from './protocol';

const backlog = new BacklogBuffer();

document.addEventListener(HOOK_EVENT, (event) => {
  const detail = (event as CustomEvent<unknown>).detail;
  if (typeof detail !== 'string') return;
  let message: HookMessage;
  try { message = JSON.parse(detail) as HookMessage; } catch { return; }
  backlog.push(message, detail.length);
  const out: RelayToWorker = { kind: 'hook', message };
  // Rejects when no one listens (service worker asleep with no panel): the backlog has it anyway.
  chrome.runtime.sendMessage(out).catch(() => undefined);
});

chrome.runtime.onMessage.addListener((msg: WorkerToRelay, _sender, sendResponse) => {
  if (msg?.kind === 'backlog-request') sendResponse(backlog.snapshot());
  return false;
});

startDevControlRelay(); // dev mode: carries the panel's backend switch to `mesop-devtools dev`
