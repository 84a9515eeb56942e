/**
 * The extension's background (Chrome's service worker, Firefox's background script): dev mode's
 * routes (docs/dev-mode.md), the page hook's registrations on the sites a user granted
 * (site-hooks.ts), and in Firefox the pipe from a panel to its tab's relay (relay-pipe.ts). In
 * Chrome capture does not pass through it: the panel opens its own port to its tab's content relay
 * (protocol.ts), so an MV3 worker being stopped at any time costs the capture nothing.
 */
import { startDevControlRoutes } from './dev-control-routes';
import { startRelayPipes } from './relay-pipe';
import { startSiteHooks } from './site-hooks';

startDevControlRoutes();
startSiteHooks();
startRelayPipes();
