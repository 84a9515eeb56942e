/**
 * The page hook's registrations on granted sites (src/extension/site-hook-scripts.ts), from the
 * built manifest's own content scripts: same files, world and run_at, on the granted sites only.
 * The browser side (registering, a restart, removals) is test/extension/site-access.e2e.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  grantedSites,
  siteHookScripts,
  SITE_HOOK_ID_PREFIX,
  type DeclaredScript,
} from '../../src/extension/site-hook-scripts';

const declared = (
  JSON.parse(readFileSync(join(__dirname, '../../manifest.json'), 'utf8')) as { content_scripts: DeclaredScript[] }
).content_scripts;
const local = declared[0]!.matches!;

it('the granted sites are the granted origins no declared script covers, each once, sorted', () => {
  const origins = [...local, 'https://b.example/*', 'http://a.example:8080/*', 'https://b.example/*'];
  expect(grantedSites(origins, declared)).toEqual(['http://a.example:8080/*', 'https://b.example/*']);
  expect(grantedSites(local, declared)).toEqual([]);
});

it('registers each declared script, as declared, on the granted sites only', () => {
  const sites = ['https://app.example/*'];
  const scripts = siteHookScripts(declared, sites);
  expect(
    scripts.map(({ js, runAt, world, matches, persistAcrossSessions }) => ({
      js,
      runAt,
      world,
      matches,
      persistAcrossSessions,
    })),
  ).toEqual([
    { js: ['main-world-hook.js'], runAt: 'document_start', world: 'MAIN', matches: sites, persistAcrossSessions: true },
    {
      js: ['content-relay.js'],
      runAt: 'document_start',
      world: 'ISOLATED',
      matches: sites,
      persistAcrossSessions: true,
    },
  ]);
  const ids = scripts.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.every((id) => id.startsWith(SITE_HOOK_ID_PREFIX))).toBe(true);
});

it('defaults as the manifest does: isolated world, document_idle', () => {
  expect(siteHookScripts([{ js: ['x.js'] }], ['https://a.example/*'])[0]).toMatchObject({
    world: 'ISOLATED',
    runAt: 'document_idle',
  });
});
