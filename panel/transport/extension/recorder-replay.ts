import { type EventLimit, measureStep, type RecorderRecording, type ReportEvent } from '../../../src/core';
import type { ReplayState } from '../../recorder-view/replay-messages';
import { stepAction } from './replay-step-script';

/** What the replay needs from the browser and the panel (given by recorder-plugin.ts). */
export interface ReplayDeps {
  /** Evaluates in the inspected page; resolves its value, rejects on an exception. */
  evaluate(code: string): Promise<unknown>;
  /** The capture log's last number and the requests not in it yet. */
  capture(): { lastSeq: number; inFlight: number };
  liveEvents(): readonly ReportEvent[] | undefined;
  publish(state: ReplayState): void;
}

/** How long a step looks for its element, as `check`'s default step timeout. */
const STEP_TIMEOUT_MS = 10_000;
/** Mesop is idle when no request is open and the log did not change for this long. */
const QUIET_MS = 500;
/** The longest wait for idle, for a page load, and for the analysis to list a step's events. */
const SETTLE_LIMIT_MS = 30_000;
const ANALYSIS_LIMIT_MS = 5_000;
const POLL_MS = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Replays a recording in the inspected page while the Mesop tab captures, step by step: after each
 * step it waits until Mesop is idle and the analysis lists the step's events (those the capture
 * log numbered during the step), then measures them against `limits`. Publishes the state after
 * every change; returns every event the replay caused.
 */
export async function replayRecording(
  recording: RecorderRecording,
  limits: readonly EventLimit[],
  budgetsFrom: string,
  deps: ReplayDeps,
): Promise<{ events: ReportEvent[]; state: ReplayState }> {
  const actions = recording.steps.map(stepAction);
  const state: ReplayState = {
    title: recording.title,
    status: 'running',
    budgetsFrom,
    steps: recording.steps.map((s, i) => ({
      number: i + 1,
      type: String(s.type),
      label: actions[i]!.label,
      status: 'pending',
    })),
  };
  const publish = () => deps.publish(structuredClone(state));
  const events: ReportEvent[] = [];
  publish();
  for (const [i, action] of actions.entries()) {
    const row = state.steps[i]!;
    if (action.kind === 'skip') {
      Object.assign(row, { status: 'skipped', note: action.why });
      publish();
      continue;
    }
    row.status = 'running';
    publish();
    const before = deps.capture().lastSeq;
    const failed = action.kind === 'navigate' ? await navigate(action.url, deps) : await untilOk(action.code, deps);
    if (failed) {
      Object.assign(row, { status: 'failed', note: failed });
      state.status = 'failed';
      publish();
      return { events, state };
    }
    await settle(deps);
    const stepEvents = await eventsAfter(before, deps);
    events.push(...stepEvents);
    Object.assign(row, { status: 'done', measure: measureStep(stepEvents, limits) });
    publish();
  }
  state.status = 'done';
  publish();
  return { events, state };
}

/** Runs a step's script until it answers "ok" (its element appeared) or the step times out. */
async function untilOk(code: string, deps: ReplayDeps): Promise<string | undefined> {
  const end = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    let last: string;
    try {
      const answer = await deps.evaluate(code);
      if (answer === 'ok') return undefined;
      last = String(answer);
    } catch (e) {
      last = `the page threw: ${String((e as { value?: unknown }).value ?? (e as Error).message ?? e)}`;
    }
    if (Date.now() > end) return `${last} (after ${STEP_TIMEOUT_MS / 1000} s)`;
    await sleep(POLL_MS);
  }
}

/** Opens the URL in the inspected page and waits for the new document to finish loading. */
async function navigate(url: string, deps: ReplayDeps): Promise<string | undefined> {
  const origin = await deps.evaluate('performance.timeOrigin').catch(() => 'none');
  await deps.evaluate(`location.href = ${JSON.stringify(url)}; 'ok'`).catch(() => undefined);
  const end = Date.now() + SETTLE_LIMIT_MS;
  while (Date.now() < end) {
    await sleep(POLL_MS);
    // A string, not an array: Firefox's eval answers are arrays (devtools-answers.ts).
    const now = await deps.evaluate(`performance.timeOrigin + ' ' + document.readyState`).catch(() => undefined);
    if (now !== undefined && now !== `${String(origin)} complete` && String(now).endsWith(' complete'))
      return undefined;
  }
  return `${url} did not load within ${SETTLE_LIMIT_MS / 1000} s`;
}

/** Until no request is open and the capture log stood still for QUIET_MS. */
async function settle(deps: ReplayDeps): Promise<void> {
  const end = Date.now() + SETTLE_LIMIT_MS;
  let key = '';
  let since = Date.now();
  while (Date.now() < end) {
    const { lastSeq, inFlight } = deps.capture();
    const next = `${lastSeq}/${inFlight}`;
    if (next !== key) [key, since] = [next, Date.now()];
    else if (inFlight === 0 && Date.now() - since >= QUIET_MS) return;
    await sleep(POLL_MS);
  }
}

/** The analysed events of the log rows numbered after `before`, once the analysis lists them all. */
async function eventsAfter(before: number, deps: ReplayDeps): Promise<ReportEvent[]> {
  const through = deps.capture().lastSeq;
  const end = Date.now() + ANALYSIS_LIMIT_MS;
  let mine: ReportEvent[] = [];
  while (Date.now() < end) {
    mine = (deps.liveEvents() ?? []).filter((e) => {
      const seq = Number(e.exchangeId);
      return seq > before && seq <= through;
    });
    if (mine.length >= through - before) break;
    await sleep(POLL_MS);
  }
  return mine;
}
