import type { ReplayState } from '../recorder-view/replay-messages';

/**
 * The Recorder's "Replay with budgets", summed up in the Mesop tab: DevTools may not show the
 * plugin's Recorder view (docs/recorder-export.md), so the verdict is here too, with a link to the
 * view's page (per step: events, bytes, budgets).
 */
export function ReplayBanner({ replay }: { replay: { state: ReplayState; viewPath: string } }) {
  const { state, viewPath } = replay;
  const done = state.steps.filter((s) => s.status === 'done' || s.status === 'skipped').length;
  const over = state.steps.flatMap((s) => (s.measure?.budgets ?? []).filter((b) => !b.holds && b.level === 'error'));
  const failedStep = state.steps.find((s) => s.status === 'failed');
  const verdict =
    state.status === 'running'
      ? `replaying, step ${done + 1} of ${state.steps.length}`
      : failedStep
        ? `stopped at step ${failedStep.number}: ${failedStep.note ?? ''}`
        : over.length
          ? `${over.length} error budget(s) over`
          : 'every error budget holds';
  return (
    <div class={`banner${over.length || failedStep ? ' error' : ''}`} data-replay-status={state.status}>
      Replay with budgets of <b>{state.title}</b>: <span class="replay-verdict">{verdict}</span>.{' '}
      <a href={viewPath} target="_blank" rel="noreferrer">
        Steps, bytes and budgets
      </a>
    </div>
  );
}
