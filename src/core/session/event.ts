import type { Transport } from '../capture/exchange';
import type { ByteAccount, EventKind } from '../decode/messages';
import type { ClientDesync } from './state-mirror';

/** How state went up with the request. */
export type StateUpload = 'full' | 'token' | 'empty' | 'none';
/** How state came down in the response. */
export type StateDownload = 'full' | 'diff' | 'none';

/**
 * One Mesop UI event: a decoded, measured exchange, in session order.
 *
 * Field names are the payload report's (report-types.ts `ReportEvent`), with the same meaning, so
 * one name means one thing from the decoder to the exported JSON:
 * - `bytes`: characters on the wire (base64 text, SSE framing or WebSocket frames included);
 * - `protoBytes` (report only) = `account.total`: the serialized protobuf;
 * - `account`: where the protobuf bytes go (`ByteAccount`, decode/messages.ts).
 */
export interface MesopEvent {
  /** 0-based position in the session. */
  index: number;
  exchangeId: string;
  transport: Transport;
  kind: EventKind;
  handlerId?: string;
  key?: string;
  /** Page path the client was on. */
  path?: string;
  startedAt: number;
  durationMs?: number;

  request: {
    /** Wire bytes of the request body. */
    bytes: number;
    /** Its protobuf bytes, by where they go. */
    account: ByteAccount;
    stateUpload: StateUpload;
    /** UTF-8 bytes of each uploaded state class (empty when none were uploaded). */
    stateBytes: number[];
    token?: string;
    valuePreview?: string;
  };

  response: {
    /** Wire bytes of the whole response. */
    bytes: number;
    /** Protobuf bytes by where they go, summed over every message of the response. */
    account: ByteAccount;
    /** How many messages the response carried. */
    messages: number;
    /**
     * Each render message of the response, in order: its component-tree bytes (protobuf, as in
     * `account.componentTree`) and its wire bytes. A handler that yields streams several renders.
     */
    renders: { componentTreeBytes: number; bytes: number }[];
    stateDownload: StateDownload;
    /** UTF-8 bytes of each state class's full state or diff as sent down. */
    stateBytes: number[];
    componentTree: 'full' | 'diff' | 'none';
    /** The token issued by a session backend ('' or undefined when none). */
    token?: string;
    streamEnded: boolean;
  };

  /** `ServerError.exception`, when the server raised. */
  error?: string;
  /** This event re-sends the previous one after "Token not found in state session backend." */
  tokenRetry: boolean;

  /** The client-side copy of each state class after this event (Mesop's client semantics). */
  mirror: {
    /** UTF-8 bytes of each state class's JSON as the client now holds it. */
    stateBytes: number[];
  };

  /** Decode or capture problems: the event is still listed, with these reasons. */
  problems: string[];

  /**
   * Lists the browser patched differently from the server with this event's diff (Mesop 1.3.7's
   * multi-item deletion bug, apply-state-diff.ts); absent when none. Not a problem: the event was
   * read whole; the mirror holds what the browser holds.
   */
  desyncs?: ClientDesync[];
}
