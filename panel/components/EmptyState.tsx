import type { PageInfo } from '../../src/extension/protocol';

interface Props {
  page: PageInfo | undefined;
  hookError: string | undefined;
  onReload?: () => void;
}

/** What the panel says before there is anything to show, and why. */
export function EmptyState({ page, hookError, onReload }: Props) {
  const reload = onReload && <button onClick={onReload}>⟳ Reload and record</button>;
  if (page && !page.isMesop) {
    return (
      <div class="empty" id="empty-state" data-reason="not-mesop">
        <h2>This page is not a Mesop app</h2>
        <p>
          The Mesop tab shows what each UI event of a{' '}
          <a href="https://google.github.io/mesop/" target="_blank" rel="noreferrer">
            Mesop
          </a>{' '}
          app sends and receives. No <code>&lt;mesop-app&gt;</code>, <code>&lt;mesop-editor-app&gt;</code> or{' '}
          <code>__MESOP_EXPERIMENTS__</code> was found on <code>{page.url}</code>.
        </p>
        <p>
          Run your app (<code>mesop main.py</code>), open it (by default <code>http://localhost:32123</code>) and come
          back to this tab. Or import a HAR file saved from the Network tab.
        </p>
      </div>
    );
  }
  if (hookError) {
    return (
      <div class="empty" id="empty-state" data-reason="no-hook">
        <h2>No Mesop events yet</h2>
        <p>
          The page has no Mesop DevTools hook ({hookError}): it was opened before the extension was installed, or its
          host is not a local one (localhost, *.localhost, 127.0.0.1, [::1], 0.0.0.0). Events are still recorded from
          the DevTools network log from now on, but anything earlier is not visible.
        </p>
        <p>{reload} to record the app from its first event.</p>
      </div>
    );
  }
  return (
    <div class="empty" id="empty-state" data-reason="waiting">
      <h2>{page?.isMesop ? 'Waiting for events' : 'Waiting for a Mesop page'}</h2>
      <p>
        {page?.isMesop
          ? 'Click around in the app: every UI event appears here with what it uploaded and downloaded.'
          : 'Open a Mesop app in this tab. Events are recorded from the page load, even before this panel was shown.'}
      </p>
      {reload && <p>{reload}</p>}
    </div>
  );
}
