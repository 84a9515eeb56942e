import { useEffect, useState } from 'preact/hooks';
import type { PayloadReport } from '../../src/core';
import type { FieldPick } from '../components/EventDetailView';
import type { AnalysisView, EventDetail } from '../worker/messages';
import type { WorkerClient } from '../worker/worker-client';

export type SideTab = 'event' | 'advice' | 'growth';

export interface Selection {
  selected: number | undefined;
  pick: FieldPick | undefined;
  detail: EventDetail | null | undefined;
  tab: SideTab;
  setTab: (t: SideTab) => void;
  /** Selects an event (and optionally a field in it) and shows it. */
  select: (index: number | undefined, pick?: FieldPick) => void;
  setPick: (p: FieldPick | undefined) => void;
}

/** The selected event and field, and the worker's detail for it (re-asked when the analysis changes). */
export function useSelection(
  client: WorkerClient,
  view: AnalysisView | undefined,
  report: PayloadReport | undefined,
  reportOnly: boolean,
): Selection {
  const [selected, setSelected] = useState<number>();
  const [pick, setPick] = useState<FieldPick>();
  const [detail, setDetail] = useState<EventDetail | null>();
  const [tab, setTab] = useState<SideTab>('advice');

  useEffect(() => {
    if (selected === undefined || !report?.events[selected]) {
      setDetail(undefined);
      return;
    }
    if (reportOnly) {
      setDetail(null);
      return;
    }
    let current = true;
    void client.detail(selected).then((d) => {
      if (current) setDetail(d ?? undefined);
    });
    return () => {
      current = false;
    };
  }, [client, selected, view, reportOnly]);

  return {
    selected,
    pick,
    detail,
    tab,
    setTab,
    setPick,
    select: (index, p) => {
      setSelected(index);
      setPick(p);
      if (index !== undefined) setTab('event');
    },
  };
}
