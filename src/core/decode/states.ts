import { stateClassLabel, stateClassNumber } from '../session/numbering';
import { fieldStringChecked, payload, readFields, expectMessage, type ProtoField } from './proto-fields';
import { STATE, STATES } from './mesop-fields';

/** `mesop.States` { repeated State states = 1 } with `State` { string data = 1 }. */
export interface DecodedStates {
  /** One JSON string per state class, in registration order. */
  data: string[];
  /** UTF-8 byte length of each `State.data` (its protobuf payload length: no re-encoding). */
  stateBytes: number[];
  /** Sum of `stateBytes`. */
  totalStateBytes: number;
  /** Why some `data` is not exactly what was sent (invalid UTF-8, replaced by U+FFFD). */
  problems: string[];
  /**
   * Per class: `stateBytes[i]` is also the UTF-8 length of `data[i]` (valid UTF-8 round-trips exactly),
   * so nobody needs to count it again; undefined where invalid bytes were replaced.
   */
  textBytes: (number | undefined)[];
  /**
   * Per class: the UTF-8 bytes of `data[i]` as sent (a view of the payload, not a copy), where they
   * are valid UTF-8; the field measure scans them instead of the string (about twice as fast).
   */
  utf8: (Uint8Array | undefined)[];
}

export function readStates(buf: Uint8Array, statesField: ProtoField): DecodedStates {
  expectMessage(statesField, 'States');
  const statesBuf = payload(buf, statesField);
  const data: string[] = [];
  const sizes: number[] = [];
  const textBytes: (number | undefined)[] = [];
  const utf8: (Uint8Array | undefined)[] = [];
  let bytes = 0;
  const problems: string[] = [];
  for (const stateField of readFields(statesBuf)) {
    if (stateField.no !== STATES.states) continue;
    expectMessage(stateField, 'State');
    const stateBuf = payload(statesBuf, stateField);
    let text = '';
    let size = 0;
    let valid = true;
    let raw: Uint8Array | undefined;
    for (const dataField of readFields(stateBuf)) {
      if (dataField.no !== STATE.data) continue;
      const checked = fieldStringChecked(stateBuf, dataField);
      text = checked.text;
      valid = checked.valid;
      if (!checked.valid)
        problems.push(
          `${stateClassLabel(stateClassNumber(data.length))} is not valid UTF-8 (sizes are the bytes sent; invalid bytes read as U+FFFD)`,
        );
      size = dataField.end - dataField.valueStart;
      raw = payload(stateBuf, dataField);
    }
    data.push(text);
    sizes.push(size);
    textBytes.push(valid ? size : undefined);
    utf8.push(valid ? raw : undefined);
    bytes += size;
  }
  return { data, stateBytes: sizes, totalStateBytes: bytes, problems, textBytes, utf8 };
}
