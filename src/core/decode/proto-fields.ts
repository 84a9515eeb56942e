import { BinaryReader, WireType, getTextEncoding } from '@bufbuild/protobuf/wire';

/**
 * One top-level field of a serialized protobuf message, located by offsets so callers can both
 * decode it and account for its bytes exactly (tag + length prefix + payload = `end - start`).
 * The varint/tag reading is @bufbuild/protobuf's reader; we only walk fields and keep offsets.
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
  /** Numeric value for varint / fixed fields (int32, bool, enum; doubles are read separately). */
  varint?: number;
}

export class ProtoError extends Error {}

/** Splits a message into its fields. Unknown field numbers are kept: callers skip what they don't use. */
export function readFields(buf: Uint8Array): ProtoField[] {
  const reader = new BinaryReader(buf);
  const fields: ProtoField[] = [];
  try {
    while (reader.pos < reader.len) {
      const start = reader.pos;
      const [no, wireType] = reader.tag();
      if (no <= 0) throw new ProtoError(`invalid field number ${no} at byte ${start}`);
      if (wireType === WireType.LengthDelimited) {
        const len = reader.uint32();
        const valueStart = reader.pos;
        if (valueStart + len > reader.len) {
          throw new ProtoError(`field ${no} claims ${len} bytes at byte ${valueStart} but the message ends at ${reader.len} (truncated?)`);
        }
        reader.pos = valueStart + len;
        fields.push({ no, wireType, start, valueStart, end: reader.pos });
      } else if (wireType === WireType.Varint) {
        const valueStart = reader.pos;
        const varint = reader.int32();
        fields.push({ no, wireType, start, valueStart, end: reader.pos, varint });
      } else {
        const valueStart = reader.pos;
        reader.skip(wireType, no);
        fields.push({ no, wireType, start, valueStart, end: reader.pos });
      }
    }
  } catch (e) {
    if (e instanceof ProtoError) throw e;
    throw new ProtoError(`malformed protobuf at byte ${reader.pos}: ${(e as Error).message}`);
  }
  return fields;
}

export const payload = (buf: Uint8Array, f: ProtoField): Uint8Array => buf.subarray(f.valueStart, f.end);

export function payloadLength(f: ProtoField): number {
  return f.end - f.valueStart;
}

/** Reads a string field; invalid UTF-8 becomes U+FFFD rather than an exception. */
export function fieldString(buf: Uint8Array, f: ProtoField): string {
  if (f.wireType !== WireType.LengthDelimited) throw new ProtoError(`field ${f.no} should be a string but has wire type ${f.wireType}`);
  return getTextEncoding().decodeUtf8(payload(buf, f), false);
}

/**
 * Like fieldString, but says whether the bytes were valid UTF-8. Used for `State.data`: the size is
 * the payload length either way, but a mirror built from U+FFFD replacements would no longer be
 * the bytes the server sent, and the event must say so (found by the fuzz test).
 */
export function fieldStringChecked(buf: Uint8Array, f: ProtoField): { text: string; valid: boolean } {
  if (f.wireType !== WireType.LengthDelimited) throw new ProtoError(`field ${f.no} should be a string but has wire type ${f.wireType}`);
  const bytes = payload(buf, f);
  try {
    return { text: getTextEncoding().decodeUtf8(bytes, true), valid: true };
  } catch {
    return { text: getTextEncoding().decodeUtf8(bytes, false), valid: false };
  }
}

export function fieldDouble(buf: Uint8Array, f: ProtoField): number {
  if (f.wireType !== WireType.Bit64) throw new ProtoError(`field ${f.no} should be a double but has wire type ${f.wireType}`);
  return new DataView(buf.buffer, buf.byteOffset + f.valueStart, 8).getFloat64(0, true);
}

/** A varint field's value (bool, int32, enum). */
export function fieldVarint(f: ProtoField): number {
  if (f.wireType !== WireType.Varint) throw new ProtoError(`field ${f.no} should be a varint but has wire type ${f.wireType}`);
  return f.varint ?? 0;
}

/** A bytes field's length. */
export function fieldBytesLength(f: ProtoField): number {
  if (f.wireType !== WireType.LengthDelimited) throw new ProtoError(`field ${f.no} should be bytes but has wire type ${f.wireType}`);
  return payloadLength(f);
}

export function expectMessage(f: ProtoField, name: string): void {
  if (f.wireType !== WireType.LengthDelimited) {
    throw new ProtoError(`field ${f.no} (${name}) should be a message but has wire type ${f.wireType}`);
  }
}
