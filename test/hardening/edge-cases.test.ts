/**
 * Single big or extreme inputs the property test cannot afford many of: JSON nested 100,000 levels
 * (valid and cut off) as a full state and under a diff, and huge strings. Same invariants
 * (support/harness.ts): nothing thrown, nothing lost, a reason on the event, the session goes on.
 */
import { runWithBad } from './support/harness';
import { sseExchange, stateResponse, uiRequest } from './support/mesop-encode';

const DEPTH = 100_000;
const deep = '['.repeat(DEPTH) + ']'.repeat(DEPTH);

describe('100,000 levels of nesting inside a well-formed protobuf', () => {
  it('as a full state: measured, with a reason for what is not listed', () => {
    const {
      bad: [event],
    } = runWithBad([sseExchange(uiRequest({ init: true }), [stateResponse('full', [deep])])]);
    expect(event!.mirror.stateBytes).toEqual([2 * DEPTH]);
    expect(event!.problems.join('\n')).toMatch(/nested deeper than 64 levels/);
  });

  it('cut off: the event says where the JSON stops', () => {
    const {
      bad: [event],
    } = runWithBad([sseExchange(uiRequest({ init: true }), [stateResponse('full', ['{"a": ' + '['.repeat(DEPTH)])])]);
    expect(event!.problems.join('\n')).toMatch(/invalid JSON at byte 100006: unexpected end of text/);
  });

  it('a diff applied over it cannot be re-serialized by JSON.stringify: a reason, not a crash', () => {
    const state = `{"n": 1, "deep": ${deep}}`;
    const diff = JSON.stringify([{ path: ['n'], action: 'values_changed', value: 2 }]);
    const {
      bad: [, patched],
    } = runWithBad([
      sseExchange(uiRequest({ init: true }), [stateResponse('full', [state])]),
      sseExchange(uiRequest({ userEvent: { states: [state], handlerId: 'h' } }), [stateResponse('diff', [diff])]),
    ]);
    expect(patched!.problems.join('\n')).toMatch(/state class #1: patched state cannot be re-serialized/);
    expect(patched!.mirror.stateBytes).toEqual([Buffer.byteLength(state)]); // the client's copy is kept
  });

  it("as a diff: a reason, and the client's copy is kept", () => {
    const {
      bad: [, patched],
    } = runWithBad([
      sseExchange(uiRequest({ init: true }), [stateResponse('full', ['{}'])]),
      sseExchange(uiRequest({ userEvent: { states: ['{}'], handlerId: 'h' } }), [stateResponse('diff', [deep])]),
    ]);
    // Its one row is a list, not a diff row: an action Mesop's client ignores.
    expect(patched!.problems).toEqual([
      'state class #1: diff action "undefined" is ignored (Mesop\'s client ignores it too)',
    ]);
    expect(patched!.mirror.stateBytes).toEqual([2]);
  });

  const deepObject = '{"a": '.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);

  it('objects, as a full state: measured exactly, with a reason for what is not listed', () => {
    const {
      bad: [event],
    } = runWithBad([sseExchange(uiRequest({ init: true }), [stateResponse('full', [deepObject])])]);
    expect(event!.mirror.stateBytes).toEqual([deepObject.length]);
    expect(event!.problems.join('\n')).toMatch(/nested deeper than 64 levels/);
  });

  it('objects, as an uploaded state: sized exactly', () => {
    const {
      bad: [event],
    } = runWithBad([
      sseExchange(uiRequest({ userEvent: { states: [deepObject], handlerId: 'h' } }), [stateResponse('full', ['{}'])]),
    ]);
    expect(event!.request.stateBytes).toEqual([deepObject.length]);
    expect(event!.request.stateUpload).toBe('full');
  });
});

describe('100,000 nested protobuf groups (deeper than the call stack)', () => {
  it('as a request and as a response message: a reason, not an exception', () => {
    const groups = Uint8Array.from([...Array(DEPTH).fill(0x2b), ...Array(DEPTH).fill(0x2c)]); // field 5, start / end
    const {
      bad: [event],
    } = runWithBad([sseExchange(groups, [groups])]);
    expect(event!.problems.join('\n')).toMatch(/request protobuf: malformed protobuf at byte 0: /);
    expect(event!.problems.join('\n')).toMatch(/response protobuf: malformed protobuf at byte 0: /);
  });
});

describe('huge strings', () => {
  it('a 20 MB string value is sized exactly (UTF-8, non-ASCII included)', () => {
    const big = 'é'.repeat(5_000_000) + 'a'.repeat(10_000_000);
    const state = JSON.stringify({ text: big, n: 1 });
    const {
      bad: [event],
      analysis,
    } = runWithBad([sseExchange(uiRequest({ init: true }), [stateResponse('full', [state])])]);
    expect(event!.mirror.stateBytes).toEqual([Buffer.byteLength(state)]);
    expect(event!.response.stateBytes).toEqual([Buffer.byteLength(state)]);
    expect(analysis.topFields[event!.index]![0]).toMatchObject({
      path: 'text',
      bytes: Buffer.byteLength(JSON.stringify(big)),
    });
    expect(event!.problems).toEqual([]);
  });

  it('a huge key and a huge handler id do not break the report', () => {
    const key = 'k'.repeat(1_000_000);
    const {
      bad: [event],
    } = runWithBad([
      sseExchange(
        uiRequest({ userEvent: { states: [JSON.stringify({ [key]: 1 })], handlerId: 'h'.repeat(1_000_000) } }),
        [stateResponse('full', [JSON.stringify({ [key]: 1 })])],
      ),
    ]);
    expect(event!.request.stateBytes).toEqual([key.length + 6]); // {"<key>":1};
  });
});
