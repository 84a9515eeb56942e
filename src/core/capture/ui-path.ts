/**
 * Mesop's UI endpoint. Since 1.x the client prefixes a base path (`/<base>/__ui__`), so match
 * paths that END with it (docs/protocol.md §1). Query strings are ignored.
 */
export function isUiUrl(url: string): boolean {
  const path = url.replace(/[?#].*$/, '');
  return path.endsWith('/__ui__');
}
