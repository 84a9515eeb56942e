/**
 * The built extension runs no code it did not ship: a strict CSP for its pages, no eval or
 * Function constructor in its bundles, no remote script, and no permission it does not use.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const EXT = join(__dirname, '../../dist/extension');
const manifest = JSON.parse(readFileSync(join(EXT, 'manifest.json'), 'utf8'));
const bundles = readdirSync(EXT).filter((f) => f.endsWith('.js'));

it('has a strict CSP for its pages, and no other way in', () => {
  // Only the pages' policy: a `sandbox` policy would allow eval in sandboxed pages.
  expect(Object.keys(manifest.content_security_policy)).toEqual(['extension_pages']);
  // No page or resource web pages can load, no message channel from web pages (another extension
  // could still connect, but nothing listens: no onMessageExternal / onConnectExternal), no API
  // permission to ask for later (the one optional host permission is tested below).
  for (const key of ['sandbox', 'externally_connectable', 'web_accessible_resources', 'optional_permissions']) {
    expect([key, manifest[key]]).toEqual([key, undefined]);
  }
  const csp: string = manifest.content_security_policy.extension_pages;
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).toMatch(/object-src 'none'/);
  expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
});

it('asks for no host permissions at install, and other sites only on request', () => {
  // `scripting` registers the page hook on a site the user granted from the panel; it adds no
  // install warning (test/extension/site-access.e2e.test.ts compares Chrome's warnings). `storage`
  // keeps the page backlog's cap (a panel setting) where each page's relay can read it; no warning either.
  expect(manifest.permissions).toEqual(['scripting', 'storage']);
  expect(manifest.host_permissions).toEqual([]);
  // Asked for one origin at a time, in the panel's button (docs/extension-capture.md, "Other sites").
  expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
  // Local hosts only, plain http (what `mesop main.py` serves): both scripts on each of them.
  const local = [
    'http://*.localhost/*',
    'http://0.0.0.0/*',
    'http://127.0.0.1/*',
    'http://[::1]/*',
    'http://localhost/*',
  ];
  for (const script of manifest.content_scripts as { matches: string[] }[])
    expect([...script.matches].sort()).toEqual(local);
  expect(manifest.content_scripts).toHaveLength(2);
});

it.each(bundles)('%s has no eval, Function constructor or remote script', (file) => {
  // The allowed uses: the DevTools API that runs a fixed expression in the inspected page, and two
  // words of webextension-polyfill that are neither: the name of that API in its table of promise
  // wrappers (a property key), and Function.call.bind (a bound hasOwnProperty, not the Function
  // constructor).
  const code = readFileSync(join(EXT, file), 'utf8')
    .replaceAll('inspectedWindow.eval("performance.timeOrigin"', '')
    .replaceAll('inspectedWindow.eval("location.origin"', '')
    .replaceAll('inspectedWindow:{eval:{minArgs:1,maxArgs:2,singleCallbackArg:!1}}', '')
    .replaceAll('Function.call.bind(Object.prototype.hasOwnProperty)', '')
    // The Recorder replay's step scripts (panel/transport/extension/replay-step-script.ts): fixed
    // templates with the recording's selectors and values JSON-encoded, run in the inspected page
    // by the DevTools API, once per step; one call site, whose argument is a variable.
    .replace(/inspectedWindow\.eval\([\w$]+\)/, '')
    // The Performance track's writer (panel/state/perf-track-writer.ts trackScript): a fixed template
    // with the entries JSON-encoded, run in the inspected page only while a recording runs.
    .replace(/inspectedWindow\.eval\([\w$]+\([\w$]+,[\w$]+\)\)/, '');
  // Any other mention of eval or Function (globalThis.eval, (0, eval)(...), a constructor reached
  // by name) fails: main-world-hook.js runs under the page's CSP, not ours, so this is its only guard.
  expect(code.match(/\beval\b/g)).toBeNull();
  expect(code.match(/\bFunction\b/g)).toBeNull();
  expect(code).not.toMatch(/set(Timeout|Interval)\(\s*["'`]/); // a string timer is eval too
  expect(code).not.toMatch(/importScripts\(|import\(\s*["'`]https?:/);
});

it('its HTML pages load only their own scripts', () => {
  for (const page of readdirSync(EXT).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(EXT, page), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*src=)/); // no inline script
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//); // nothing from another host, with or without a scheme
    expect(html).not.toMatch(/\son[a-z]+=/); // no inline handler
  }
});
