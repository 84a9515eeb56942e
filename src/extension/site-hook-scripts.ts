/**
 * Which content scripts the page hook needs on the sites a user granted (docs/extension-capture.md,
 * "Other sites"): the manifest's own two scripts (the main-world hook and the isolated-world
 * relay), with the same files, world and run_at, matching exactly the granted origins. Read from
 * the manifest at run time, so the declared scripts stay the one source of truth. Pure: no browser call.
 */

/** A content script as the manifest declares it (`runtime.getManifest().content_scripts`). */
export interface DeclaredScript {
  matches?: string[];
  js?: string[];
  run_at?: string;
  world?: string;
}

export type RunAt = 'document_start' | 'document_end' | 'document_idle';

/** The argument of `scripting.registerContentScripts` / `updateContentScripts` for one script. */
export interface SiteHookScript {
  id: string;
  js: string[];
  matches: string[];
  runAt: RunAt;
  world: 'MAIN' | 'ISOLATED';
  /** Kept across browser restarts, like a declared content script. */
  persistAcrossSessions: true;
}

/** Our registrations' ids start with this (nothing else in the extension registers scripts). */
export const SITE_HOOK_ID_PREFIX = 'site-hook-';

/**
 * The granted origins no declared content script already covers: the sites the user added. The
 * declared patterns are granted at install and listed by `permissions.getAll()` as written.
 */
export function grantedSites(origins: readonly string[], declared: readonly DeclaredScript[]): string[] {
  const declaredMatches = new Set(declared.flatMap((s) => s.matches ?? []));
  return [...new Set(origins.filter((o) => !declaredMatches.has(o)))].sort();
}

/** One registration per declared script, on `sites` (the caller unregisters them all when there is none). */
export function siteHookScripts(declared: readonly DeclaredScript[], sites: readonly string[]): SiteHookScript[] {
  return declared.map((s, i) => {
    const world = s.world === 'MAIN' ? 'MAIN' : 'ISOLATED';
    return {
      id: `${SITE_HOOK_ID_PREFIX}${i}-${world.toLowerCase()}`,
      js: [...(s.js ?? [])],
      matches: [...sites],
      runAt: runAtOf(s.run_at),
      world,
      persistAcrossSessions: true,
    };
  });
}

const runAtOf = (v: string | undefined): RunAt =>
  v === 'document_start' || v === 'document_end' ? v : 'document_idle';
