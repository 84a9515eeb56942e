/**
 * What the advice rules need to know beyond the traffic: where the app runs, and the thresholds.
 * Every default carries its reason; all of them can be changed in the config file
 * (`advice.thresholds`, `deployment`), see src/core/budget/config-schema.ts.
 */

/** How the Mesop app is deployed: decides which session backend can work (mesop-protocol.md §5). */
export type Deployment =
  | 'single-process' // one `mesop` / one gunicorn worker
  | 'multi-process' // several workers on one machine (gunicorn -w N)
  | 'multi-instance-affinity' // several machines/containers, a load balancer with session affinity
  | 'multi-instance' // several machines/containers, requests spread freely
  | 'unknown';

export const DEPLOYMENTS: readonly Deployment[] = ['single-process', 'multi-process', 'multi-instance-affinity', 'multi-instance', 'unknown'];

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
  /** Component-tree bytes per event (median over user events) that make the tree "heavy". */
  componentTreeWarn: number;
  /** ... when the tree is also at least this share (0..1) of the response. */
  componentTreeShare: number;
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
    reason: 'a chat session of 50 exchanges (100 events) is ordinary; a field that passes the upload warning within it will bite real users',
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
};

export interface AdviceConfig {
  deployment: Deployment;
  thresholds: AdviceThresholds;
  /** Rule ids switched off in the config. */
  disabledRules: string[];
}

export function defaultAdviceConfig(overrides: Partial<AdviceThresholds> = {}, deployment: Deployment = 'unknown'): AdviceConfig {
  const thresholds = Object.fromEntries(
    Object.entries(DEFAULT_THRESHOLDS).map(([k, d]) => [k, d.value]),
  ) as unknown as AdviceThresholds;
  return { deployment, thresholds: { ...thresholds, ...overrides }, disabledRules: [] };
}
