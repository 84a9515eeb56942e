/** CDP capture of Mesop traffic for the Node CLI (`check`, `demo`) and the fixture recorder. */
export { startCapture, startSessionCapture } from './cdp-capture';
export type { Capture, SessionCapture, CdpSessionLike, CaptureOptions, UiActivity } from './capture-types';
export { waitForMesopIdle, settle, IdleTimeout, QUIET_MS, type IdleOptions } from './wait-for-idle';
