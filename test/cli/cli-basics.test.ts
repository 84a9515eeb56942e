// The CLI's front door: version, help, typos. In-process with a fake process (no browser, no app).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSER_CANDIDATES, findBrowser } from '../../src/cli/app/chromium';
import { missingModuleLine } from '../../src/cli/missing-module';
import { run } from '../../src/cli/run';
import { UserError } from '../../src/cli/user-error';
import { fakeProcess } from '../support/fake-process';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));

async function cli(...args: string[]) {
  const p = fakeProcess(args);
  const code = await run(p.proc);
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/** A user error: exit 2, one line on stderr, no stack, nothing on stdout. */
function expectOneLineError(r: { code: number; stdout: string; stderr: string }, message: RegExp) {
  expect(r).toMatchObject({ code: 2, stdout: '' });
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('version and help', () => {
  it.each(['--version', '-v'])("%s prints package.json's version", async (flag) => {
    expect(await cli(flag)).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help lists every command; no command at all is a usage error on stderr', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const name of ['analyze', 'check', 'demo', 'dev']) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const bare = await cli();
    expect(bare).toMatchObject({ code: 2, stdout: '' });
    expect(bare.stderr).toBe(help.stdout);
  });

  it.each(['analyze', 'check', 'demo', 'dev'])('help %s and %s --help print the same usage', async (name) => {
    const viaHelp = await cli('help', name);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toMatch(new RegExp(`^Usage: mesop-devtools ${name} `));
    expect(await cli(name, '--help')).toEqual(viaHelp);
  });

  it("a --help after dev's -- belongs to mesop, not to us", async () => {
    expectOneLineError(await cli('dev', '--', '--help'), /dev takes exactly one app file/);
  });
});

describe('typos', () => {
  it.each([
    [['chek'], /unknown command "chek" \(did you mean "check"\?/],
    [['analyse', 'x.har'], /unknown command "analyse" \(did you mean "analyze"\?/],
    [['help', 'dmeo'], /unknown command "dmeo" \(did you mean "demo"\?/],
    [['--verison'], /unknown option "--verison" \(did you mean "--version"\?/],
    [
      ['frobnicate'],
      /unknown command "frobnicate" \(commands: analyze, check, demo, dev, extension, load, mcp, merge-reports;/,
    ],
    [
      ['analyze', 'x.har', '--jsn'],
      /unknown option "--jsn" for analyze \(did you mean "--json"\? see mesop-devtools analyze --help\)/,
    ],
    [['check', '--chrom', '/x'], /unknown option "--chrom" for check \(did you mean "--chrome"\?/],
    [['check', '--baselin=b.json'], /unknown option "--baselin" for check \(did you mean "--baseline"\?/],
    [['analyze', 'x.har', '-x'], /unknown option "-x" for analyze \(see mesop-devtools analyze --help\)/],
    [['analyze', 'x.har', '--budget'], /--budget needs a value/],
    [['check', '--out', '--json'], /--out needs a value/],
    [['analyze', 'x.har', '--json=yes'], /--json takes no value/],
  ])('%j is one line with exit 2', async (args, message) => {
    expectOneLineError(await cli(...args), message);
  });
});

describe('the browser', () => {
  it('--chrome, --chromium and CHROME_PATH name it; a wrong one is one line naming where it came from', () => {
    expect(findBrowser({ chrome: process.execPath }, {})).toBe(process.execPath);
    expect(findBrowser({ chromium: process.execPath }, {})).toBe(process.execPath);
    expect(findBrowser({}, { CHROME_PATH: process.execPath })).toBe(process.execPath);
    expect(() => findBrowser({}, { CHROME_PATH: '/nope/chrome' })).toThrow(
      new UserError('browser-missing', 'no browser at /nope/chrome (from CHROME_PATH)'),
    );
  });

  it('looks for Google Chrome first, then Debian/Ubuntu Chromium', () => {
    expect(BROWSER_CANDIDATES.slice(0, 2)).toEqual(['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']);
    expect(BROWSER_CANDIDATES).toEqual(
      expect.arrayContaining(['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser']),
    );
    expect(BROWSER_CANDIDATES).toContain(findBrowser({}, {}));
  });
});

describe('a broken install', () => {
  it('names the missing runtime dependency and the exact version to install', () => {
    let error: unknown;
    try {
      require('puppeteer-core-not-installed-here');
    } catch (e) {
      error = e;
    }
    expect(missingModuleLine(error)).toBe(
      `mesop-devtools: cannot load the module "puppeteer-core-not-installed-here" (reinstall mesop-devtools ${pkg.version})`,
    );
    const missingPuppeteer = Object.assign(
      new Error("Cannot find module 'puppeteer-core'\nRequire stack:\n- /x/cli.js"),
      { code: 'MODULE_NOT_FOUND' },
    );
    expect(missingModuleLine(missingPuppeteer)).toBe(
      `mesop-devtools: cannot load the module "puppeteer-core" (reinstall mesop-devtools ${pkg.version} with its dependencies, or run: npm install puppeteer-core@${pkg.dependencies['puppeteer-core']})`,
    );
    expect(missingModuleLine(new Error('other'))).toBeUndefined();
  });
});
