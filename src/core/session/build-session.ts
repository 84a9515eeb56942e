import { addAccounts, emptyAccount } from '../decode/byte-account';
import { decodeExchange, type DecodedExchange } from '../capture/decode-exchange';
import type { Exchange } from '../capture/exchange';
import type { DecodedStateUpdate } from '../decode/messages';
import type { MesopEvent, StateUpload } from './event';
import { backendOf } from './backend-of';
import type { Session, SessionTransport } from './session';
import { StateMirror, type ClientDesync } from './state-mirror';

export const TOKEN_NOT_FOUND = 'Token not found in state session backend.';

export interface SessionOptions {
  /**
   * Called after each event with the client-held state JSON, so callers can measure fields without
   * the session keeping every state string alive (they can be megabytes per event).
   */
  /**
   * `stateBytes[i]`: UTF-8 length of `states[i]`, already known (see StateMirror.stateBytes).
   * `utf8[i]`: the bytes of `states[i]` when this event's full state brought them (undefined for a
   * patched or unchanged state): valid only during the call.
   */
  onMirror?: (
    event: MesopEvent,
    states: readonly string[],
    stateBytes: readonly number[],
    utf8: readonly (Uint8Array | undefined)[],
  ) => void;
}

/** Exchanges (in capture order) -> a session of measured events with a client-side state mirror. */
export function buildSession(exchanges: readonly Exchange[], options: SessionOptions = {}): Session {
  const builder = new SessionBuilder(options);
  for (const exchange of exchanges) builder.add(exchange);
  return builder.session();
}

/** Incremental form, for live capture (the panel adds exchanges as they arrive). */
export class SessionBuilder {
  private readonly events: MesopEvent[] = [];
  private readonly mirror = new StateMirror();
  private readonly problems: string[] = [];
  private lastTokenMiss: MesopEvent | undefined;

  constructor(private readonly options: SessionOptions = {}) {}

  add(exchange: Exchange): MesopEvent {
    const event = this.toEvent(decodeExchange(exchange));
    this.events.push(event);
    this.options.onMirror?.(event, this.mirror.states, this.mirror.stateBytes, this.mirror.stateUtf8);
    this.mirror.releaseUtf8();
    return event;
  }

  /**
   * Forgets the oldest `count` events (a live view's memory bound) and renumbers the rest from 0.
   * The mirror is untouched: it is what the client holds now, whatever the history kept.
   */
  dropOldest(count: number): void {
    const n = Math.min(Math.max(0, count), this.events.length);
    if (n === 0) return;
    this.events.splice(0, n);
    this.events.forEach((e, i) => {
      e.index = i;
    });
  }

  session(): Session {
    return {
      events: this.events,
      transport: transportOf(this.events),
      backend: backendOf(
        transportOf(this.events),
        this.events.map((e) => ({
          kind: e.kind,
          stateUpload: e.request.stateUpload,
          tokenIssued: (e.response.token ?? '') !== '',
        })),
      ),
      stateClasses: this.mirror.states.length,
      mirror: this.mirror.states,
      problems: this.problems,
    };
  }

  private toEvent(decoded: DecodedExchange): MesopEvent {
    const { exchange, request, response } = decoded;
    const problems = [...decoded.problems];
    const upload: StateUpload =
      request?.states !== undefined
        ? request.states.length > 0
          ? 'full'
          : 'empty'
        : request?.stateToken
          ? 'token'
          : 'none';

    // Upstream full states are what the client held: they seed or confirm the mirror.
    if (upload === 'full' && request?.states) this.mirror.observeUpload(request.states);

    let stateUpdate: DecodedStateUpdate | undefined;
    let componentTree: 'full' | 'diff' | 'none' = 'none';
    let error: string | undefined;
    let account = emptyAccount();
    for (const m of response.messages) {
      account = addAccounts(account, m.account);
      if (m.state) stateUpdate = m.state;
      if (m.render && m.render.componentTree !== 'none' && componentTree !== 'full')
        componentTree = m.render.componentTree;
      if (m.error && error === undefined) error = m.error.exception;
    }
    const desyncs: ClientDesync[] = [];
    if (stateUpdate) {
      if (stateUpdate.mode === 'full') this.mirror.applyFull(stateUpdate.data, stateUpdate.textBytes, stateUpdate.utf8);
      else problems.push(...this.mirror.applyDiff(stateUpdate.data, desyncs));
    }

    const event: MesopEvent = {
      index: this.events.length,
      exchangeId: exchange.id,
      transport: exchange.transport,
      kind: request?.kind ?? 'unknown',
      handlerId: request?.handlerId,
      key: request?.key,
      path: request?.path,
      startedAt: exchange.startedAt,
      durationMs: exchange.endedAt !== undefined ? Math.max(0, exchange.endedAt - exchange.startedAt) : undefined,
      request: {
        bytes: request?.bytes ?? exchange.requestBody?.length ?? exchange.requestBytesNotCaptured ?? 0,
        account: request?.account ?? emptyAccount(),
        stateUpload: upload,
        stateBytes: request?.stateBytes ?? [],
        token: request?.stateToken,
        valuePreview: request?.valuePreview,
      },
      response: {
        bytes: response.bytes,
        account,
        messages: response.messages.length,
        renders: response.messages
          .filter((m) => m.type === 'render')
          .map((m) => ({ componentTreeBytes: m.account.componentTree, bytes: m.bytes })),
        stateDownload: stateUpdate ? stateUpdate.mode : 'none',
        stateBytes: stateUpdate ? stateUpdate.stateBytes : [],
        componentTree,
        token: stateUpdate?.token,
        streamEnded: response.streamEnded,
      },
      error,
      tokenRetry: this.isRetryOf(this.lastTokenMiss, request?.handlerId, request?.kind, upload),
      mirror: { stateBytes: this.mirror.hasState ? this.mirror.stateBytes.slice() : [] },
      problems,
      ...(desyncs.length ? { desyncs } : {}),
    };
    this.lastTokenMiss = error === TOKEN_NOT_FOUND ? event : undefined;
    return event;
  }

  /** Mesop's client re-sends the same event with full states right after a token miss. */
  private isRetryOf(
    miss: MesopEvent | undefined,
    handlerId: string | undefined,
    kind: string | undefined,
    upload: StateUpload,
  ): boolean {
    return !!miss && upload === 'full' && miss.handlerId === handlerId && miss.kind === kind;
  }
}

function transportOf(events: MesopEvent[]): SessionTransport {
  const kinds = new Set(events.map((e) => e.transport));
  if (kinds.size === 0) return 'unknown';
  return kinds.size > 1 ? 'mixed' : [...kinds][0]!;
}
