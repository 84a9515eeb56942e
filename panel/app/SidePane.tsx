import type { PayloadReport } from '../../src/core';
import { EventDetailView } from '../components/EventDetailView';
import { GrowthView } from '../components/GrowthView';
import { PerformanceTrackSetting } from '../components/PerformanceTrackSetting';
import { Recommendations } from '../components/Recommendations';
import { ThresholdSettings } from '../components/ThresholdSettings';
import type { AdviceSettings, GrowthRow } from '../worker/messages';
import type { Selection, SideTab } from './use-selection';

interface Props {
  report: PayloadReport;
  growth: GrowthRow[];
  sel: Selection;
  advice: AdviceSettings;
  onAdvice: (a: AdviceSettings) => void;
  keepEvents?: { value: number; onChange: (events: number) => void };
  recorderMargin?: { value: number; onChange: (percent: number) => void };
  pageBacklog?: { value: number; onChange: (mb: number) => void };
  /** The Performance panel's Mesop track (absent for an imported file, or outside the extension). */
  performanceTrack?: { absentBecause: string | undefined; richer: boolean; onRicher: (on: boolean) => void };
}

/** The right-hand side: the selected event, the recommendations, growth across the session. */
export function SidePane({
  report,
  growth,
  sel,
  advice,
  onAdvice,
  keepEvents,
  recorderMargin,
  pageBacklog,
  performanceTrack,
}: Props) {
  const event = sel.selected === undefined ? undefined : report.events[sel.selected];
  const worst = report.findings[0]?.level;
  const tabs: { id: SideTab; label: string }[] = [
    { id: 'event', label: event ? `Event #${event.index}` : 'Event' },
    { id: 'advice', label: `Recommendations (${report.findings.length})` },
    { id: 'growth', label: `Growth (${growth.length})` },
  ];
  return (
    <aside class="side">
      <div class="tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            aria-selected={sel.tab === t.id}
            class={t.id === 'advice' && worst ? `has-${worst}` : ''}
            onClick={() => sel.setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div class="tab-body" role="tabpanel" id={`panel-${sel.tab}`}>
        {sel.tab === 'event' &&
          (event ? (
            <EventDetailView event={event} detail={sel.detail} pick={sel.pick} onPick={sel.setPick} />
          ) : (
            <p class="dim">Select an event in the chart or the list (↑/↓ move the selection).</p>
          ))}
        {sel.tab === 'advice' && (
          <>
            <Recommendations findings={report.findings} onEvidence={(i, field) => sel.select(i, field)} />
            <ThresholdSettings
              settings={advice}
              onChange={onAdvice}
              keepEvents={keepEvents}
              recorderMargin={recorderMargin}
              pageBacklog={pageBacklog}
            />
            {performanceTrack && <PerformanceTrackSetting {...performanceTrack} />}
          </>
        )}
        {sel.tab === 'growth' && <GrowthView rows={growth} onPick={(i, field) => sel.select(i, field)} />}
      </div>
    </aside>
  );
}
