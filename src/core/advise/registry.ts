import type { Analysis } from '../analyze';
import type { AdviceConfig } from './advice-config';
import { defaultAdviceConfig } from './advice-config';
import { LEVEL_ORDER, type Finding } from './finding';
import type { Rule } from './rule';
import { backendAlreadyOnRule } from './rules/backend-already-on';
import { bigResponseRule } from './rules/big-response';
import { blobInStateRule } from './rules/blob-in-state';
import { clientDesyncRule } from './rules/client-desync';
import { growingFieldRule } from './rules/growing-field';
import { heavyComponentTreeRule } from './rules/heavy-component-tree';
import { stateUploadRule } from './rules/state-upload';
import { streamedRendersRule } from './rules/streamed-renders';
import { tokenMissesRule } from './rules/token-misses';
import { websocketModeRule } from './rules/websocket-mode';

/** Every advice rule, in the order ties are listed. */
export const RULES: readonly Rule[] = [
  clientDesyncRule,
  stateUploadRule,
  tokenMissesRule,
  blobInStateRule,
  growingFieldRule,
  heavyComponentTreeRule,
  streamedRendersRule,
  bigResponseRule,
  backendAlreadyOnRule,
  websocketModeRule,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);

/**
 * Runs every enabled rule; most severe first, then the bigger saving over the whole recorded
 * session (effects share one basis: effect.ts), then registry order.
 * Growth and path evidence need `analyzeExchanges(..., {keepFieldBytes: true})`.
 */
export function advise(analysis: Analysis, config: AdviceConfig = defaultAdviceConfig()): Finding[] {
  const ranked = RULES.filter((r) => !config.disabledRules.includes(r.meta.id)).flatMap((rule, order) =>
    rule.run(analysis, config).map((finding) => ({ finding, order })),
  );
  ranked.sort(
    (a, b) =>
      LEVEL_ORDER[a.finding.level] - LEVEL_ORDER[b.finding.level] ||
      b.finding.effect.sessionBytes - a.finding.effect.sessionBytes ||
      a.order - b.order,
  );
  return ranked.map((r) => r.finding);
}
