import { defaultAdviceConfig, type AdviceConfig, type BackendName, type Deployment } from '../advise/advice-config';
import type { ToolConfig } from './config-types';

/**
 * The advice part of a validated config, with a deployment and a backend given on the command line
 * (or by the panel) taking precedence over the file's.
 */
export function adviceConfigFrom(
  config: ToolConfig | undefined,
  deployment?: Deployment,
  backend?: BackendName,
): AdviceConfig {
  const advice = defaultAdviceConfig(config?.advice.thresholds ?? {}, deployment ?? config?.deployment ?? 'unknown');
  advice.disabledRules = config?.advice.disabledRules ?? [];
  const named = backend ?? config?.backend;
  if (named) advice.backend = named;
  return advice;
}
