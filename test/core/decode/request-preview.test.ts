/**
 * The value a user event carried, as the event list shows it (request.ts previewValue), for every
 * value kind of Mesop 1.3.7's UserEvent. Requests are written with @bufbuild/protobuf's
 * BinaryWriter, apart from our reader: a negative int32 is its 10-byte varint, as Python sends it.
 */
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { decodeRequest } from '../../../src/core/decode/request';
import { b64url } from '../../hardening/support/mesop-encode';

function requestWith(write: (w: BinaryWriter) => void): string {
  const event = new BinaryWriter().tag(2, WireType.LengthDelimited).string('app.on_x');
  write(event);
  return b64url(
    new BinaryWriter()
      .tag(2, WireType.LengthDelimited)
      .bytes(event.finish())
      .tag(3, WireType.LengthDelimited)
      .string('/')
      .finish(),
  );
}

function preview(write: (w: BinaryWriter) => void): [string, string | undefined, string[] | undefined] {
  const r = decodeRequest(requestWith(write));
  if (!r.ok) throw new Error(r.reason);
  return [r.request.kind, r.request.valuePreview, r.request.problems];
}

it.each([
  ['bool true', (w: BinaryWriter) => w.tag(4, WireType.Varint).bool(true), ['bool_value', 'true']],
  ['bool false', (w: BinaryWriter) => w.tag(4, WireType.Varint).bool(false), ['bool_value', 'false']],
  ['int 42', (w: BinaryWriter) => w.tag(8, WireType.Varint).int32(42), ['int_value', '42']],
  ['int -5 (10-byte varint)', (w: BinaryWriter) => w.tag(8, WireType.Varint).int32(-5), ['int_value', '-5']],
  ['int32 max', (w: BinaryWriter) => w.tag(8, WireType.Varint).int32(2147483647), ['int_value', '2147483647']],
  ['int32 min', (w: BinaryWriter) => w.tag(8, WireType.Varint).int32(-2147483648), ['int_value', '-2147483648']],
  ['double', (w: BinaryWriter) => w.tag(7, WireType.Bit64).double(3.25), ['double_value', '3.25']],
  ['string', (w: BinaryWriter) => w.tag(5, WireType.LengthDelimited).string('hello'), ['string_value', 'hello']],
  [
    'bytes',
    (w: BinaryWriter) => w.tag(9, WireType.LengthDelimited).bytes(new Uint8Array(1234)),
    ['bytes_value', '1234 bytes'],
  ],
  [
    'click (a message: no value)',
    (w: BinaryWriter) => w.tag(16, WireType.LengthDelimited).bytes(new Uint8Array(0)),
    ['click', undefined],
  ],
] as const)('%s', (_name, write, [kind, value]) => {
  expect(preview(write)).toEqual([kind, value, undefined]);
});

it('a long string is cut at 80 characters and says how many bytes it had', () => {
  const text = 'é'.repeat(100); // 200 bytes of UTF-8
  expect(preview((w) => w.tag(5, WireType.LengthDelimited).string(text))).toEqual([
    'string_value',
    `${'é'.repeat(80)}… (200 bytes)`,
    undefined,
  ]);
});
