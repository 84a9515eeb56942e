import { parseSize } from '../../../src/core/config/size';

describe('parseSize', () => {
  it.each([
    ['250 kB', 250_000],
    ['1 MB', 1_000_000],
    ['512 KiB', 524_288],
    ['3 MiB', 3_145_728],
    ['100 B', 100],
    ['1.5 MB', 1_500_000],
    ['250kB', 250_000],
    ['42', 42],
    [1234, 1234],
    ['1 GiB', 1024 ** 3],
  ])('%p is %d bytes', (input, bytes) => {
    expect(parseSize(input)).toEqual({ ok: true, bytes });
  });

  it('rejects "250 kb" (kilobits in networking) and suggests kB, naming every valid unit', () => {
    const r = parseSize('250 kb');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe('unknown size unit "kb" in "250 kb"');
    expect(r.fix).toContain('did you mean "250 kB"?');
    expect(r.fix).toContain('valid units: B, kB, MB, GB, KiB, MiB, GiB');
  });

  it('rejects the ambiguous "KB" and a misspelled "MiBs"', () => {
    expect(parseSize('10 KB')).toMatchObject({ ok: false, fix: expect.stringContaining('did you mean "10 kB"?') });
    expect(parseSize('3 MiBs')).toMatchObject({ ok: false, fix: expect.stringContaining('did you mean "3 MiB"?') });
  });

  it('rejects what is not a size', () => {
    expect(parseSize('big')).toMatchObject({ ok: false, error: '"big" is not a size' });
    expect(parseSize(-1)).toMatchObject({ ok: false });
    expect(parseSize(null)).toMatchObject({ ok: false, error: 'expected a size, got null' });
  });
});
