/**
 * The payload report, format version 1. It is what `mesop-devtools analyze --json` and
 * `check --json` print and what the panel exports; every field is documented in the README
 * ("Report format"). Additive changes keep `version: 1`; anything else bumps it.
 * No state values, tokens, cookies or headers are included: paths and sizes only.
 */
import type { Finding } from '../advise/finding';
import type { BudgetResult } from '../budget/budget-types';

export const REPORT_SCHEMA = 'mesop-devtools/payload-report';
export const REPORT_VERSION = 1;

export interface ReportEvent {
  index: number;
  /**
   * The captured exchange this event was decoded from, as its capture numbered it: the panel's
   * capture log sequence number, a HAR entry (`har3`), a CDP request id. Ties an event to its
   * capture notes and lets two views of one capture agree on which event is which.
   */
  exchangeId: string;
  kind: string;
  handlerId: string | null;
  key: string | null;
  path: string | null;
  startedAt: string | null;
  durationMs: number | null;
  request: {
    bytes: number;
    protoBytes: number;
    stateUpload: 'full' | 'token' | 'empty' | 'none';
    stateBytes: number[];
    tokenSent: boolean;
  };
  response: {
    bytes: number;
    protoBytes: number;
    messages: number;
    stateDownload: 'full' | 'diff' | 'none';
    stateBytes: number[];
    componentTree: 'full' | 'diff' | 'none';
    componentTreeBytes: number;
    commandsBytes: number;
    errorBytes: number;
    tokenIssued: boolean;
    streamEnded: boolean;
  };
  error: string | null;
  tokenRetry: boolean;
  mirror: { stateBytes: number[] };
  topFields: { stateClass: number; path: string; bytes: number; share: number; kind: string; blob?: string }[];
  problems: string[];
}

export interface PayloadReport {
  schema: typeof REPORT_SCHEMA;
  version: typeof REPORT_VERSION;
  generatedAt: string;
  tool: { name: 'mesop-devtools'; version: string };
  source: { kind: 'har' | 'live' | 'check' | 'demo'; name: string };
  session: {
    transport: string;
    backend: string;
    stateClasses: number;
    events: number;
    totals: {
      requestBytes: number;
      responseBytes: number;
      upStateBytes: number;
      downStateBytes: number;
      componentTreeBytes: number;
    };
  };
  events: ReportEvent[];
  /** What the advice rules concluded, most severe first (src/core/advise/finding.ts). */
  findings: Finding[];
  /** One result per budget assertion, when budgets were configured (src/core/budget/budget-types.ts). */
  budgets: BudgetResult[];
  skipped: { url: string; reason: string }[];
  problems: string[];
}
