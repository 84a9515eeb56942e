import browser from 'webextension-polyfill';
import type { SiteHooksState, SiteHooksSync } from '../../../src/extension/protocol';
import type { SiteAccess } from '../transport';

/**
 * The panel's side of the full capture on other sites (docs/extension-capture.md, "Other sites"):
 * the grant is asked here, in the user's click (the browser's prompt needs a user gesture, which a
 * message to the service worker would lose); the service worker (src/extension/site-hooks.ts)
 * registers or unregisters the hook and says where it runs.
 */
export class ExtensionSiteAccess implements SiteAccess {
  async inspected(): Promise<{ site: string; granted: boolean } | undefined> {
    // [result, exceptionInfo] from webextension-polyfill and Firefox; Chrome's own `browser`
    // namespace (which the polyfill hands back when the browser has one) resolves with the result alone.
    const answer: unknown = await browser.devtools.inspectedWindow.eval('location.origin').catch(() => undefined);
    const origin = Array.isArray(answer) ? answer[0] : answer;
    const site = typeof origin === 'string' ? sitePattern(origin) : undefined;
    if (!site) return undefined;
    return { site, granted: await browser.permissions.contains({ origins: [site] }) };
  }

  request(site: string): Promise<SiteHooksState | undefined> {
    // permissions.request runs synchronously inside this call, so still within the click.
    return browser.permissions.request({ origins: [site] }).then((granted) => (granted ? this.sites() : undefined));
  }

  async remove(site: string): Promise<SiteHooksState> {
    await browser.permissions.remove({ origins: [site] });
    return this.sites();
  }

  sites(): Promise<SiteHooksState> {
    return browser.runtime.sendMessage({ kind: 'site-hooks-sync' } satisfies SiteHooksSync) as Promise<SiteHooksState>;
  }
}

/**
 * A page origin's pattern, that origin only (port included: Chrome's match patterns honour it),
 * e.g. `http://devbox.example.test:8080/*`. Undefined where no content script can run.
 */
export function sitePattern(origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? `${url.origin}/*` : undefined;
}
