/**
 * Mesop serializes state with Python's `json.dumps`, which writes `NaN`, `Infinity` and
 * `-Infinity` for non-finite floats (docs/protocol.md §4). `JSON.parse` rejects them; Mesop's own
 * client would fail on such a state. We parse them as `null` — what `JSON.stringify` would write
 * for them anyway — and say so.
 */
export type TolerantParse = { ok: true; value: unknown; nonFinite: boolean } | { ok: false; reason: string };

export function parseJsonTolerant(text: string): TolerantParse {
  try {
    return { ok: true, value: JSON.parse(text), nonFinite: false };
  } catch (first) {
    const replaced = replaceNonFinite(text);
    if (replaced === text) return { ok: false, reason: withoutExcerpt(first) };
    try {
      return { ok: true, value: JSON.parse(replaced), nonFinite: true };
    } catch (e) {
      return { ok: false, reason: withoutExcerpt(e) };
    }
  }
}

/**
 * V8's JSON.parse messages quote the text around the error (`Unexpected token 'x', "{"api_key":
 * "sk-..."... is not valid JSON`): that is a state value, and these reasons end up in exported
 * reports, which must not contain state values. Keep the kind of error, drop the excerpt.
 */
function withoutExcerpt(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const cut = message.search(/,? ?(\.\.\.)?"/);
  if (cut < 0) return message;
  return cut === 0 ? 'not valid JSON' : `${message.slice(0, cut)} (not valid JSON)`;
}

/** Replaces NaN / Infinity / -Infinity tokens outside strings with null. */
function replaceNonFinite(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    for (const token of ['-Infinity', 'Infinity', 'NaN']) {
      if (text.startsWith(token, i)) {
        out += text.slice(last, i) + 'null';
        i += token.length - 1;
        last = i + 1;
        break;
      }
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
