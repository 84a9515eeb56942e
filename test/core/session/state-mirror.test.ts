/**
 * The mirror's byte counts: a full state's known UTF-8 length (its protobuf payload's) is used as
 * given, and any state the mirror itself produced (a diff applied, an upload observed) is counted.
 * Every count must equal TextEncoder's, whichever way it was obtained.
 */
import { StateMirror } from '../../../src/core/session/state-mirror';

const utf8 = (s: string) => new TextEncoder().encode(s).length;

it('uses the known length of a full state and counts what a diff produced', () => {
  const mirror = new StateMirror();
  const states = ['{"name": "\\u00e9t\\u00e9"}', '{"city": "Zürich"}'];
  mirror.applyFull(states, [utf8(states[0]!), undefined]);
  expect(mirror.stateBytes).toEqual(states.map(utf8));

  const diff = JSON.stringify([{ path: ['city'], action: 'values_changed', value: 'Genève 🙂' }]);
  expect(mirror.applyDiff(['[]', diff])).toEqual([]);
  expect(mirror.states[1]).toBe('{"city":"Genève 🙂"}');
  expect(mirror.stateBytes).toEqual(mirror.states.map(utf8));
});

it('counts an observed upload, and keeps the counts of a rejected diff', () => {
  const mirror = new StateMirror();
  mirror.observeUpload(['{"a": "ü"}']);
  expect(mirror.stateBytes).toEqual([utf8('{"a": "ü"}')]);
  expect(mirror.applyDiff(['[]', '[]'])).toHaveLength(1);
  expect(mirror.stateBytes).toEqual([utf8('{"a": "ü"}')]);
});

it('lends a full state its UTF-8 bytes until the state is patched or the bytes are released', () => {
  const mirror = new StateMirror();
  const states = ['{"a": 1}', '{"city": "Zürich"}'];
  const bytes = states.map((s) => new TextEncoder().encode(s));
  mirror.applyFull(
    states,
    bytes.map((b) => b.length),
    bytes,
  );
  expect(mirror.stateUtf8).toEqual(bytes);

  const diff = JSON.stringify([{ path: ['city'], action: 'values_changed', value: 'Genève' }]);
  expect(mirror.applyDiff(['[]', diff])).toEqual([]);
  // Class 1 changed: its bytes are no longer its text's; class 0 did not change.
  expect(mirror.stateUtf8).toEqual([bytes[0], undefined]);

  mirror.releaseUtf8();
  expect(mirror.stateUtf8).toEqual([]);
});
