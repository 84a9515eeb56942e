/**
 * Findings as GitHub Markdown, for the pull-request comment: a reviewer reads the advice as prose,
 * the `.env` lines as a block to copy, and the effect on the same basis as everywhere else
 * (`effectText`, the one effect sentence). Text outside code spans is escaped: titles carry field
 * paths, and a dict key in a path is the app's data, not markup.
 */
import type { Finding } from '../advise/finding';
import { effectText, inlineCodeParts } from './findings-text';

const ICON = { error: '❌', warn: '⚠️', info: 'ℹ️' } as const;
const MAX_EVENTS_LISTED = 12;

export function renderFindingsMarkdown(findings: readonly Finding[]): string {
  return findings.map(findingMarkdown).join('\n\n');
}

function findingMarkdown(f: Finding): string {
  const parts = [`${ICON[f.level]} **${f.level}**: ${prose(f.title)}`, prose(f.advice)];
  if (f.envLines.length) parts.push(`\`\`\`sh\n# .env (restart Mesop to apply)\n${f.envLines.join('\n')}\n\`\`\``);
  const effect = effectText(f.effect);
  const facts = [
    effect ? `**Effect:** ${prose(effect)}` : '',
    f.evidence.events.length ? `**Events:** ${eventList(f.evidence.events)}` : '',
  ].filter(Boolean);
  if (facts.length) parts.push(facts.join('<br>\n'));
  return parts.join('\n\n');
}

/** Our sentences with their inline code kept as code, everything else escaped for Markdown and HTML. */
function prose(text: string): string {
  return inlineCodeParts(text.replace(/\r?\n/g, ' '))
    .map((p) => (p.code ? codeSpan(p.text) : escapeMarkdown(p.text)))
    .join('');
}

const codeSpan = (text: string) => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);

// An underscore inside a word (MESOP_STATE_SESSION_BACKEND) is never emphasis in GitHub's
// Markdown: left as is, the comment's source stays readable too.
const escapeMarkdown = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\*[\]|~])/g, '\\$1')
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace('_', '\\_'));

function eventList(events: readonly number[]): string {
  const shown = events
    .slice(0, MAX_EVENTS_LISTED)
    .map((e) => `#${e}`)
    .join(', ');
  return events.length > MAX_EVENTS_LISTED ? `${shown} and ${events.length - MAX_EVENTS_LISTED} more` : shown;
}
