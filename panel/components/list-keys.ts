/** Keyboard movement in an ordered list of ids: the next selected id, or undefined for other keys. */
export function moveSelection(
  order: readonly number[],
  selected: number | undefined,
  key: string,
  page: number,
): number | undefined {
  if (order.length === 0) return undefined;
  const pos = selected === undefined ? -1 : order.indexOf(selected);
  const at = (p: number) => order[Math.max(0, Math.min(order.length - 1, p))];
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return at(pos + 1);
    case 'ArrowUp':
    case 'k':
      return at(pos < 0 ? 0 : pos - 1);
    case 'PageDown':
      return at(pos + Math.max(1, page));
    case 'PageUp':
      return at(pos - Math.max(1, page));
    case 'Home':
      return at(0);
    case 'End':
      return at(order.length - 1);
    default:
      return undefined;
  }
}
