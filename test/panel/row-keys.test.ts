import { countStartedBefore, RowKeys } from '../../panel/app/row-keys';

const row = (id: number, v = 0) => ({ id, v });
type Row = ReturnType<typeof row>;

it('computes keys only for rows it has not seen at the same place, and matches a full recompute', () => {
  const calls: number[] = [];
  const keyOf = (r: Row) => { calls.push(r.id); return `${r.id}:${r.v}`; };
  const keys = new RowKeys(keyOf);
  const rows = Array.from({ length: 5 }, (_, i) => row(i));
  expect(keys.of(rows)).toEqual(['0:0', '1:0', '2:0', '3:0', '4:0']);
  calls.length = 0;

  // Grew at the end: only the new rows.
  const grown = [...rows, row(5), row(6)];
  expect(keys.of(grown)).toEqual(grown.map((r) => `${r.id}:${r.v}`));
  expect(calls).toEqual([5, 6]);
  calls.length = 0;

  // The oldest two dropped (the memory bound) and one added: only the added one.
  const trimmed = [...grown.slice(2), row(7)];
  expect(keys.of(trimmed)).toEqual(trimmed.map((r) => `${r.id}:${r.v}`));
  expect(calls).toEqual([7]);
  calls.length = 0;

  // A row replaced by a new object (its merged form): it and the rows after it.
  const replaced = [...trimmed];
  replaced[2] = row(4, 1);
  expect(keys.of(replaced)).toEqual(replaced.map((r) => `${r.id}:${r.v}`));
  expect(calls).toEqual([4, 5, 6, 7]);
  calls.length = 0;

  // Cleared, then a new list: everything.
  expect(keys.of([])).toEqual([]);
  const fresh = [row(10), row(11)];
  expect(keys.of(fresh)).toEqual(['10:0', '11:0']);
  expect(calls).toEqual([10, 11]);
});

it('counts the rows started before a time by binary search', () => {
  const starts = [1, 3, 3, 7, 9];
  const rows = starts.map((s) => ({ s }));
  for (const t of [0, 1, 2, 3, 4, 7, 8, 9, 10]) {
    expect(countStartedBefore(rows, (r) => r.s, t)).toBe(starts.filter((s) => s < t).length);
  }
  expect(countStartedBefore([], () => 0, 5)).toBe(0);
});
