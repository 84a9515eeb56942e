/**
 * Styles of the dev-mode strip, on the panel's theme variables (panel/panel.css). Kept beside the
 * components, and rendered by DevModePane, so dev mode stays one folder that can be added to or
 * removed from the panel without touching its stylesheet.
 */
export const DEV_MODE_CSS = `
.devmode { padding: 3px 8px; border-bottom: 1px solid var(--border); }
.devmode.hint { color: var(--fg-dim); }
.devmode-bar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.segmented { display: inline-flex; }
.segmented button { border-radius: 0; margin-left: -1px; min-width: 52px; }
.segmented button:first-child { border-radius: 3px 0 0 3px; margin-left: 0; }
.segmented button:last-child { border-radius: 0 3px 3px 0; }
.segmented button.on { background: var(--accent); border-color: var(--accent); color: var(--bg); opacity: 1; font-weight: 600; }
.devmode-error { color: var(--error); }
.devmode-note { color: var(--fg-dim); margin-top: 2px; }
.devmode-crash { margin: 4px 0 2px; padding: 4px 8px; border-left: 3px solid var(--error); background: var(--row-problem); }
.devmode-log { max-height: 140px; overflow: auto; margin: 4px 0 0; white-space: pre-wrap; }
.ab { border-bottom: 1px solid var(--border); padding: 4px 8px 6px; background: var(--bg); }
.ab-head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 3px; }
.ab-head .grow { flex: 1; }
.ab-run { border-radius: 8px; padding: 0 7px; border: 1px solid var(--border); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11px; }
.ab-run.a { border-color: var(--c-up-state); }
.ab-run.b { border-color: var(--accent); }
#ab-saving.better { color: var(--ok); font-weight: 600; }
#ab-saving.worse { color: var(--error); font-weight: 600; }
.ab-note { color: var(--fg-dim); margin-bottom: 3px; }
.ab-note.warn { color: var(--warn); }
.ab-table-box { max-height: 220px; overflow: auto; }
.ab-table { border-collapse: collapse; width: 100%; }
.ab-table th, .ab-table td { padding: 1px 6px; border-bottom: 1px solid var(--grid); white-space: nowrap; }
.ab-table th { position: sticky; background: var(--bg-alt); font-weight: 600; text-align: center; }
.ab-table thead tr:first-child th { top: 0; }
.ab-table thead tr:nth-child(2) th { top: 17px; font-weight: normal; color: var(--fg-dim); }
.ab-table th.a, .ab-table th.b { text-align: right; }
.ab-table td:nth-child(2n+3), .ab-table th.a { border-left: 1px solid var(--border); }
.ab-table td.better { color: var(--ok); }
.ab-table td.worse { color: var(--error); }
.ab-table tr.mismatch td { background: var(--row-problem); }
.ab-table tfoot td { font-weight: 600; border-top: 1px solid var(--border); }
.ab-event { max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
`;
