import { useState } from 'preact/hooks';
import { copyText } from './copy-text';

/** A small button that copies `text` (a field path, .env lines) and says so. */
export function CopyButton({ text, label = 'copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      class="copy"
      title={`Copy ${text}`}
      aria-label={`${label}: ${text}`}
      data-copy={text}
      onClick={async (e) => {
        e.stopPropagation();
        setDone(await copyText(text));
        setTimeout(() => setDone(false), 1200);
      }}
    >
      {done ? (
        '✓'
      ) : (
        <svg width="11" height="11" viewBox="0 0 16 16" aria-hidden="true">
          <path
            fill="currentColor"
            d="M4 4V1.5A1.5 1.5 0 0 1 5.5 0h8A1.5 1.5 0 0 1 15 1.5v8a1.5 1.5 0 0 1-1.5 1.5H11v2.5A1.5 1.5 0 0 1 9.5 15h-8A1.5 1.5 0 0 1 0 13.5v-8A1.5 1.5 0 0 1 1.5 4H4zm1.5 0h4A1.5 1.5 0 0 1 11 5.5v4h2.5V1.5h-8V4zm-4 1.5v8h8v-8h-8z"
          />
        </svg>
      )}
    </button>
  );
}
