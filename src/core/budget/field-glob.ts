/**
 * Field-path globs for budgets, over the paths `measureJson` reports (`history[3].content`,
 * `a["my key"]`):
 * - `[*]` any array index: `history[*].content` matches `history[0].content`, `history[7].content`;
 * - `*` one key: `*.image` matches `profile.image` but not `a.b.image`;
 * - `**` anything, across segments: `**.image` matches both.
 * Everything else is literal. Aggregate paths (`history[*]` sums) are not matched: a glob names
 * fields, and `of: "total"` sums them when that is what the budget means.
 */
export function checkFieldGlob(glob: string): string | undefined {
  if (glob.trim() === '') return 'empty field path';
  if (glob !== glob.trim()) return `field path "${glob}" has spaces around it`;
  let depth = 0;
  for (const ch of glob) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (depth < 0 || depth > 1) return `unbalanced brackets in "${glob}"`;
  }
  return depth === 0 ? undefined : `unbalanced brackets in "${glob}"`;
}

export function fieldGlobMatcher(glob: string): (path: string) => boolean {
  let source = '';
  for (let i = 0; i < glob.length;) {
    if (glob.startsWith('**', i)) {
      source += '.*';
      i += 2;
    } else if (glob.startsWith('[*]', i)) {
      source += '\\[\\d+\\]';
      i += 3;
    } else if (glob[i] === '*') {
      source += '[^.\\[\\]]+';
      i += 1;
    } else {
      source += glob[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
    }
  }
  const re = new RegExp(`^${source}$`);
  return (path) => !path.includes('[*]') && re.test(path);
}

/** Page-path globs for scopes: `*` within a segment, `**` across (`/chat/*`, `/admin/**`). */
export function pageGlobMatcher(glob: string): (path: string) => boolean {
  const source = glob
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  const re = new RegExp(`^${source}$`);
  return (path) => re.test(path);
}
