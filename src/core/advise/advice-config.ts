import type { LoadReport } from '../load/capacity-report';
/**
 * What the advice rules need to know beyond the traffic: where the app runs, and the thresholds.
 * Every default carries its reason; all of them can be changed in the config file
 * (`advice.thresholds`, `deployment`), see src/core/config/config-schema.ts.
 */

/** How the Mesop app is deployed: decides which session backend can work (docs/protocol.md §5). */
export type Deployment =
  | 'single-process' // one `mesop` / one gunicorn worker
  | 'multi-process' // several workers on one machine (gunicorn -w N)
  | 'multi-instance-affinity' // several machines/containers, a load balancer with session affinity
  | 'multi-instance' // several machines/containers, requests spread freely
  | 'unknown';

export const DEPLOYMENTS: readonly Deployment[] = [
  'single-process',
  'multi-process',
  'multi-instance-affinity',
  'multi-instance',
  'unknown',
];

export interface AdviceThresholds {
  /** Full-state upload per event (UTF-8 bytes of the state JSON) that earns a warning. */
  stateUploadWarn: number;
  /** ... and an error. */
  stateUploadError: number;
  /** A base64 / data-URL / bytes / UploadedFile field at least this big is reported. */
  blobWarn: number;
  /** A growing field warns when its projection crosses `stateUploadWarn` within this many events. */
  growthHorizonEvents: number;
  /** A field counts as growing once it grew in at least this many events. */
  growthMinIncreases: number;
  /** Component-tree bytes of one response (any event, the page load included) that make it "heavy". */
  componentTreeWarn: number;
  /** At this share (0..1) of the response the tree, not state, is what to cut: a session backend would not help. */
  componentTreeShare: number;
  /** Response wire bytes of one event (the page load included) that earn a warning. */
  responseWarn: number;
  /** Renders streamed by one response (a handler that yields) that earn a warning ... */
  streamRendersWarn: number;
  /** ... once those renders also weigh at least this many wire bytes together. */
  streamBytesWarn: number;
}

export interface ThresholdDoc {
  value: number;
  reason: string;
}

export const DEFAULT_THRESHOLDS: { [K in keyof AdviceThresholds]: ThresholdDoc } = {
  stateUploadWarn: {
    value: 100_000,
    reason: "100 kB takes 1.2 s to upload at Chrome's Slow 4G (675 kbit/s), on every click",
  },
  stateUploadError: {
    value: 1_000_000,
    reason: 'Reflex, another Python UI framework, warns when a state passes 1000 KB; that is 12 s per click at Slow 4G',
  },
  blobWarn: {
    value: 50_000,
    reason: 'a 50 kB blob costs 0.6 s per upload at Slow 4G and nothing in the UI needs its bytes in state',
  },
  growthHorizonEvents: {
    value: 100,
    reason:
      'a chat session of 50 exchanges (100 events) is ordinary; a field that passes the upload warning within it will bite real users',
  },
  growthMinIncreases: {
    value: 3,
    reason: 'one or two increases are a field being filled in; three are a trend',
  },
  componentTreeWarn: {
    value: 100_000,
    reason: "100 kB takes 0.56 s to download at Chrome's Slow 4G (1.44 Mbit/s), on every event that renders",
  },
  componentTreeShare: {
    value: 0.5,
    reason: 'when the tree is most of the response, a session backend (which only removes state) would not help',
  },
  responseWarn: {
    value: 500_000,
    reason:
      "500 kB takes 2.8 s to download at Chrome's Slow 4G (1.44 Mbit/s); a first load that big is a blank page for that long",
  },
  streamRendersWarn: {
    value: 10,
    reason:
      'each yield sends a render (a tree diff) and re-renders the page; a few show progress, ten or more from one click are usually a loop that yields per item',
  },
  streamBytesWarn: {
    value: 50_000,
    reason:
      'many small renders (a streamed chat answer) are cheap; past 50 kB (0.3 s at Slow 4G) the intermediate renders cost more than the progress they show',
  },
};

/** A session backend by its MESOP_STATE_SESSION_BACKEND name. */
export type BackendName = 'memory' | 'file' | 'sql' | 'firestore';

export const BACKEND_NAMES: readonly BackendName[] = ['memory', 'file', 'sql', 'firestore'];

export interface AdviceConfig {
  deployment: Deployment;
  /**
   * The session backend in use, when something outside the traffic knows it (a `dev` session
   * started it). The traffic shows only that some backend is on, so without this the advice names none.
   */
  backend?: BackendName;
  thresholds: AdviceThresholds;
  /** Rule ids switched off in the config. */
  disabledRules: string[];
  /**
   * What `mesop-devtools load` measured for this app (`--capacity <load report>`): the backend
   * advice then quotes users within the p95 target and RAM per session, per configuration tried.
   */
  capacity?: MeasuredCapacity;
}

export type MeasuredCapacity = Pick<LoadReport, 'source' | 'p95TargetMs' | 'configurations'>;

export function defaultAdviceConfig(
  overrides: Partial<AdviceThresholds> = {},
  deployment: Deployment = 'unknown',
): AdviceConfig {
  const thresholds = Object.fromEntries(
    Object.entries(DEFAULT_THRESHOLDS).map(([k, d]) => [k, d.value]),
  ) as unknown as AdviceThresholds;
  return { deployment, thresholds: { ...thresholds, ...overrides }, disabledRules: [] };
}
