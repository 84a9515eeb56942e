import type { Analysis } from '../analyze';
import type { AdviceConfig } from './advice-config';
import type { Finding } from './finding';

/**
 * One advice rule (Lighthouse's audit shape): a description of itself and a pure function of
 * the measured session. A rule never decodes; it reads `Analysis` only.
 */
export interface RuleMeta {
  id: string;
  title: string;
  description: string;
}

export interface Rule {
  meta: RuleMeta;
  run(analysis: Analysis, config: AdviceConfig): Finding[];
}
