import type { Frame } from 'puppeteer-core';

/** A JSON-safe summary of the panel's capture state (window.__mesopDebug.capture), for tests and measurements. */
export interface PanelRow {
  id: string;
  transport: string;
  sources: string[];
  sourceIds: Record<string, string>;
  complete: boolean;
  pending: boolean;
  problems: string[];
  requestBody: string | null;
  payloads: string[];
  startedAt: number;
  endedAt?: number;
  status?: number;
}
export interface PanelSnapshot {
  rows: PanelRow[];
  page?: { isMesop: boolean; mode: string; websocketsEnabled?: boolean };
  hookError?: string;
  hookDropped: number;
  hookReceived: number;
  entriesBeforePanel: number;
  hookPending: string[];
}

export async function readPanel(panel: Frame): Promise<PanelSnapshot> {
  return panel.evaluate(() => {
    const c = (window as any).__mesopDebug.capture;
    const payloadsOf = (ex: any): string[] => {
      if (ex.responseText) {
        return ex.responseText
          .split('\n\n')
          .filter((b: string) => b.startsWith('data:'))
          .map((b: string) => b.slice(6));
      }
      return ex.responseMessages ?? [];
    };
    return {
      rows: c.log.entries.map((r: any) => ({
        id: r.exchange.id,
        transport: r.exchange.transport,
        sources: r.sources,
        sourceIds: r.sourceIds,
        complete: r.complete,
        pending: r.pending,
        problems: r.problems,
        requestBody: r.exchange.requestBody,
        payloads: payloadsOf(r.exchange),
        startedAt: r.exchange.startedAt,
        endedAt: r.exchange.endedAt,
        status: r.exchange.status,
      })),
      page: c.hook.page,
      hookError: c.hook.error,
      hookDropped: c.hook.dropped,
      hookReceived: c.hook.received,
      entriesBeforePanel: c.network.entriesBeforePanel,
      hookPending: [...c.hook.exchanges().pending],
    };
  });
}
