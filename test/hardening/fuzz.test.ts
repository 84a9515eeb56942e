/**
 * Property tests over the decoder and the analyser (issue 7, "Hardening"): random and mutated
 * base64 from real fixture bodies, truncated protobuf, wrong wire types, invalid UTF-8 in
 * State.data, invalid JSON, NaN, diffs that do not apply. runWithBad() checks the invariants: no
 * exception escapes analyzeExchanges / buildReport / the renderers, nothing is lost, the recorded
 * events after the bad ones still match the oracle. Single big cases (100,000 levels, huge strings)
 * are in edge-cases.test.ts. Fixed seed here; `npm run fuzz` for long random runs.
 */
import fc from 'fast-check';
import { decodeBase64 } from '../../src/core/decode/base64';
import { classifyUiExchange } from '../../src/core/capture/mesop-traffic';
import type { Exchange } from '../../src/core/capture/exchange';
import { params } from './fuzz-config';
import { fixture, runWithBad } from './support/harness';
import {
  b64,
  b64url,
  errorResponse,
  renderResponse,
  sseExchange,
  stateResponse,
  states,
  uiRequest,
} from './support/mesop-encode';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

const FIXTURES = ['chat', 'kitchen', 'image', 'upload', 'error', 'chat-websocket', 'chat-token-miss'];
const realExchanges: Exchange[] = FIXTURES.flatMap((f) => fixture(f).exchanges);

const hasReason = (problems: string[]) => problems.length > 0 && problems.every((p) => p.trim().length > 0);

// --- mutations of real bodies ------------------------------------------------------------------

/** `where` (0..1) places the mutation in the text. */
type Mutation =
  | { op: 'flip'; ch: string }
  | { op: 'truncate' }
  | { op: 'insert'; text: string }
  | { op: 'delete'; n: number }
  | { op: 'alphabet' };

const anyChar = fc.oneof(
  fc.constantFrom('A', 'z', '0', '+', '/', '-', '_', '=', '!', ' ', '\n', '"', '\u00e9', '\ud83d'),
  fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
);
const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation & { where: number }> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), ch: anyChar, where: position }),
  fc.record({ op: fc.constant('truncate' as const), where: position }),
  fc.record({
    op: fc.constant('insert' as const),
    text: fc.string({ minLength: 1, maxLength: 8, unit: anyChar }),
    where: position,
  }),
  fc.record({ op: fc.constant('delete' as const), n: fc.integer({ min: 1, max: 16 }), where: position }),
  fc.record({ op: fc.constant('alphabet' as const), where: position }),
);

function mutate(text: string, m: Mutation & { where: number }): string {
  const at = Math.floor(m.where * text.length);
  switch (m.op) {
    case 'flip':
      return text.slice(0, at) + m.ch + text.slice(at + 1);
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.n);
    // The other base64 alphabet (standard <-> URL-safe) everywhere.
    case 'alphabet':
      return text.replace(/[+/\-_]/g, (c) => ({ '+': '-', '/': '_', '-': '+', _: '/' })[c]!);
  }
}

describe('mutated real exchanges', () => {
  it('never throw, are never lost, and the session goes on', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: realExchanges.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('request', 'response', 'both'),
        (index, mutations, side) => {
          const original = realExchanges[index]!;
          const ex: Exchange = { ...original, id: `mutated${index}` };
          if (side !== 'response' && ex.requestBody !== null) ex.requestBody = mutations.reduce(mutate, ex.requestBody);
          if (side !== 'request') {
            if (ex.responseText !== null) ex.responseText = mutations.reduce(mutate, ex.responseText);
            else if (ex.responseMessages)
              ex.responseMessages = ex.responseMessages.map((d) => mutations.reduce(mutate, d));
          }
          // Whatever the HAR import would decide, it says why; a damaged request with the real response is kept.
          const verdict = classifyUiExchange(ex);
          if (!verdict.mesop) expect(verdict.reason).toMatch(/^not Mesop traffic: ./);
          if (side === 'request' && (ex.responseText || ex.responseMessages?.length)) expect(verdict.mesop).toBe(true);
          const {
            bad: [event],
          } = runWithBad([ex]);
          // Whatever the mutation did, the sizes are those of the bodies as they now are.
          if (ex.requestBody !== null) expect(event!.request.bytes).toBe(ex.requestBody.length);
          if (ex.responseText) expect(event!.response.bytes).toBe(ex.responseText.length);
        },
      ),
      params(2),
    );
  });

  it('a request with a character outside both base64 alphabets is an event that says so', () => {
    const bad = fc.constantFrom('!', ' ', '"', '\u00e9', '*', '.', '\n');
    fc.assert(
      fc.property(fc.nat({ max: realExchanges.length - 1 }), position, bad, (index, where, ch) => {
        const original = realExchanges[index]!;
        if (!original.requestBody) return;
        const at = 1 + Math.floor(where * (original.requestBody.length - 1));
        const ex = {
          ...original,
          requestBody: original.requestBody.slice(0, at) + ch + original.requestBody.slice(at),
        };
        const {
          bad: [event],
        } = runWithBad([ex]);
        expect(event!.problems.join('\n')).toMatch(/request body: not base64/);
      }),
      params(2),
    );
  });

  // Found by this property with fresh seeds (the reader kept an overlong varint's low bits): Mesop's
  // own parser (Python protobuf) rejects both as "Wire format was corrupt".
  const OVERLONG_LENGTH = Uint8Array.of(0x1a, 0x80, 0x80, 0x80, 0x80, 0x10); // field 3, length 2^32
  const OVERLONG_VARINT_IN_GROUP = Uint8Array.of(0x2b, 0x08, ...Array(10).fill(0x80), 0x01, 0x2c); // an 11-byte varint

  it('random bytes as a request or a response message: never thrown on, and bytes that are not protobuf say so', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (req, res) => {
        const ex = sseExchange(req, [res]);
        const {
          bad: [event],
        } = runWithBad([ex]);
        const problems = event!.problems.join('\n');
        // Sizes are the bytes sent, whatever they hold.
        expect(event!.request.bytes).toBe(ex.requestBody!.length);
        expect(event!.response.bytes).toBe(ex.responseText!.length);
        if (!isProtobufWire(req)) expect(problems).toMatch(/request protobuf: /);
        if (!isProtobufWire(res)) expect(problems).toMatch(/response protobuf: /);
      }),
      {
        ...params(),
        examples: [
          [OVERLONG_LENGTH, OVERLONG_LENGTH],
          [OVERLONG_VARINT_IN_GROUP, OVERLONG_VARINT_IN_GROUP],
        ],
      },
    );
  });
});

/**
 * Whether `bytes` is a well-formed run of protobuf fields on the wire (tags, varints, lengths and
 * groups only: field meaning is not checked). Written here, apart from the decoder, as the test's
 * own truth about what a protobuf reader must reject.
 */
function isProtobufWire(bytes: Uint8Array): boolean {
  let pos = 0;
  const varint = (): number | undefined => {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= bytes.length) return undefined;
      const b = bytes[pos++]!;
      value += (b & 0x7f) * 2 ** shift; // exact below 2^53, and anything larger is too long anyway
      if ((b & 0x80) === 0) return value;
    }
    return undefined;
  };
  const groups: number[] = [];
  while (pos < bytes.length) {
    const tag = varint();
    if (tag === undefined) return false;
    const no = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (no === 0 || tag >= 2 ** 32) return false;
    if (wireType === 0) {
      if (varint() === undefined) return false;
    } else if (wireType === 1) {
      pos += 8;
      if (pos > bytes.length) return false;
    } else if (wireType === 5) {
      pos += 4;
      if (pos > bytes.length) return false;
    } else if (wireType === 2) {
      const len = varint();
      if (len === undefined || pos + len > bytes.length) return false;
      pos += len;
    } else if (wireType === 3) groups.push(no);
    else if (wireType === 4) {
      if (groups.pop() !== no) return false;
    } else return false;
  }
  return groups.length === 0;
}

// --- truncated protobuf and wrong wire types -----------------------------------------------------

const stateJson = fc
  .dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.oneof(fc.string(), fc.integer(), fc.boolean()), {
    maxKeys: 5,
  })
  .map((o) => JSON.stringify(o));

describe('broken protobuf', () => {
  it('a request cut inside its user_event is an event with a reason', () => {
    fc.assert(
      fc.property(stateJson, fc.string({ maxLength: 40 }), position, (state, value, where) => {
        const full = uiRequest({ userEvent: { states: [state], handlerId: 'h', stringValue: value }, path: '/' });
        // user_event is field 2 after a 1-byte tag and its length varint: cut strictly inside it.
        const cut = 3 + Math.floor(where * (full.length - 3 - 4));
        const {
          bad: [event],
        } = runWithBad([sseExchange(full.subarray(0, cut), [renderResponse()])]);
        expect(hasReason(event!.problems)).toBe(true);
        expect(event!.problems.join('\n')).toMatch(/request (protobuf|body)/);
      }),
      params(),
    );
  });

  it('a response message cut inside its state update is an event with a reason', () => {
    fc.assert(
      fc.property(fc.array(stateJson, { minLength: 1, maxLength: 3 }), position, (data, where) => {
        const full = stateResponse('full', data);
        const cut = 2 + Math.floor(where * (full.length - 2));
        const {
          bad: [event],
        } = runWithBad([sseExchange(uiRequest({ init: true }), [full.subarray(0, cut)])]);
        expect(event!.problems.join('\n')).toMatch(/response (protobuf|message)/);
      }),
      params(),
    );
  });

  it('a known field with the wrong wire type is an event with a reason', () => {
    const wrong = fc.constantFrom(WireType.Varint, WireType.Bit64, WireType.Bit32);
    fc.assert(
      fc.property(
        fc.constantFrom('init', 'user_event', 'path', 'render', 'error', 'update_state', 'states', 'state', 'data'),
        wrong,
        (field, wireType) => {
          const scalar = (no: number) => fieldOfType(no, wireType);
          let req = uiRequest({ init: true });
          let res: Uint8Array[] = [renderResponse()];
          switch (field) {
            case 'init':
              req = scalar(1);
              break;
            case 'user_event':
              req = scalar(2);
              break;
            case 'path':
              req = Uint8Array.from([...uiRequest({ init: true }), ...scalar(3)]);
              break;
            case 'render':
              res = [scalar(1)];
              break;
            case 'error':
              res = [scalar(2)];
              break;
            case 'update_state':
              res = [scalar(3)];
              break;
            case 'states':
              res = [new BinaryWriter().tag(3, WireType.LengthDelimited).bytes(scalar(1)).finish()];
              break;
            case 'state':
              res = [stateWith(scalar(1))];
              break;
            case 'data':
              res = [stateWith(new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(scalar(1)).finish())];
              break;
          }
          const {
            bad: [event],
          } = runWithBad([sseExchange(req, res)]);
          expect(event!.problems.join('\n')).toMatch(/wire type/);
        },
      ),
      params(),
    );
  });

  // Every field of UserEvent, RenderEvent, ServerError and UpdateStateEvent the decoder knows (Mesop
  // 1.3.7's ui.proto), with its right wire type; each is sent with every other wire type, groups too.
  const USER_EVENT_FIELDS: Record<number, WireType> = {
    1: WireType.LengthDelimited,
    2: WireType.LengthDelimited,
    3: WireType.LengthDelimited,
    4: WireType.Varint,
    5: WireType.LengthDelimited,
    6: WireType.LengthDelimited,
    7: WireType.Bit64,
    8: WireType.Varint,
    9: WireType.LengthDelimited,
    10: WireType.LengthDelimited,
    11: WireType.LengthDelimited,
    12: WireType.LengthDelimited,
    13: WireType.LengthDelimited,
    14: WireType.LengthDelimited,
    15: WireType.LengthDelimited,
    16: WireType.LengthDelimited,
    17: WireType.LengthDelimited,
    18: WireType.LengthDelimited,
    19: WireType.LengthDelimited,
    20: WireType.LengthDelimited,
  };
  const RESPONSE_FIELDS: Record<'render' | 'error' | 'update_state', Record<number, WireType>> = {
    render: {
      1: WireType.LengthDelimited,
      2: WireType.LengthDelimited,
      3: WireType.LengthDelimited,
      4: WireType.LengthDelimited,
      6: WireType.LengthDelimited,
    },
    error: { 1: WireType.LengthDelimited, 2: WireType.LengthDelimited },
    update_state: { 1: WireType.LengthDelimited, 2: WireType.LengthDelimited, 4: WireType.LengthDelimited },
  };
  const ANY_WIRE_TYPE = [
    WireType.Varint,
    WireType.Bit64,
    WireType.LengthDelimited,
    WireType.StartGroup,
    WireType.Bit32,
  ];

  it('every known field of a user event, sent with a wrong wire type, is an event with a reason', () => {
    for (const [no, right] of Object.entries(USER_EVENT_FIELDS)) {
      for (const wireType of ANY_WIRE_TYPE.filter((t) => t !== right)) {
        const userEvent = Uint8Array.from([
          ...fieldOfType(2, WireType.LengthDelimited, 'h'),
          ...fieldOfType(Number(no), wireType),
        ]);
        const req = new BinaryWriter()
          .tag(2, WireType.LengthDelimited)
          .bytes(userEvent)
          .tag(3, WireType.LengthDelimited)
          .string('/')
          .finish();
        const {
          bad: [event],
        } = runWithBad([sseExchange(req, [renderResponse()])]);
        expect([no, wireType, event!.problems.join('\n')]).toEqual([
          no,
          wireType,
          expect.stringMatching(/request protobuf: .*wire type/),
        ]);
      }
    }
  });

  it('every known field of a render, an error and a state update, sent with a wrong wire type, is an event with a reason', () => {
    const outer = { render: 1, error: 2, update_state: 3 } as const;
    for (const [message, fields] of Object.entries(RESPONSE_FIELDS) as [
      keyof typeof outer,
      Record<number, WireType>,
    ][]) {
      for (const [no, right] of Object.entries(fields)) {
        for (const wireType of ANY_WIRE_TYPE.filter((t) => t !== right)) {
          const res = new BinaryWriter()
            .tag(outer[message], WireType.LengthDelimited)
            .bytes(fieldOfType(Number(no), wireType))
            .finish();
          const {
            bad: [event],
          } = runWithBad([sseExchange(uiRequest({ init: true }), [res])]);
          expect([message, no, wireType, event!.problems.join('\n')]).toEqual([
            message,
            no,
            wireType,
            expect.stringMatching(/response protobuf: .*wire type/),
          ]);
        }
      }
    }
  });
});

/** One field `no` written with `wireType` (a group is an empty start/end pair; LD carries `text`). */
function fieldOfType(no: number, wireType: WireType, text = 'x'): Uint8Array {
  const w = new BinaryWriter();
  switch (wireType) {
    case WireType.Varint:
      w.tag(no, wireType).uint32(1);
      break;
    case WireType.Bit64:
      w.tag(no, wireType).fixed64(1);
      break;
    case WireType.Bit32:
      w.tag(no, wireType).fixed32(1);
      break;
    case WireType.LengthDelimited:
      w.tag(no, wireType).string(text);
      break;
    default:
      w.tag(no, WireType.StartGroup).tag(no, WireType.EndGroup);
      break;
  }
  return w.finish();
}

/** An UpdateStateEvent whose full_states is the given States bytes. */
function stateWith(statesBytes: Uint8Array): Uint8Array {
  const u = new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(statesBytes).finish();
  return new BinaryWriter().tag(3, WireType.LengthDelimited).bytes(u).finish();
}

// --- bad state payloads ----------------------------------------------------------------------------

describe('bad states inside well-formed protobuf', () => {
  it('invalid UTF-8 in State.data is an event that says so (sizes stay the bytes sent)', () => {
    const invalid = fc.constantFrom(
      [0xff],
      [0xc3],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0x80],
    );
    fc.assert(
      fc.property(stateJson, invalid, position, fc.boolean(), (json, bytes, where, upload) => {
        const utf8 = Buffer.from(json);
        const at = Math.floor(where * utf8.length);
        const data = Uint8Array.from([...utf8.subarray(0, at), ...bytes, ...utf8.subarray(at)]);
        const ex = upload
          ? sseExchange(uiRequest({ userEvent: { states: [data], handlerId: 'h' } }), [renderResponse()])
          : sseExchange(uiRequest({ init: true }), [stateResponse('full', [data])]);
        const {
          bad: [event],
        } = runWithBad([ex]);
        expect(event!.problems.join('\n')).toMatch(/not valid UTF-8/);
        expect(upload ? event!.request.stateBytes : event!.response.stateBytes).toEqual([data.length]);
      }),
      params(),
    );
  });

  it('a truncated JSON state is measured up to the cut and says where it stops', () => {
    const doc = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ v }));
    fc.assert(
      fc.property(doc, position, (json, where) => {
        const cut = json.slice(0, Math.floor(where * (json.length - 1)));
        const {
          bad: [event],
        } = runWithBad([sseExchange(uiRequest({ init: true }), [stateResponse('full', [cut])])]);
        expect(event!.problems.join('\n')).toMatch(/state class #1: invalid JSON at byte \d+/);
        expect(event!.mirror.stateBytes).toEqual([Buffer.byteLength(cut)]);
      }),
      params(),
    );
  });

  it('NaN and Infinity (Python json.dumps) are measured exactly, and a diff over them says the client cannot parse them', () => {
    const nonFinite = fc.constantFrom('NaN', 'Infinity', '-Infinity');
    fc.assert(
      fc.property(fc.array(nonFinite, { minLength: 1, maxLength: 5 }), fc.integer(), (values, n) => {
        const state = `{"xs": [${values.join(', ')}], "n": ${n}}`;
        const diff = JSON.stringify([{ path: ['n'], action: 'values_changed', value: n + 1 }]);
        const {
          bad: [full, patched],
        } = runWithBad([
          sseExchange(uiRequest({ init: true }), [stateResponse('full', [state])]),
          sseExchange(uiRequest({ userEvent: { states: [state], handlerId: 'h' } }), [stateResponse('diff', [diff])]),
        ]);
        expect(full!.mirror.stateBytes).toEqual([Buffer.byteLength(state)]);
        expect(patched!.problems.join('\n')).toMatch(/NaN\/Infinity/);
      }),
      params(),
    );
  });

  it('a diff that brings NaN or Infinity into a finite state says the client cannot parse it', () => {
    const nonFinite = fc.constantFrom('NaN', 'Infinity', '-Infinity');
    fc.assert(
      fc.property(nonFinite, fc.integer(), (value, n) => {
        const state = `{"n": ${n}}`;
        const diff = `[{"path": ["n"], "action": "values_changed", "value": ${value}}]`;
        const {
          bad: [full, patched],
        } = runWithBad([
          sseExchange(uiRequest({ init: true }), [stateResponse('full', [state])]),
          sseExchange(uiRequest({ userEvent: { states: [state], handlerId: 'h' } }), [stateResponse('diff', [diff])]),
        ]);
        expect(full!.problems).toEqual([]);
        expect(patched!.problems.join('\n')).toMatch(/NaN\/Infinity/);
      }),
      params(),
    );
  });
});

// --- diffs that do not apply ----------------------------------------------------------------------

type BadDiff = { kind: 'wrong-path' | 'wrong-type' | 'count' | 'not-json' | 'not-list' | 'junk-rows'; diffs: string[] };

const badDiff: fc.Arbitrary<BadDiff> = fc.oneof(
  fc.record({
    kind: fc.constant('wrong-path' as const),
    diffs: fc
      .string({ minLength: 1, maxLength: 8 })
      .map((k) => [JSON.stringify([{ path: ['missing', k, 'x'], action: 'values_changed', value: 1 }])]),
  }),
  fc.record({
    kind: fc.constant('wrong-type' as const),
    diffs: fc
      .constantFrom('iterable_item_added', 'iterable_item_removed')
      .map((action) => [JSON.stringify([{ path: ['name', 0], action, value: 1 }])]),
  }),
  fc.record({
    kind: fc.constant('count' as const),
    diffs: fc
      .integer({ min: 0, max: 4 })
      .filter((n) => n !== 1)
      .map((n) => Array.from({ length: n }, () => '[]')),
  }),
  fc.record({
    kind: fc.constant('not-json' as const),
    diffs: fc.constantFrom('[{"path": ["a"], "action": ', 'nope', '[}').map((d) => [d]),
  }),
  fc.record({
    kind: fc.constant('not-list' as const),
    diffs: fc.constantFrom('{}', '1', '"x"', 'null').map((d) => [d]),
  }),
  fc.record({
    kind: fc.constant('junk-rows' as const),
    diffs: fc
      .array(
        fc.oneof(
          fc.constant(null),
          fc.jsonValue({ maxDepth: 2 }),
          fc.record({ path: fc.constant('name'), action: fc.constant('values_changed') }),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((rows) => [JSON.stringify(rows)]),
  }),
);

describe('state diffs that do not apply', () => {
  it("are events with a reason; the mirror keeps the client's copy", () => {
    fc.assert(
      fc.property(badDiff, ({ kind, diffs }) => {
        const state = '{"name": "x", "items": [1, 2]}';
        const {
          bad: [, patched],
        } = runWithBad([
          sseExchange(uiRequest({ init: true }), [stateResponse('full', [state])]),
          sseExchange(uiRequest({ userEvent: { states: [state], handlerId: 'h' } }), [stateResponse('diff', diffs)]),
        ]);
        // Junk rows either fail the diff or are actions the client ignores: both are said.
        expect([kind, hasReason(patched!.problems)]).toEqual([kind, true]);
        // A diff that fails leaves the client's copy as it was; one whose rows were all ignored still
        // went through the client's parse and stringify, which holds the state compact from then on.
        const kept = [Buffer.byteLength(state)];
        const reserialized = [Buffer.byteLength(JSON.stringify(JSON.parse(state)))];
        expect(kind === 'junk-rows' ? [kept, reserialized] : [kept]).toContainEqual(patched!.mirror.stateBytes);
      }),
      params(),
    );
  });
});

describe('odd capture fields', () => {
  it('bad times, statuses and empty bodies never sink the report', () => {
    fc.assert(
      fc.property(
        fc.double(),
        fc.option(fc.double()),
        fc.option(fc.integer()),
        fc.constantFrom(null, ''),
        (startedAt, endedAt, status, body) => {
          const ex: Exchange = { ...sseExchange(body, body), startedAt };
          if (endedAt !== null) ex.endedAt = endedAt;
          else delete ex.endedAt;
          if (status !== null) ex.status = status;
          const {
            bad: [event],
          } = runWithBad([ex]);
          expect(hasReason(event!.problems)).toBe(true);
        },
      ),
      params(),
    );
  });

  it("a server error message is shown (it is the app's exception), and its event still decodes", () => {
    const {
      bad: [event],
    } = runWithBad([sseExchange(uiRequest({ init: true }), [errorResponse('boom'), stateResponse('full', ['{}'])])]);
    expect(event!.error).toBe('boom');
  });
});

it('sanity: the encoder writes what the decoder reads', () => {
  expect(decodeBase64(b64url(states(['{}']))).ok).toBe(true);
  expect(b64(renderResponse())).toMatch(/^[A-Za-z0-9+/=]+$/);
});
