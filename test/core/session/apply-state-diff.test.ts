import { applyStateDiff } from '../../../src/core/session/apply-state-diff';

const apply = (state: unknown, diff: unknown[]) => {
  const r = applyStateDiff(JSON.stringify(state), JSON.stringify(diff));
  if (!r.ok) throw new Error(r.reason);
  return JSON.parse(r.state);
};

describe('applyStateDiff (Mesop client semantics)', () => {
  it('leaves the exact text alone for an empty diff', () => {
    const text = '{"a": 1, "b": [1, 2]}';
    expect(applyStateDiff(text, '[]')).toEqual({ ok: true, state: text, notes: [], desyncs: [] });
  });

  it('re-serializes compactly after a change', () => {
    expect(applyStateDiff('{"a": 1, "b": "x"}', '[{"path": ["a"], "action": "values_changed", "value": 2}]')).toEqual({
      ok: true,
      state: '{"a":2,"b":"x"}',
      notes: [],
      desyncs: [],
    });
  });

  it('applies removals first, in reverse, then additions', () => {
    const out = apply({ items: ['a', 'b', 'c', 'd'] }, [
      { path: ['items', 1], action: 'iterable_item_removed', value: 'b' },
      { path: ['items', 2], action: 'iterable_item_removed', value: 'c' },
      { path: ['items', 2], action: 'iterable_item_added', value: 'X' },
    ]);
    expect(out).toEqual({ items: ['a', 'd', 'X'] });
  });

  it('handles dicts, sets, nested paths and type changes', () => {
    const out = apply({ d: { k: 1 }, tags: { '__python.set__': ['t1'] }, n: { m: [{ v: 1 }] } }, [
      { path: ['d', 'k2'], action: 'dictionary_item_added', value: 2 },
      { path: ['d', 'k'], action: 'dictionary_item_removed', value: 1 },
      { path: ['tags', '__python.set__'], action: 'set_item_added', value: 't2' },
      { path: ['tags', '__python.set__'], action: 'set_item_removed', value: 't1' },
      { path: ['n', 'm', 0, 'v'], action: 'type_changes', value: 'one', type: 'str', old_type: 'int' },
    ]);
    expect(out).toEqual({ d: { k2: 2 }, tags: { '__python.set__': ['t2'] }, n: { m: [{ v: 'one' }] } });
  });

  it('says why a diff does not apply instead of throwing', () => {
    const r = applyStateDiff('{"a": 1}', '[{"path": ["x", "y"], "action": "values_changed", "value": 2}]');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/does not apply/);
  });

  it('tolerates Python NaN and Infinity and notes it', () => {
    const r = applyStateDiff(
      '{"a": NaN, "b": -Infinity, "s": "NaN"}',
      '[{"path": ["c"], "action": "dictionary_item_added", "value": 1}]',
    );
    expect(r).toEqual({
      ok: true,
      state: '{"a":null,"b":null,"s":"NaN","c":1}',
      notes: [expect.stringMatching(/NaN/)],
      desyncs: [],
    });
  });
});
