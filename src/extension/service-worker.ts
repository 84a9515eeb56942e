/**
 * The extension's service worker: dev mode's routes (docs/dev-mode.md) and the page hook's
 * registrations on the sites a user granted (site-hooks.ts). Capture does not pass through it: the
 * panel opens its own port to its tab's content relay (protocol.ts), so an MV3 worker being
 * stopped at any time costs the capture nothing.
 */
import { startDevControlRoutes } from './dev-control-routes';
import { startSiteHooks } from './site-hooks';

startDevControlRoutes();
startSiteHooks();
