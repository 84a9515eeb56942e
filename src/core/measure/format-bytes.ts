/**
 * Human byte counts the way Chrome DevTools' Network panel prints them (decimal SI:
 * `Platform.NumberUtilities.bytesToString`): "512 B", "12.3 kB", "123 kB", "1.9 MB". Same units in
 * the panel, the CLI and the reports, so numbers can be compared with the Network tab by eye.
 */
const UNITS = ['kB', 'MB', 'GB', 'TB'];

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n < 0) return `-${formatBytes(-n)}`;
  if (n < 1000) return `${Math.round(n)} B`;
  let value = n / 1000;
  let unit = 0;
  // Round first, then check the unit: 999,960 B is "1.0 MB", not "1000 kB".
  for (;;) {
    const digits = value < 99.95 ? 1 : 0;
    const rounded = Number(value.toFixed(digits));
    if (rounded >= 1000 && unit < UNITS.length - 1) {
      value /= 1000;
      unit++;
      continue;
    }
    return `${rounded.toFixed(digits)} ${UNITS[unit]}`;
  }
}
