import { formatBytes } from '../../measure/format-bytes';
import { chooseBackends } from '../backend-choice';
import { effectOver } from '../effect';
import type { Finding, FindingLevel } from '../finding';
import { eventWhere, pageLoads } from '../page-loads';
import type { Rule } from '../rule';
import { max, median, userEvents } from '../session-stats';
import { sum } from '../../sum';
import { requestStateWireBytes, TOKEN_WIRE_BYTES } from '../wire-share';
import { sizingLine } from '../../load/capacity-report';
import type { MeasuredCapacity } from '../advice-config';

/** The load run's sizing line per configuration, so the choice of backend rests on measured numbers. */
function capacityText(capacity: MeasuredCapacity | undefined): string {
  if (!capacity?.configurations.length) return '';
  const lines = capacity.configurations.map((c) => sizingLine(c, capacity.p95TargetMs));
  return ` Measured under load (mesop-devtools load, ${capacity.source}): ${lines.join('. ')}.`;
}

/**
 * Without a session backend Mesop's client uploads every state class in full with every user
 * event (docs/protocol.md §4 "What is sent when"). Past the thresholds, recommend a backend that
 * fits the deployment. Measured on the biggest upload, because that is the click users feel.
 */
export const stateUploadRule: Rule = {
  meta: {
    id: 'state-upload',
    title: 'Full state uploaded on every event',
    description:
      'With no MESOP_STATE_SESSION_BACKEND the browser sends the whole state back with each event; a backend replaces it with a 22-character token.',
  },
  run(analysis, config) {
    const uploads = userEvents(analysis.session.events).filter(
      (e) => e.request.stateUpload === 'full' && !e.tokenRetry,
    );
    if (analysis.session.backend !== 'none' || uploads.length === 0) return [];
    const stateBytes = uploads.map((e) => sum(e.request.stateBytes));
    const biggest = max(stateBytes);
    const { stateUploadWarn, stateUploadError } = config.thresholds;
    if (biggest < stateUploadWarn) return [];
    const level: FindingLevel = biggest >= stateUploadError ? 'error' : 'warn';
    const worst = uploads[stateBytes.indexOf(biggest)]!;
    const savedWire = uploads.map((e) => Math.max(0, requestStateWireBytes(e) - TOKEN_WIRE_BYTES));
    const loads = pageLoads(analysis.session.events);

    const [choice, ...alternatives] = chooseBackends(config.deployment);
    const alternativeText = alternatives
      .map((alt) => ` Alternative: ${alt.backend} (${alt.envLines.join(' / ')}). ${alt.why} ${alt.tradeOffs.join(' ')}`)
      .join('');
    const finding: Finding = {
      id: 'state-upload',
      ruleId: 'state-upload',
      level,
      title: `Every event uploads the full state: up to ${formatBytes(biggest)} per event (${eventWhere(loads, worst)}; threshold ${formatBytes(level === 'error' ? stateUploadError : stateUploadWarn)})`,
      evidence: {
        numbers: {
          maxUploadStateBytes: biggest,
          medianUploadStateBytes: median(stateBytes),
          totalUploadStateBytes: sum(stateBytes),
          maxRequestBytes: max(uploads.map((e) => e.request.bytes)),
          uploadEvents: uploads.length,
          thresholdBytes: level === 'error' ? stateUploadError : stateUploadWarn,
        },
        events: uploads.filter((e) => e === worst || sum(e.request.stateBytes) >= stateUploadWarn).map((e) => e.index),
        paths: [],
      },
      advice:
        `Set MESOP_STATE_SESSION_BACKEND=${choice.backend} so the browser sends a token instead of the state: ` +
        'add the .env lines and restart Mesop (it reads its config once, at start). ' +
        `${choice.why} ${choice.tradeOffs.join(' ')}${alternativeText} ` +
        'The browser still holds and downloads the state; the blob and growth findings say which fields to slim.' +
        capacityText(config.capacity),
      envLines: choice.envLines,
      // Every upload of the session would have been a token.
      effect: effectOver(savedWire, 'up'),
    };
    return [finding];
  },
};
