import { WireType, getTextEncoding } from '@bufbuild/protobuf/wire';

/**
 * One top-level field of a serialized protobuf message, located by offsets so callers can both
 * decode it and account for its bytes exactly (tag + length prefix + payload = `end - start`).
 * The walk is ours (see readFields: as strict as Mesop's server); @bufbuild/protobuf gives the wire
 * type names and the UTF-8 decoder.
 */
export interface ProtoField {
  no: number;
  wireType: WireType;
  /** Offset of the tag. */
  start: number;
  /** Offset of the payload (after tag, and after the length prefix for length-delimited fields). */
  valueStart: number;
  /** Offset just past the field. */
  end: number;
  /** Varint fields: the value as a signed int32 (int32, bool, enum; doubles are read separately). */
  varint?: number;
}

export class ProtoError extends Error {}

/**
 * Splits a message into its fields. Unknown field numbers are kept: callers skip what they don't use.
 *
 * The walk checks the wire format as strictly as Mesop's server does (Python protobuf: "Wire format
 * was corrupt"): a varint of more than 10 bytes, a tag or a length beyond 32 bits, a length past the
 * end, an unmatched or unterminated group, wire types 6 and 7. @bufbuild's BinaryReader, used here
 * before, truncated an overlong length to its low bits instead, which read a damaged message as a
 * different, valid one (found by the fuzz test's own wire walker).
 */
export function readFields(buf: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let pos = 0;
  try {
    while (pos < buf.length) {
      const start = pos;
      const { no, wireType, end: afterTag } = readTag(buf, pos);
      if (wireType === WireType.LengthDelimited) {
        const value = lengthPrefixEnd(buf, afterTag, no);
        pos = value.end;
        fields.push({ no, wireType, start, valueStart: value.payload, end: pos });
      } else if (wireType === WireType.Varint) {
        const v = readVarint(buf, afterTag);
        pos = v.end;
        fields.push({ no, wireType, start, valueStart: afterTag, end: pos, varint: v.int32 });
      } else {
        pos = valueEnd(buf, afterTag, no, wireType);
        fields.push({ no, wireType, start, valueStart: afterTag, end: pos });
      }
    }
  } catch (e) {
    // Groups nested deeper than the call stack (RangeError).
    if (e instanceof ProtoError) throw e;
    throw new ProtoError(`malformed protobuf at byte ${pos}: ${(e as Error).message}`);
  }
  return fields;
}

/**
 * A varint at `pos`: its value (exact below 2^53; enough for tags and lengths), its low 32 bits as a
 * signed int32 (what an int32 or bool field holds; a negative int32 is sent as 10 bytes), and where
 * it ends.
 */
function readVarint(buf: Uint8Array, pos: number): { value: number; int32: number; end: number } {
  let value = 0;
  let low = 0;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= buf.length) throw new ProtoError(`malformed protobuf at byte ${pos}: a varint runs past the end`);
    const b = buf[pos + i]!;
    value += (b & 0x7f) * 2 ** (7 * i);
    if (i < 5) low |= (b & 0x7f) << (7 * i); // bits past 32 fall off, as int32 wants
    if ((b & 0x80) === 0) return { value, int32: low | 0, end: pos + i + 1 };
  }
  throw new ProtoError(`malformed protobuf at byte ${pos}: a varint longer than 10 bytes`);
}

/** The tag at `pos`; an end-group tag only where `inGroup` says one may close. */
function readTag(buf: Uint8Array, pos: number, inGroup = false): { no: number; wireType: WireType; end: number } {
  const { value, end } = readVarint(buf, pos);
  const no = Math.floor(value / 8);
  const wireType = value % 8;
  if (value >= 2 ** 32) throw new ProtoError(`malformed protobuf at byte ${pos}: a tag beyond 32 bits`);
  if (no <= 0) throw new ProtoError(`invalid field number ${no} at byte ${pos}`);
  if (wireType > WireType.Bit32)
    throw new ProtoError(`malformed protobuf at byte ${pos}: invalid wire type ${wireType}`);
  if (wireType === WireType.EndGroup && !inGroup)
    throw new ProtoError(`malformed protobuf at byte ${pos}: a group end without its start`);
  return { no, wireType, end };
}

/** A length-delimited value whose length prefix starts at `pos`: where its payload starts and ends. */
function lengthPrefixEnd(buf: Uint8Array, pos: number, no: number): { payload: number; end: number } {
  const len = readVarint(buf, pos);
  if (len.end + len.value > buf.length) {
    throw new ProtoError(
      `field ${no} claims ${len.value} bytes at byte ${len.end} but the message ends at ${buf.length} (truncated?)`,
    );
  }
  return { payload: len.end, end: len.end + len.value };
}

/** Where the value of field `no`, starting at `pos` (after its tag), ends. */
function valueEnd(buf: Uint8Array, pos: number, no: number, wireType: WireType): number {
  switch (wireType) {
    case WireType.Varint:
      return readVarint(buf, pos).end;
    case WireType.LengthDelimited:
      return lengthPrefixEnd(buf, pos, no).end;
    case WireType.StartGroup: {
      // Its fields, up to the end tag of the same number.
      for (;;) {
        if (pos >= buf.length) throw new ProtoError(`malformed protobuf: group ${no} has no end`);
        const tag = readTag(buf, pos, true);
        if (tag.wireType === WireType.EndGroup) {
          if (tag.no !== no) throw new ProtoError(`malformed protobuf at byte ${pos}: group ${no} closed as ${tag.no}`);
          return tag.end;
        }
        pos = valueEnd(buf, tag.end, tag.no, tag.wireType);
      }
    }
    default: {
      const end = pos + (wireType === WireType.Bit64 ? 8 : 4);
      if (end > buf.length) throw new ProtoError(`malformed protobuf at byte ${pos}: field ${no} runs past the end`);
      return end;
    }
  }
}

export const payload = (buf: Uint8Array, f: ProtoField): Uint8Array => buf.subarray(f.valueStart, f.end);

export function payloadLength(f: ProtoField): number {
  return f.end - f.valueStart;
}

/** Reads a string field; invalid UTF-8 becomes U+FFFD rather than an exception. */
export function fieldString(buf: Uint8Array, f: ProtoField): string {
  if (f.wireType !== WireType.LengthDelimited)
    throw new ProtoError(`field ${f.no} should be a string but has wire type ${f.wireType}`);
  return getTextEncoding().decodeUtf8(payload(buf, f), false);
}

/**
 * Like fieldString, but says whether the bytes were valid UTF-8. Used for `State.data`: the size is
 * the payload length either way, but a mirror built from U+FFFD replacements would no longer be
 * the bytes the server sent, and the event must say so (found by the fuzz test).
 */
export function fieldStringChecked(buf: Uint8Array, f: ProtoField): { text: string; valid: boolean } {
  if (f.wireType !== WireType.LengthDelimited)
    throw new ProtoError(`field ${f.no} should be a string but has wire type ${f.wireType}`);
  const bytes = payload(buf, f);
  try {
    return { text: getTextEncoding().decodeUtf8(bytes, true), valid: true };
  } catch {
    return { text: getTextEncoding().decodeUtf8(bytes, false), valid: false };
  }
}

export function fieldDouble(buf: Uint8Array, f: ProtoField): number {
  if (f.wireType !== WireType.Bit64)
    throw new ProtoError(`field ${f.no} should be a double but has wire type ${f.wireType}`);
  return new DataView(buf.buffer, buf.byteOffset + f.valueStart, 8).getFloat64(0, true);
}

/** A varint field's value (bool, int32, enum). */
export function fieldVarint(f: ProtoField): number {
  if (f.wireType !== WireType.Varint)
    throw new ProtoError(`field ${f.no} should be a varint but has wire type ${f.wireType}`);
  return f.varint ?? 0;
}

/** A bytes field's length. */
export function fieldBytesLength(f: ProtoField): number {
  if (f.wireType !== WireType.LengthDelimited)
    throw new ProtoError(`field ${f.no} should be bytes but has wire type ${f.wireType}`);
  return payloadLength(f);
}

export function expectMessage(f: ProtoField, name: string): void {
  if (f.wireType !== WireType.LengthDelimited) {
    throw new ProtoError(`field ${f.no} (${name}) should be a message but has wire type ${f.wireType}`);
  }
}
