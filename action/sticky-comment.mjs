// The one pull-request comment of the payload check, created on the first run and edited in place
// on every later one. GitHub's REST API with the workflow's token and Node's fetch, no dependency:
//   GET   /repos/{repo}/issues/{pr}/comments      (paged, 100 a page) to find ours by its marker
//   PATCH /repos/{repo}/issues/comments/{id}      when found
//   POST  /repos/{repo}/issues/{pr}/comments      otherwise
// The marker is the hidden first line of `check --markdown` (src/core/report/markdown-report.ts;
// test/action/action.test.ts checks the two agree).

export const STICKY_MARKER = '<!-- mesop-devtools:check -->';

/** A body that carries the marker (the Markdown report starts with it; any other body gets it). */
export function withMarker(body) {
  return body.startsWith(STICKY_MARKER) ? body : `${STICKY_MARKER}\n${body}`;
}

async function call(api, token, method, path, body) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'mesop-devtools-action',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

/** Creates or updates the sticky comment; returns what it did and the comment's id. */
export async function upsertStickyComment({ api, token, repo, pr, body }) {
  const text = withMarker(body);
  for (let page = 1; ; page++) {
    const comments = await call(api, token, 'GET', `/repos/${repo}/issues/${pr}/comments?per_page=100&page=${page}`);
    const ours = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(STICKY_MARKER));
    if (ours) {
      await call(api, token, 'PATCH', `/repos/${repo}/issues/comments/${ours.id}`, { body: text });
      return { action: 'updated', id: ours.id };
    }
    if (comments.length < 100) break;
  }
  const created = await call(api, token, 'POST', `/repos/${repo}/issues/${pr}/comments`, { body: text });
  return { action: 'created', id: created.id };
}

/** The pull request this workflow run is about (pull_request / pull_request_target events), or null. */
export function pullRequestNumber(event) {
  return event?.pull_request?.number ?? (event?.issue?.pull_request ? event.issue.number : null) ?? null;
}
