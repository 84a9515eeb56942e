/**
 * The extension's service worker: dev mode's routes only (docs/dev-mode.md). Capture does not pass
 * through it: the panel opens its own port to its tab's content relay (protocol.ts), so an MV3
 * worker being stopped at any time costs the capture nothing.
 */
import { startDevControlRoutes } from './dev-control-routes';

startDevControlRoutes();
