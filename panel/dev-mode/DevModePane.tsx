import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { DevBackend, PayloadReport } from '../../src/core';
import type { PanelTransport } from '../transport/transport';
import { AbComparison } from './AbComparison';
import { compareAb, freezeRunA, type AbRuns } from './ab-runs';
import { BackendSwitcher } from './BackendSwitcher';
import { DEV_MODE_CSS } from './dev-mode-styles';
import { debugHook } from '../debug-hook';
import { useDevControl } from './use-dev-control';

interface Props {
  transport: PanelTransport;
  /** The live analysis (what the event list shows). */
  report: PayloadReport | undefined;
  /** The session backend the dev session runs, as it becomes known (the advice names it). */
  onBackend?: (backend: DevBackend | undefined) => void;
}

/**
 * Dev mode in the Mesop tab: the backend switcher and, after a switch, the A/B comparison of the
 * flow recorded before it with the same flow recorded after it. Pressing switch closes run A
 * (this page's events) by itself; run B is the page loaded after the switch. Nothing to mark by
 * hand: "record, switch, repeat" is all the user does (ab-runs.ts says why runs are page loads).
 */
export function DevModePane({ transport, report, onBackend }: Props) {
  const devTransport = transport.dev;
  const dev = useDevControl(devTransport);
  const [ab, setAb] = useState<AbRuns>();
  const comparison = useMemo(() => (ab ? compareAb(ab, report) : undefined), [ab, report]);
  if (debugHook) debugHook.devMode = { presence: dev.presence, state: dev.state, ab, comparison };
  useLayoutEffect(
    () => onBackend?.(dev.presence === 'present' ? dev.state?.backend : undefined),
    [dev.presence, dev.state?.backend],
  );
  if (!devTransport) return null;

  const onSwitch = async (backend: DevBackend) => {
    // Frozen at the click: the user has just finished the flow; the reload will take it away.
    const a = freezeRunA(report, dev.state?.backend ?? 'before', ab);
    const next = await dev.switchTo(backend);
    if (!next) return; // failed: the previous comparison, if any, still stands
    setAb(a.events.length ? { a, b: { backend: next.backend, from: Date.now() } } : undefined);
  };

  return (
    <>
      <style>{DEV_MODE_CSS}</style>
      <BackendSwitcher dev={dev} onSwitch={(b) => void onSwitch(b)} />
      {dev.presence === 'present' && ab && !comparison && (
        <div class="devmode hint" id="ab-waiting">
          A/B: run A ({ab.a.events.length} events on <b>{ab.a.backend}</b>) is kept. Repeat the same steps in the page
          to record run B on <b>{ab.b.backend}</b>.
        </div>
      )}
      {comparison && <AbComparison cmp={comparison} onClear={() => setAb(undefined)} />}
    </>
  );
}
