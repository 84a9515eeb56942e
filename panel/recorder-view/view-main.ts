/**
 * The Recorder's "Replay with budgets" view (chrome.devtools.recorder.createView): shows the
 * Mesop tab's replay of a recording, per step its events, bytes and each event budget's verdict.
 * It only displays: the Mesop tab replays and measures (transport/extension/recorder-plugin.ts).
 */
import { formatBytes } from '../../src/core';
import { replayChannelName, type ReplayMessage, type ReplayState } from './replay-messages';

const tab = Number(new URLSearchParams(location.search).get('tab'));
const root = document.getElementById('app')!;

function el(tag: string, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function render(state: ReplayState | undefined): void {
  if (!state) return;
  const failed = state.steps.flatMap((s) => (s.measure?.budgets ?? []).filter((b) => !b.holds && b.level === 'error'));
  const verdict =
    state.status === 'running'
      ? 'replaying…'
      : state.status === 'failed'
        ? 'the replay stopped at a step'
        : failed.length
          ? `${failed.length} error budget(s) failed`
          : 'every error budget holds';
  const rows = state.steps.map((s) => {
    const broken = (s.measure?.budgets ?? []).filter((b) => !b.holds);
    const budgets = !s.measure
      ? (s.note ?? '')
      : broken.length
        ? broken
            .map(
              (b) => `${b.metric} ${formatBytes(b.actual)} > ${formatBytes(b.max)} at event #${b.event} [${b.level}]`,
            )
            .join('; ')
        : `all ${s.measure.budgets.length} hold`;
    return el(
      'tr',
      { 'data-step': String(s.number), 'data-status': s.status, 'data-holds': String(broken.length === 0) },
      el('td', { class: 'num' }, String(s.number)),
      el('td', {}, s.label),
      el('td', {}, s.status),
      el('td', { class: 'num' }, s.measure ? String(s.measure.events) : ''),
      el('td', { class: 'num' }, s.measure ? formatBytes(s.measure.requestBytes) : ''),
      el('td', { class: 'num' }, s.measure ? formatBytes(s.measure.responseBytes) : ''),
      el('td', { class: s.measure ? (broken.length ? 'fail' : 'ok') : 'muted' }, budgets),
    );
  });
  root.replaceChildren(
    el('h3', {}, `${state.title}: `, el('span', { id: 'verdict', class: failed.length ? 'fail' : 'ok' }, verdict)),
    el('p', { class: 'muted' }, state.budgetsFrom),
    el(
      'table',
      {},
      el(
        'thead',
        {},
        el('tr', {}, ...['#', 'step', 'status', 'events', 'up', 'down', 'budgets'].map((h) => el('th', {}, h))),
      ),
      el('tbody', {}, ...rows),
    ),
  );
}

if (Number.isInteger(tab)) {
  const channel = new BroadcastChannel(replayChannelName(tab));
  channel.onmessage = (m: MessageEvent<ReplayMessage>) => {
    if (m.data.type === 'state') render(m.data.state);
  };
  channel.postMessage({ type: 'hello' } satisfies ReplayMessage);
}
