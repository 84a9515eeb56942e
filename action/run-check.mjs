#!/usr/bin/env node
// The GitHub Action's one step (action.yml): runs `mesop-devtools check` (or, with `merge`,
// `merge-reports` over a job matrix's reports), writes the JSON, JUnit, Markdown and HTML reports,
// sets them as step outputs, adds the Markdown to the job summary, posts or updates the sticky
// pull-request comment, and exits with the CLI's exit code (0 pass, 1 budget failed, 2 usage, 3 bug).
// A failed comment (a fork's read-only token) is a warning, never a different exit code.
// Inputs come as MDT_* environment variables set by action.yml; the rest is GitHub's environment.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pullRequestNumber, STICKY_MARKER, upsertStickyComment } from './sticky-comment.mjs';

const env = process.env;
const cli = JSON.parse(env.MDT_CLI || '["mesop-devtools"]');
const outDir = env.MDT_OUTPUT_DIR || 'mesop-devtools-report';
const files = {
  json: join(outDir, 'report.json'),
  junit: join(outDir, 'junit.xml'),
  markdown: join(outDir, 'comment.md'),
  html: join(outDir, 'report.html'),
};

/** The browser: the input, else $CHROME_PATH, else the runner's Google Chrome; else the CLI's own search. */
function chromePath() {
  if (env.MDT_CHROME) return env.MDT_CHROME;
  if (env.CHROME_PATH) return env.CHROME_PATH;
  return ['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome'].find((p) =>
    existsSync(p),
  );
}

/** Every report.json under the folder (one per shard artifact), in path order. */
function shardReports(dir) {
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name, 'en', { numeric: true }),
    )) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name === 'report.json') found.push(join(d, e.name));
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

function cliArgs() {
  const outputs = ['--out', files.json, '--junit', files.junit, '--markdown', files.markdown, '--html', files.html];
  const extra = env.MDT_ARGS ? env.MDT_ARGS.split(/\s+/).filter(Boolean) : [];
  if (env.MDT_MERGE) {
    const reports = shardReports(env.MDT_MERGE).filter((f) => !f.startsWith(`${outDir}/`));
    return ['merge-reports', ...reports, ...outputs];
  }
  const args = ['check', ...outputs];
  if (env.MDT_CONFIG) args.push('--config', env.MDT_CONFIG);
  if (env.MDT_RUNS) args.push('--runs', env.MDT_RUNS);
  if (env.MDT_BASELINE) args.push('--baseline', env.MDT_BASELINE);
  if (env.MDT_SHARD) args.push('--shard', env.MDT_SHARD);
  return [...args, ...extra];
}

function setOutputs(code) {
  const lines = [`exit-code=${code}`, `passed=${code === 0}`];
  for (const [key, file] of [
    ['report-json', files.json],
    ['junit', files.junit],
    ['markdown', files.markdown],
    ['html', files.html],
  ]) {
    lines.push(`${key}=${existsSync(file) ? file : ''}`);
  }
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${lines.join('\n')}\n`);
  if (env.GITHUB_STEP_SUMMARY && existsSync(files.markdown))
    appendFileSync(env.GITHUB_STEP_SUMMARY, `${readFileSync(files.markdown, 'utf8')}\n`);
}

async function comment(code) {
  if (env.MDT_COMMENT !== 'true') return;
  const event =
    env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH)
      ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
      : null;
  const pr = pullRequestNumber(event);
  if (!pr) return console.error('mesop-devtools action: not a pull request: no comment');
  if (!env.MDT_TOKEN) return console.error('::warning::mesop-devtools action: no token: no comment');
  const body = existsSync(files.markdown)
    ? readFileSync(files.markdown, 'utf8')
    : `${STICKY_MARKER}\n## Mesop payload budgets\n\nThe check could not run (exit code ${code}): see the job log.\n`;
  try {
    const done = await upsertStickyComment({
      api: env.GITHUB_API_URL || 'https://api.github.com',
      token: env.MDT_TOKEN,
      repo: env.GITHUB_REPOSITORY,
      pr,
      body,
    });
    console.error(`mesop-devtools action: ${done.action} the pull-request comment (id ${done.id})`);
  } catch (e) {
    console.error(`::warning::mesop-devtools action: could not comment on the pull request: ${e.message}`);
  }
}

const chrome = chromePath();
const args = cliArgs();
console.error(`mesop-devtools action: ${[...cli, ...args].join(' ')}`);
const result = spawnSync(cli[0], [...cli.slice(1), ...args], {
  stdio: 'inherit',
  env: { ...env, CI: 'true', ...(chrome ? { CHROME_PATH: chrome } : {}) },
});
const code = result.status ?? 3;
if (result.error) console.error(`::error::mesop-devtools action: cannot run ${cli[0]}: ${result.error.message}`);
setOutputs(code);
await comment(code);
process.exit(code);
