import { bodyFieldOf, bodyOf, withBody } from './hook-body';
import { HOOK_BODY_EVENT, HOOK_EVENT, type HookEnvelope, type HookMessage } from './protocol';

/**
 * MAIN world -> isolated relay. References are taken once at document_start, before the page's
 * scripts (zone.js patches dispatchEvent/addEventListener/setTimeout), so later page patches never
 * see or slow our traffic, and our tasks never start Angular's change detection.
 *
 * A message crosses as two events (protocol.ts): its body string as the detail of HOOK_BODY_EVENT
 * (a string primitive is handed to the other world as is: no copy, no JSON), then the rest of the
 * message, small, as JSON in HOOK_EVENT.
 */
const dispatch = EventTarget.prototype.dispatchEvent;
const NativeCustomEvent = CustomEvent;
const stringify = JSON.stringify;
/** A task after the current one (not a microtask: that would still run before Mesop's own listener). */
export const nativeSetTimeout: (fn: () => void, ms: number) => unknown = setTimeout.bind(window);

/** Counts for tests, in builds with the debug hook only (PANEL_DEBUG_HOOK: see panel/debug-hook.ts). */
export interface HookDebug {
  /** Messages dispatched to the relay, and body strings among them. */
  messages: number;
  bodies: number;
  /** Characters of JSON the hook made (message headers only: bodies are never stringified). */
  jsonChars: number;
  /** The backlog as it stands (HookBacklog.stats()). */
  backlog?: () => unknown;
  /**
   * Milliseconds the hook spent on the page's main thread: `syncMs` inside the page's own calls and
   * before Mesop's listeners (send(), the XHR and WebSocket listeners), `laterMs` in its own tasks
   * after them (the channel's flush, the XHR's settle). A rough measure for development.
   */
  syncMs: number;
  laterMs: number;
}
declare const PANEL_DEBUG_HOOK: boolean | undefined;
export const hookDebug: HookDebug | undefined =
  typeof PANEL_DEBUG_HOOK !== 'undefined' && PANEL_DEBUG_HOOK
    ? ((globalThis as { __mesopHookDebug?: HookDebug }).__mesopHookDebug = {
        messages: 0,
        bodies: 0,
        jsonChars: 0,
        syncMs: 0,
        laterMs: 0,
      })
    : undefined;

const now = performance.now.bind(performance);
/** The debug build's clock for HookDebug's times (0 and nothing counted otherwise). */
export const debugClock = (): number => (hookDebug ? now() : 0);
export function debugTime(kind: 'syncMs' | 'laterMs', since: number): void {
  if (hookDebug) hookDebug[kind] += now() - since;
}

function dispatchString(name: string, detail: string): void {
  dispatch.call(document, new NativeCustomEvent(name, { detail }));
}

export function emit(message: HookMessage): void {
  try {
    const field = bodyFieldOf(message);
    let envelope: HookEnvelope = { message };
    if (field) {
      dispatchString(HOOK_BODY_EVENT, bodyOf(message, field));
      envelope = { message: withBody(message, field, ''), body: field };
      if (hookDebug) hookDebug.bodies++;
    }
    const json = stringify(envelope);
    dispatchString(HOOK_EVENT, json);
    if (hookDebug) {
      hookDebug.messages++;
      hookDebug.jsonChars += json.length;
    }
  } catch {
    // Never let capture break the app.
  }
}

/** Native addEventListener, captured before zone.js wraps it: our listeners run outside Angular's zone. */
export const addNativeListener = EventTarget.prototype.addEventListener;

/** A short random id (no crypto.randomUUID: it needs a secure context, and http://127.0.0.1 may not be one in every browser). */
export function randomId(): string {
  return Math.random().toString(36).slice(2, 10);
}

/** Resolves a request URL against the page (Mesop passes relative and absolute URLs). */
export function absoluteUrl(url: string | URL): string {
  try {
    return new URL(String(url), location.href).href;
  } catch {
    return String(url);
  }
}
