import { defaultAdviceConfig, type AdviceConfig, type Deployment } from '../advise/advice-config';
import type { ToolConfig } from './config-types';

/**
 * The advice part of a validated config, with a deployment given on the command line (or by the
 * panel) taking precedence over the file's.
 */
export function adviceConfigFrom(config: ToolConfig | undefined, deployment?: Deployment): AdviceConfig {
  const advice = defaultAdviceConfig(config?.advice.thresholds ?? {}, deployment ?? config?.deployment ?? 'unknown');
  advice.disabledRules = config?.advice.disabledRules ?? [];
  return advice;
}
