import { utf8Length } from '../measure/utf8-length';
import { applyStateDiff, type ListDesync } from './apply-state-diff';
import { stateClassLabel, stateClassNumber } from './numbering';

/** A list the browser now holds differently from the server, in one state class (numbered from 1). */
export interface ClientDesync extends ListDesync {
  stateClass: number;
}

/**
 * The client-side copy of every state class, kept the way Mesop's browser client keeps it: one
 * JSON string per class, replaced by `full_states`, patched by `diff_states`. Classes are known
 * only by position: Python class names never cross the wire.
 */
export class StateMirror {
  private held: string[] = [];
  /** UTF-8 length of each held state, once known: counting a 20 MB state is a full pass over it. */
  private heldBytes: (number | undefined)[] = [];
  /**
   * The UTF-8 bytes of each held state as the last full state brought them, until the state is
   * patched or `releaseUtf8` is called (the builder calls it once the event is measured, so the
   * mirror never keeps a decoded message alive).
   */
  private heldUtf8: (Uint8Array | undefined)[] = [];
  private known = false;

  get states(): readonly string[] {
    return this.held;
  }
  get hasState(): boolean {
    return this.known;
  }

  /** UTF-8 bytes of each held state: given with a full state, else counted once and kept. */
  get stateBytes(): readonly number[] {
    return this.held.map((state, i) => (this.heldBytes[i] ??= utf8Length(state)));
  }

  /** UTF-8 bytes of each held state, where the last full state brought them (see heldUtf8). */
  get stateUtf8(): readonly (Uint8Array | undefined)[] {
    return this.heldUtf8;
  }

  releaseUtf8(): void {
    if (this.heldUtf8.length) this.heldUtf8 = [];
  }

  /**
   * `textBytes[i]`, when given, is the known UTF-8 length of `states[i]` (the protobuf payload's);
   * `utf8[i]` its bytes.
   */
  applyFull(
    states: string[],
    textBytes: readonly (number | undefined)[] = [],
    utf8: readonly (Uint8Array | undefined)[] = [],
  ): void {
    this.held = states.slice();
    this.heldBytes = states.map((_, i) => textBytes[i]);
    this.heldUtf8 = states.map((_, i) => utf8[i]);
    this.known = true;
  }

  /**
   * Returns problems; on a count mismatch the client throws and keeps its copy, and so do we.
   * Lists the client patched differently from the server go to `desyncs` (they are not problems:
   * the diff was read, and applied exactly as the browser applies it).
   */
  applyDiff(diffs: string[], desyncs: ClientDesync[] = []): string[] {
    if (!this.known) return ['state diff arrived before any full state (recording began mid-session): mirror unknown'];
    if (diffs.length !== this.held.length) {
      return [
        `state diff has ${diffs.length} classes but the client holds ${this.held.length}: Mesop's client rejects it`,
      ];
    }
    const problems: string[] = [];
    this.held = this.held.map((state, i) => {
      const result = applyStateDiff(state, diffs[i]!);
      const label = stateClassLabel(stateClassNumber(i));
      if (!result.ok) {
        problems.push(`${label}: ${result.reason}`);
        return state;
      }
      if (result.state !== state) {
        this.heldBytes[i] = undefined;
        this.heldUtf8[i] = undefined;
      }
      problems.push(...result.notes.map((n) => `${label}: ${n}`));
      desyncs.push(...result.desyncs.map((d) => ({ stateClass: stateClassNumber(i), ...d })));
      return result.state;
    });
    return problems;
  }

  /** What the client uploads: full states when there is no token (also learns state seen upstream). */
  observeUpload(states: string[]): void {
    if (!this.known) this.applyFull(states);
  }
}
