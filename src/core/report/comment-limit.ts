/**
 * GitHub refuses a comment over 65,536 characters ("Body is too long"), and a sticky-comment
 * action then fails the job. A long session's event tables pass that easily, so the comment is
 * assembled section by section, most important first, and cut at a line when the rest would not
 * fit: with a visible note saying so and where the whole report is.
 */
export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * Joins the sections, cutting the first one that does not fit at a line boundary (closing a code
 * fence or `<details>` it leaves open) and dropping the rest. `note` is shown where it was cut;
 * `footer` always ends the text. The result's length (UTF-16 code units, which is at least what
 * GitHub counts) stays within `limit`.
 */
export function fitSections(
  sections: readonly string[],
  note: string,
  footer: string,
  limit = GITHUB_COMMENT_LIMIT,
): { text: string; cut: boolean } {
  const whole = `${sections.join('\n')}\n${footer}\n`;
  if (whole.length <= limit) return { text: whole, cut: false };
  // Room for the note, the footer and the closing of whatever the cut leaves open.
  const budget = limit - note.length - footer.length - 64;
  const out: string[] = [];
  let used = 0;
  for (const section of sections) {
    if (used + section.length + 1 <= budget) {
      out.push(section);
      used += section.length + 1;
      continue;
    }
    const kept: string[] = [];
    for (const line of section.split('\n')) {
      if (used + line.length + 1 > budget) break;
      kept.push(line);
      used += line.length + 1;
    }
    out.push(...closeOpen(kept));
    break;
  }
  return { text: `${out.join('\n')}\n\n${note}\n\n${footer}\n`, cut: true };
}

/** A cut inside a fenced block or a `<details>` would swallow the note: close them. */
function closeOpen(lines: string[]): string[] {
  const out = [...lines];
  const fences = lines.filter((l) => /^```/.test(l)).length;
  if (fences % 2) out.push('```');
  const opened =
    lines.filter((l) => l.startsWith('<details>')).length - lines.filter((l) => l.startsWith('</details>')).length;
  for (let i = 0; i < opened; i++) out.push('', '</details>');
  return out;
}
