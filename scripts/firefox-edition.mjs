// The Firefox edition of the built extension: the same files as dist/extension/, with the
// manifest Firefox needs. One source of truth: manifest.json (Chrome's); this file states only
// what differs, and why.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The add-on's id in Firefox (an id is required to sign it, and for storage to survive updates). */
export const GECKO_ID = 'mesop-devtools@mesop-devtools';
/**
 * Firefox 128 is the first to run manifest content scripts in the page's main world
 * (`"world": "MAIN"`), which the page hook needs (docs/extension-capture.md); 140 (an ESR) the
 * first to read `data_collection_permissions`, which Mozilla asks every new add-on to declare.
 */
export const FIREFOX_MIN_VERSION = '140.0';
/**
 * Firefox for Android reads `data_collection_permissions` from 142. The add-on has nothing to do
 * there (no DevTools), but without this key the linter applies the desktop minimum to Android too.
 */
export const FIREFOX_ANDROID_MIN_VERSION = '142.0';

/** Chrome's manifest (parsed) -> Firefox's. */
export function firefoxManifest(chrome) {
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = chrome;
  return {
    ...rest,
    description: rest.description.replace('Chrome DevTools', 'Firefox DevTools'),
    // Firefox has no extension service worker: the same script runs as a background script
    // (an event page, which Firefox may stop when idle: relay-pipe.ts and the dev-mode port reconnect).
    background: { scripts: [background.service_worker] },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // What Mozilla asks every new add-on to declare: nothing leaves the browser (reports
        // are files the user saves; no request goes anywhere but the inspected page).
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
    },
  };
}

/** Writes `firefoxDir` from the built Chrome extension in `chromeDir`. */
export function writeFirefoxEdition(chromeDir, firefoxDir) {
  rmSync(firefoxDir, { recursive: true, force: true });
  cpSync(chromeDir, firefoxDir, { recursive: true });
  const chrome = JSON.parse(readFileSync(join(chromeDir, 'manifest.json'), 'utf8'));
  writeFileSync(join(firefoxDir, 'manifest.json'), `${JSON.stringify(firefoxManifest(chrome), null, 2)}\n`);
}
