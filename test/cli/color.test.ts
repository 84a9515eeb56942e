/** Colour follows NO_COLOR / FORCE_COLOR and the terminal, and only paints the verdict words. */
import { colorEnabled, colorVerdicts, paint } from '../../src/cli/color';

const proc = (env: Record<string, string>, isTTY: boolean) => ({ env, stdout: { write: () => true, isTTY } });

it.each([
  [{}, true, true],
  [{}, false, false],
  [{ NO_COLOR: '1' }, true, false],
  [{ NO_COLOR: '' }, true, true], // no-color.org: only a non-empty value counts
  [{ FORCE_COLOR: '1' }, false, true],
  [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
  [{ FORCE_COLOR: '0' }, true, false],
  [{ TERM: 'dumb' }, true, false],
])('env %j, TTY %s -> colour %s', (env, tty, expected) => {
  expect(colorEnabled(proc(env as Record<string, string>, tty))).toBe(expected);
});

it('paints verdict words at the start of a line and leaves the rest as it was', () => {
  const text =
    'check FAILED: 1 error budget(s) over\n  FAIL  server-errors: 1\n  pass  request-bytes: FAIL inside\nWARN  growth';
  const red = colorVerdicts(text, paint(true));
  expect(red).toContain('\x1b[1m\x1b[31mcheck FAILED\x1b[39m\x1b[22m');
  expect(red).toContain('  \x1b[31mFAIL\x1b[39m  server-errors');
  expect(red).toContain('  \x1b[32mpass\x1b[39m  request-bytes: FAIL inside');
  // eslint-disable-next-line no-control-regex -- ESC starts the ANSI colour codes under test
  expect(red.replace(/\x1b\[\d+m/g, '')).toBe(text);
  expect(colorVerdicts(text, paint(false))).toBe(text);
});
