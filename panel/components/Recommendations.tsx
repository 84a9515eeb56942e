import { effectText, type Finding, inlineCodeParts } from '../../src/core';
import { CopyButton } from './CopyButton';
import type { FieldPick } from './EventDetailView';

interface Props {
  findings: Finding[];
  /** Select an event (and the field the finding is about). */
  onEvidence: (eventIndex: number, field?: FieldPick) => void;
}

const LEVEL = { error: 'Error', warn: 'Warning', info: 'Info' } as const;
const MAX_CHIPS = 16;

/** What to do, most severe first (the advice rules' order), each with its evidence, .env lines and effect. */
export function Recommendations({ findings, onEvidence }: Props) {
  if (findings.length === 0)
    return <p class="dim empty-findings">Nothing in this session needs attention with the current thresholds.</p>;
  return (
    <ol class="findings">
      {findings.map((f) => {
        const field = f.evidence.paths[0];
        return (
          <li key={f.id} class={`finding ${f.level}`} data-rule={f.ruleId} data-level={f.level}>
            <div class="finding-head">
              <span class={`badge ${f.level}`}>{LEVEL[f.level]}</span>{' '}
              <strong>
                <WithCode text={f.title} />
              </strong>
            </div>
            <p class="advice">
              <WithCode text={f.advice} />
            </p>
            {f.envLines.length > 0 && (
              <div class="env">
                <pre>{f.envLines.join('\n')}</pre>
                <CopyButton text={f.envLines.join('\n')} label="copy .env lines" />
              </div>
            )}
            {effectText(f.effect) && <p class="effect">Effect: {effectText(f.effect)}.</p>}
            {(f.evidence.events.length > 0 || f.evidence.paths.length > 0) && (
              <div class="evidence">
                Evidence:{' '}
                {f.evidence.paths.map((p) => (
                  <button
                    key={`${p.stateClass}:${p.path}`}
                    class="chip field"
                    onClick={() => onEvidence(lastEvent(f), p)}
                  >
                    {p.stateClass > 1 ? `#${p.stateClass} ` : ''}
                    {p.path}
                  </button>
                ))}
                {f.evidence.events.slice(0, MAX_CHIPS).map((i) => (
                  <button key={i} class="chip" onClick={() => onEvidence(i, field)}>
                    #{i}
                  </button>
                ))}
                {f.evidence.events.length > MAX_CHIPS && (
                  <span class="dim"> and {f.evidence.events.length - MAX_CHIPS} more</span>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** Text with its `inline code` shown as code (the advice is written with Markdown backticks). */
function WithCode({ text }: { text: string }) {
  return <>{inlineCodeParts(text).map((p, i) => (p.code ? <code key={i}>{p.text}</code> : p.text))}</>;
}

const lastEvent = (f: Finding) => (f.evidence.events.length ? f.evidence.events[f.evidence.events.length - 1]! : 0);
