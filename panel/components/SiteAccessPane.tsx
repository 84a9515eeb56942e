import { useEffect, useState } from 'preact/hooks';
import type { SiteHooksState } from '../../src/extension/protocol';
import type { SiteAccess } from '../transport/transport';

interface Props {
  access: SiteAccess;
  /** DevTools' network log shows Mesop events, and no page hook said hello in this page. */
  missingHook: boolean;
  onReload?: () => void;
}

/**
 * The full capture on a site the extension does not cover by default (a deployed app): a banner
 * with one button that asks the browser for this origin only and registers the hook there, then
 * offers a reload; and the sites granted so far, each with a Remove button.
 */
export function SiteAccessPane({ access, missingHook, onReload }: Props) {
  const [inspected, setInspected] = useState<{ site: string; granted: boolean }>();
  const [sites, setSites] = useState<string[]>([]);
  const [error, setError] = useState<string>();

  const show = (state: SiteHooksState) => {
    setSites(state.sites);
    setError(state.error);
  };
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  useEffect(() => {
    access.sites().then(show, fail);
  }, [access]);
  useEffect(() => {
    if (!missingHook) {
      setInspected(undefined);
      return;
    }
    access.inspected().then(setInspected, fail);
    access.sites().then(show, fail);
  }, [access, missingHook]);

  const grant = (site: string) => {
    access.request(site).then((state) => {
      if (!state) {
        setError(`the browser did not grant ${site}`);
        return;
      }
      show(state);
      setInspected({ site, granted: true });
    }, fail);
  };
  const remove = (site: string) => {
    access.remove(site).then((state) => {
      show(state);
      if (inspected?.site === site) setInspected({ site, granted: false });
    }, fail);
  };

  if (!(missingHook && inspected) && sites.length === 0 && !error) return null;
  return (
    <div id="site-access">
      {missingHook && inspected && (
        <div
          class="banner warn"
          id="site-access-banner"
          data-site={inspected.site}
          data-granted={String(inspected.granted)}
        >
          Events before the panel opened and live WebSocket frames are missing on this site: the Mesop DevTools page
          hook does not run on <code>{inspected.site}</code>.{' '}
          {inspected.granted ? (
            <>
              It is registered there and runs from the next page load.{' '}
              {onReload && (
                <button id="site-access-reload" onClick={onReload}>
                  ⟳ Reload and record
                </button>
              )}
            </>
          ) : (
            <button
              id="site-access-grant"
              title="Asks the browser for this origin only; remove it here or in chrome://extensions"
              onClick={() => grant(inspected.site)}
            >
              Enable the full capture on this site
            </button>
          )}
        </div>
      )}
      {error && (
        <div class="banner error" role="alert" id="site-access-error">
          Site access: {error}
        </div>
      )}
      {sites.length > 0 && (
        <details class="banner" id="site-access-sites">
          <summary>
            Full capture on {sites.length} other site{sites.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {sites.map((site) => (
              <li key={site} data-site={site}>
                <code>{site}</code>{' '}
                <button class="site-remove" onClick={() => remove(site)}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
