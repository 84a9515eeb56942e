/**
 * The built extension runs no code it did not ship: a strict CSP for its pages, no eval or
 * Function constructor in its bundles, no remote script, and no permission it does not use.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const EXT = join(__dirname, '../../dist/extension');
const manifest = JSON.parse(readFileSync(join(EXT, 'manifest.json'), 'utf8'));
const bundles = readdirSync(EXT).filter((f) => f.endsWith('.js'));

it('has a strict CSP for its pages', () => {
  const csp: string = manifest.content_security_policy.extension_pages;
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).toMatch(/object-src 'none'/);
  expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
});

it('asks for no permissions and no host permissions', () => {
  expect(manifest.permissions).toEqual([]);
  expect(manifest.host_permissions).toEqual([]);
  expect(manifest.content_scripts.flatMap((c: { matches: string[] }) => c.matches).sort())
    .toEqual(['http://127.0.0.1/*', 'http://127.0.0.1/*', 'http://localhost/*', 'http://localhost/*']);
});

it.each(bundles)('%s has no eval, Function constructor or remote script', (file) => {
  const code = readFileSync(join(EXT, file), 'utf8');
  // `inspectedWindow.eval(...)` is the DevTools API that runs a fixed expression in the page.
  expect(code.match(/(?<![.\w])eval\(/g)).toBeNull();
  expect(code).not.toMatch(/new Function\(|Function\(\s*["'`]/);
  expect(code).not.toMatch(/importScripts\(\s*["'`]https?:|import\(\s*["'`]https?:/);
});

it('its HTML pages load only their own scripts', () => {
  for (const page of readdirSync(EXT).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(EXT, page), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*src=")/); // no inline script
    expect(html).not.toMatch(/src="https?:/);
  }
});
