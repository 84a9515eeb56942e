import { checkValue } from './check-value';
import type { ConfigError } from './config-error';
import { CONFIG_SCHEMA } from './config-schema';
import type { ToolConfig } from './config-types';

export type ValidationResult = { ok: true; config: ToolConfig } | { ok: false; errors: ConfigError[] };

export interface ValidateOptions {
  /** Shown in every error: the config's file name as the user knows it. */
  file: string;
  /** Where the config sits inside the file, e.g. `"mesop-devtools"` for a package.json key. */
  rootPath?: string;
}

/** Raw parsed JSON -> a typed config, or every problem found (file, key path, fix). */
export function validateConfig(raw: unknown, options: ValidateOptions): ValidationResult {
  const errors: ConfigError[] = [];
  const checked = checkValue(CONFIG_SCHEMA, raw, options.rootPath ?? '', (path, message, fix) =>
    errors.push({ file: options.file, path, message, fix }),
  );
  if (errors.length > 0 || checked === undefined) return { ok: false, errors };
  return { ok: true, config: toToolConfig(checked as RawChecked) };
}

interface RawChecked {
  deployment?: ToolConfig['deployment'];
  backend?: ToolConfig['backend'];
  advice?: { thresholds?: ToolConfig['advice']['thresholds']; rules?: Record<string, 'on' | 'off'> };
  budgets?: Partial<NonNullable<ToolConfig['budgets']>>;
  app?: Record<string, unknown>;
  flows?: unknown[];
}

function toToolConfig(c: RawChecked): ToolConfig {
  const config: ToolConfig = {
    advice: {
      thresholds: c.advice?.thresholds ?? {},
      disabledRules: Object.entries(c.advice?.rules ?? {})
        .filter(([, v]) => v === 'off')
        .map(([k]) => k),
    },
  };
  if (c.deployment) config.deployment = c.deployment;
  if (c.backend) config.backend = c.backend;
  if (c.app) config.app = c.app;
  if (c.flows) config.flows = c.flows;
  if (c.budgets) {
    const b = c.budgets;
    config.budgets = {
      ...(b.preset ? { preset: b.preset } : {}),
      aggregate: b.aggregate ?? 'median',
      assertions: b.assertions ?? {},
      fields: b.fields ?? {},
      scopes: (b.scopes ?? []).map((s) => ({ ...s, assertions: s.assertions ?? {}, fields: s.fields ?? {} })),
    };
  }
  return config;
}
