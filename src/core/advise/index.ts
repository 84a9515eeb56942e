/** Advice: rules over a measured session -> findings, most severe first. */
export { advise, RULES, RULE_IDS } from './registry';
export {
  defaultAdviceConfig,
  DEFAULT_THRESHOLDS,
  DEPLOYMENTS,
  type AdviceConfig,
  type AdviceThresholds,
  type Deployment,
} from './advice-config';
export type { Finding, FindingLevel, Evidence, Effect, FieldRef } from './finding';
export type { Rule, RuleMeta } from './rule';
export { SLOW_4G, PRESET_3G } from './network-presets';
