import { HookBacklog, validLimits } from './hook-backlog';
import { addNativeListener, debugClock, debugTime, emit, hookDebug, nativeSetTimeout } from './hook-emit';
import { RELAY_CONTROL_EVENT, type HookMessage, type RelayControl } from './protocol';

/**
 * The page hook's one way out (MAIN world). The wrappers hand each message to `record`, which
 * only queues it: the backlog takes it, and the relay hears it only while a panel watches, in a
 * task after the one that made it, so the request has left and Mesop's listener has run first.
 * While nobody watches nothing crosses to the relay; the relay says when a panel starts watching
 * (the backlog is then replayed) and when it stops (RELAY_CONTROL_EVENT, protocol.ts).
 */
export function startHookChannel(pageId: string): (m: HookMessage) => void {
  const backlog = new HookBacklog();
  let watching = false;
  let queue: HookMessage[] = [];
  let scheduled = false;

  const flush = () => {
    const t0 = debugClock();
    scheduled = false;
    const q = queue;
    queue = [];
    for (const m of q) {
      backlog.add(m);
      if (watching) emit(m);
    }
    debugTime('laterMs', t0);
  };

  addNativeListener.call(document, RELAY_CONTROL_EVENT, (event: Event) => {
    const control = parseControl((event as CustomEvent<unknown>).detail);
    if (!control) return;
    if (control.kind === 'limits') backlog.setLimits(control.limits);
    else if (control.watching) {
      flush(); // what is queued goes into the backlog, which is replayed whole
      watching = true;
      for (const m of backlog.replay(pageId)) emit(m);
    } else watching = false;
  });
  if (hookDebug) hookDebug.backlog = () => ({ ...backlog.stats(), limits: backlog.limits, watching });

  return (m: HookMessage) => {
    // Called inside the page's own calls: counted in the caller's syncMs.
    queue.push(m);
    if (!scheduled) {
      scheduled = true;
      nativeSetTimeout(flush, 0);
    }
  };
}

/** A RelayControl from the event's detail, or undefined (anything else on that event name is ignored). */
export function parseControl(detail: unknown): RelayControl | undefined {
  if (typeof detail !== 'string') return undefined;
  let c: Partial<RelayControl> | undefined;
  try {
    c = JSON.parse(detail) as Partial<RelayControl>;
  } catch {
    return undefined;
  }
  if (c?.kind === 'watch' && typeof c.watching === 'boolean') return { kind: 'watch', watching: c.watching };
  if (c?.kind === 'limits' && validLimits(c.limits)) return { kind: 'limits', limits: c.limits };
  return undefined;
}
