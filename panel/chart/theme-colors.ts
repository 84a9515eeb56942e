/**
 * The panel's CSS colour variables, read once per theme. getComputedStyle right after Preact wrote
 * to the DOM forces a style recalculation; the chart asked for nine colours on every update while
 * events streamed in. The theme is fixed for the panel's life (DevTools reloads it on a change).
 */
const cache = new Map<string, Map<string, string>>();

export function themeColor(theme: string, name: string): string {
  let colors = cache.get(theme);
  if (!colors) cache.set(theme, (colors = new Map()));
  let c = colors.get(name);
  if (c === undefined) {
    c = getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
    // An empty value means the stylesheet was not applied yet: do not remember the fallback.
    if (c !== '#888') colors.set(name, c);
  }
  return c;
}
