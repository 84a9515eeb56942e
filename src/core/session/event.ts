import type { Transport } from '../capture/exchange';
import type { ByteAccount, EventKind } from '../decode/messages';
import type { ClientDesync } from './state-mirror';

/** How state went up with the request. */
export type StateUpload = 'full' | 'token' | 'empty' | 'none';
/** How state came down in the response. */
export type StateDownload = 'full' | 'diff' | 'none';

/** One Mesop UI event: a decoded, measured exchange, in session order. */
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
    wireBytes: number;
    bytes: ByteAccount;
    stateUpload: StateUpload;
    /** UTF-8 bytes of each uploaded state class (empty when none were uploaded). */
    stateBytes: number[];
    token?: string;
    valuePreview?: string;
  };

  response: {
    wireBytes: number;
    /** Summed over every message of the response. */
    bytes: ByteAccount;
    messageCount: number;
    /**
     * Each render message of the response, in order: its component-tree bytes (protobuf, as in
     * `bytes.componentTree`) and its wire bytes. A handler that yields streams several renders.
     */
    renders: { componentTree: number; wireBytes: number }[];
    stateDownload: StateDownload;
    /** UTF-8 bytes of each state class's full state or diff as sent down. */
    stateBytes: number[];
    componentTree: 'full' | 'diff' | 'none';
    /** The token issued by a session backend ('' or undefined when none). */
    token?: string;
    sawStreamEnd: boolean;
  };

  /** `ServerError.exception`, when the server raised. */
  error?: string;
  /** This event re-sends the previous one after "Token not found in state session backend." */
  isTokenRetry: boolean;

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
