import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type CheckReport, renderHtml, renderJunit, renderMarkdown } from '../../core';

export interface OutputFiles {
  out?: string;
  junit?: string;
  markdown?: string;
  html?: string;
}

/** Writes every requested report file (directories created); returns what was written. */
export async function writeOutputs(
  report: CheckReport,
  files: OutputFiles,
  cwd: string,
  htmlTitle = 'Mesop payload check',
): Promise<string[]> {
  const render: [string | undefined, () => string][] = [
    [files.out, () => `${JSON.stringify(report, null, 2)}\n`],
    [files.junit, () => renderJunit(report)],
    [
      files.markdown,
      () => renderMarkdown(report, { artifacts: [files.html, files.out].filter((f): f is string => !!f) }),
    ],
    [files.html, () => renderHtml(report, htmlTitle)],
  ];
  const written: string[] = [];
  for (const [file, make] of render) {
    if (!file) continue;
    const path = resolve(cwd, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, make());
    written.push(file);
  }
  return written;
}
