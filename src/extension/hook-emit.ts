import { HOOK_EVENT, type HookMessage } from './protocol';

/**
 * MAIN world -> isolated relay. References are taken once at document_start, before the page's
 * scripts (zone.js patches dispatchEvent/addEventListener), so later page patches never see or slow
 * our traffic. The detail is a JSON string: see protocol.ts.
 */
const dispatch = EventTarget.prototype.dispatchEvent;
const NativeCustomEvent = CustomEvent;
const stringify = JSON.stringify;

export function emit(message: HookMessage): void {
  try {
    dispatch.call(document, new NativeCustomEvent(HOOK_EVENT, { detail: stringify(message) }));
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
