/**
 * The state the load app holds, in Python's json.dumps style (", " and ": " separators), so its
 * UTF-8 size is known exactly: `{"count": N, "messages": [{"role": ..., "content": ...}, ...]}`.
 * Only `count` changes between events (a diff `values_changed` sets it), so every event uploads the
 * whole state, exactly what a Mesop app without a session backend does.
 */
export type LoadSize = 'big' | 'small';

/** Bytes of the state's messages part: ~200 kB for `big`, ~150 B for `small`. */
export const STATE_TARGET: Record<LoadSize, number> = { big: 200_000, small: 120 };

const WORDS = 'the state of a mesop app is sent up and down on every click so big histories make it slow'.split(' ');

/** The fixed part after `count` (deterministic). */
export function messagesJson(size: LoadSize): string {
  const items: string[] = [];
  let len = 0;
  let i = 0;
  const target = STATE_TARGET[size];
  while (len < target) {
    const words: string[] = [];
    const n = size === 'big' ? 150 : 6;
    for (let k = 0; k < n; k++) words.push(WORDS[(i * 7 + k * 3) % WORDS.length]!);
    const item = `{"role": "${i % 2 ? 'assistant' : 'user'}", "content": "${words.join(' ')}"}`;
    items.push(item);
    len += item.length + 2;
    i++;
  }
  return `[${items.join(', ')}]`;
}

export const stateJson = (count: number, messages: string): string => `{"count": ${count}, "messages": ${messages}}`;

/** The diff Mesop sends when only `count` changed. */
export const countDiff = (count: number): string =>
  `[{"path": ["count"], "action": "values_changed", "value": ${count}}]`;
