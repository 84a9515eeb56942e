import { BACKEND_NAMES, DEFAULT_THRESHOLDS, DEPLOYMENTS } from '../advise/advice-config';
import { RULE_IDS } from '../advise/registry';
import type { MetricUnit } from '../budget/metrics';
import { METRIC_IDS, metricDef } from '../budget/metrics';
import { PRESET_NAMES, RECOMMENDED } from './presets';

/**
 * The table of known config keys. Validation walks it; anything not in it is an error that names
 * the key path and the valid keys. Keep it the single place that says what a config may hold.
 */
export type Spec =
  | { kind: 'object'; keys: Record<string, Spec> }
  | { kind: 'map'; keyMeaning: string; value: Spec }
  | { kind: 'array'; items: Spec }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'string' }
  | { kind: 'size' }
  | { kind: 'count' }
  | { kind: 'share' }
  | { kind: 'assertion'; unit: MetricUnit; field: boolean; defaultMax?: number }
  /** Owned by a later command (`check`): only the outer shape is checked here. */
  | { kind: 'reserved'; shape: 'object' | 'array'; owner: string };

const assertionsSpec: Spec = {
  kind: 'object',
  keys: Object.fromEntries(
    METRIC_IDS.map((id) => [
      id,
      {
        kind: 'assertion',
        unit: metricDef(id).unit,
        field: false,
        defaultMax: RECOMMENDED[id].max,
      } satisfies Spec,
    ]),
  ),
};

const fieldsSpec: Spec = {
  kind: 'map',
  keyMeaning: 'a field path glob such as "history[*].content" or "*.image"',
  value: { kind: 'assertion', unit: 'bytes', field: true },
};

const thresholdKind = (key: string): Spec =>
  key === 'componentTreeShare'
    ? { kind: 'share' }
    : /Events|Increases|Renders/.test(key)
      ? { kind: 'count' }
      : { kind: 'size' };

export const CONFIG_SCHEMA: Spec = {
  kind: 'object',
  keys: {
    $schema: { kind: 'string' },
    deployment: { kind: 'enum', values: DEPLOYMENTS },
    backend: { kind: 'enum', values: BACKEND_NAMES },
    advice: {
      kind: 'object',
      keys: {
        thresholds: {
          kind: 'object',
          keys: Object.fromEntries(Object.keys(DEFAULT_THRESHOLDS).map((k) => [k, thresholdKind(k)])),
        },
        rules: {
          kind: 'object',
          keys: Object.fromEntries(RULE_IDS.map((id) => [id, { kind: 'enum', values: ['on', 'off'] } satisfies Spec])),
        },
      },
    },
    budgets: {
      kind: 'object',
      keys: {
        preset: { kind: 'enum', values: PRESET_NAMES },
        aggregate: { kind: 'enum', values: ['median', 'max'] },
        assertions: assertionsSpec,
        fields: fieldsSpec,
        scopes: {
          kind: 'array',
          items: {
            kind: 'object',
            keys: {
              page: { kind: 'string' },
              handler: { kind: 'string' },
              assertions: assertionsSpec,
              fields: fieldsSpec,
            },
          },
        },
      },
    },
    app: { kind: 'reserved', shape: 'object', owner: 'mesop-devtools check' },
    flows: { kind: 'reserved', shape: 'array', owner: 'mesop-devtools check' },
    /** The Recorder export's note of where its budgets came from (docs/recorder-export.md): read by people, ignored by the CLI. */
    measured: { kind: 'reserved', shape: 'object', owner: 'Recorder export' },
  },
};
