import type { Analysis, CheckBudgetResult, CheckReport, Exchange, PayloadReport } from '../../core';
import { ToolInputError } from './tool-kit';

/**
 * One measured session the agent can query by id: a HAR (analyze_har) or one flow of a check run
 * (run_flow). The report is the export shape (paths and sizes only); the analysis and exchanges
 * are kept for a HAR only, because `check` drops its analyses after each run.
 */
export interface StoredSession {
  id: string;
  origin: { kind: 'har'; file: string } | { kind: 'flow'; flow: string; check: CheckReport };
  report: PayloadReport;
  /** Every field's size per event: top_fields beyond the report's top list, budgets with another config. */
  analysis?: Analysis;
  /** The decoded exchanges: replayed only when values are allowed (--include-values). */
  exchanges?: readonly Exchange[];
  /** A flow's budgets as `check` aggregated and blamed them. */
  checkBudgets?: CheckBudgetResult[];
}

export type LatestReport = { kind: 'har'; session: StoredSession } | { kind: 'check'; report: CheckReport };

/** The sessions of this server process, in memory, numbered s1, s2, ... */
export class SessionStore {
  readonly #sessions = new Map<string, StoredSession>();
  #next = 1;
  /** What the "latest report" resources show: the last HAR's session or the last check's report. */
  latest: LatestReport | undefined;

  add(session: Omit<StoredSession, 'id'>): StoredSession {
    const stored = { ...session, id: `s${this.#next++}` };
    this.#sessions.set(stored.id, stored);
    return stored;
  }

  get(id: string): StoredSession {
    const s = this.#sessions.get(id);
    if (s) return s;
    const known = [...this.#sessions.keys()];
    throw new ToolInputError(
      known.length
        ? `There is no session "${id}"; the sessions of this server are ${known.join(', ')}.`
        : `There is no session "${id}"; call analyze_har or run_flow first, they return a session id.`,
    );
  }
}
