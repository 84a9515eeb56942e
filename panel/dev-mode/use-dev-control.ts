import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { DevBackend, DevState } from '../../src/core';
import type { DevRequest, DevResult } from '../../src/extension/protocol';
import type { DevTransport } from '../transport/transport';

/** What the panel knows about `mesop-devtools dev` for the inspected page. */
export interface DevControl {
  /** `unknown` until the first answer; `absent`: no supervisor (plain `mesop`, other host). */
  presence: 'unknown' | 'absent' | 'present';
  state: DevState | undefined;
  /** The action under way (buttons are disabled meanwhile). */
  busy: { action: 'switch' | 'restart'; backend?: DevBackend } | undefined;
  /** The last failed action, in words. */
  error: string | undefined;
  /** Resolves to the new state on success, undefined on failure (then `error` says why). */
  switchTo(backend: DevBackend): Promise<DevState | undefined>;
  restart(): Promise<DevState | undefined>;
}

/** Poll often enough that a crash shows within seconds, rarely enough to cost nothing. */
const POLL_MS = 2000;
/** During a page reload the content script is briefly unreachable: not a reason to hide the switcher. */
const ABSENT_AFTER_MISSES = 3;

/**
 * Polls the supervisor's state while the panel is open (docs/dev-mode.md §3.1) and runs the
 * switch / restart actions. Polling lives here, in the panel, so it stops when the panel closes.
 */
export function useDevControl(transport: DevTransport | undefined): DevControl {
  const [presence, setPresence] = useState<DevControl['presence']>('unknown');
  const [state, setState] = useState<DevState>();
  const [busy, setBusy] = useState<DevControl['busy']>();
  const [error, setError] = useState<string>();
  const misses = useRef(0);

  const apply = useCallback((r: DevResult) => {
    if (!r.available) {
      // 'no-marker' is definite (the page answered); an unreachable page may just be reloading.
      if (r.reason !== 'no-content-script' || ++misses.current >= ABSENT_AFTER_MISSES) setPresence('absent');
      return;
    }
    misses.current = 0;
    setPresence('present');
    if (r.state) setState(r.state);
  }, []);

  useEffect(() => {
    if (!transport) return;
    let stopped = false;
    const poll = async () => {
      const r = await transport.request({ kind: 'dev-state' });
      if (!stopped) apply(r);
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [transport, apply]);

  const run = useCallback(
    async (request: DevRequest, b: DevControl['busy']): Promise<DevState | undefined> => {
      if (!transport) return undefined;
      setBusy(b);
      setError(undefined);
      try {
        const r = await transport.request(request);
        apply(r);
        if (r.available && r.ok) return r.state;
        setError(r.available ? `${r.error.code}: ${r.error.message}` : 'the page is not served by mesop-devtools dev');
        return undefined;
      } finally {
        setBusy(undefined);
      }
    },
    [transport, apply],
  );

  return {
    presence,
    state,
    busy,
    error,
    switchTo: (backend) => run({ kind: 'dev-switch', backend }, { action: 'switch', backend }),
    restart: () => run({ kind: 'dev-restart' }, { action: 'restart' }),
  };
}
