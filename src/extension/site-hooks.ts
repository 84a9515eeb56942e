/**
 * Service-worker side of the full capture on other sites (docs/extension-capture.md, "Other
 * sites"): keeps the page hook's registered content scripts equal to the origins the user granted.
 * It syncs at every start of the worker (a permission removed in chrome://extensions while it was
 * stopped leaves no script behind; an extension update, which clears registered scripts, gets them
 * back), on `permissions.onAdded` / `onRemoved`, and when a panel asks (after its grant or removal),
 * answering with the sites the hook is registered on. Syncs run one after another.
 */
import browser from 'webextension-polyfill';
import type { SiteHooksState, SiteHooksSync } from './protocol';
import { grantedSites, siteHookScripts, SITE_HOOK_ID_PREFIX, type DeclaredScript } from './site-hook-scripts';

let last: Promise<SiteHooksState> = Promise.resolve({ sites: [] });

export function syncSiteHooks(): Promise<SiteHooksState> {
  last = last
    .then(syncOnce, syncOnce)
    .catch((e: unknown) => ({ sites: [], error: e instanceof Error ? e.message : String(e) }));
  return last;
}

async function syncOnce(): Promise<SiteHooksState> {
  const declared = (browser.runtime.getManifest().content_scripts ?? []) as DeclaredScript[];
  const { origins = [] } = await browser.permissions.getAll();
  const sites = grantedSites(origins, declared);
  const wanted = siteHookScripts(declared, sites);
  const ours = (await browser.scripting.getRegisteredContentScripts()).filter((s) =>
    s.id.startsWith(SITE_HOOK_ID_PREFIX),
  );
  const stale = ours.filter((s) => sites.length === 0 || !wanted.some((w) => w.id === s.id));
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale.map((s) => s.id) });
  if (sites.length === 0) return { sites };
  const registered = new Set(ours.map((s) => s.id));
  const update = wanted.filter((w) => registered.has(w.id));
  const add = wanted.filter((w) => !registered.has(w.id));
  if (update.length > 0) await browser.scripting.updateContentScripts(update);
  if (add.length > 0) await browser.scripting.registerContentScripts(add);
  return { sites };
}

export function startSiteHooks(): void {
  const sync = () => {
    void syncSiteHooks();
  };
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  // Listeners for these wake the worker when the browser starts and after an install or update.
  browser.runtime.onStartup.addListener(sync);
  browser.runtime.onInstalled.addListener(sync);
  // Answered with sendResponse (not a returned promise): the one form every browser's own
  // `runtime.onMessage` and webextension-polyfill all accept.
  browser.runtime.onMessage.addListener(((
    msg: unknown,
    sender: browser.Runtime.MessageSender,
    sendResponse: (state: SiteHooksState) => void,
  ) => {
    if ((msg as SiteHooksSync | undefined)?.kind !== 'site-hooks-sync' || sender.id !== browser.runtime.id)
      return false;
    void syncSiteHooks().then(sendResponse);
    return true;
  }) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  sync();
}
