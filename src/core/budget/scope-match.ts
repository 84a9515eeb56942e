import type { MesopEvent } from '../session/event';
import type { BudgetScope } from './budget-types';
import { pageGlobMatcher } from './field-glob';

/**
 * Does a handler id match what the user wrote? Dev-mode ids are `module.fn_name.<sha256>`, prod
 * ids a bare sha256 (docs/protocol.md §6), so accept the full id or any dot-aligned part of it:
 * the function name (`on_send`), `module.on_send`, the hash.
 */
export function handlerMatches(id: string | undefined, wanted: string): boolean {
  if (!id) return false;
  if (id === wanted) return true;
  // Mesop 1.3 appends the event class after a colon: `.app.main.on_send.<sha>:mesop.events.events.ClickEvent`.
  const base = id.split(':')[0]!;
  return `.${base}.`.includes(`.${wanted}.`);
}

export function eventsInScope(events: readonly MesopEvent[], scope: BudgetScope): MesopEvent[] {
  const page = scope.page ? pageGlobMatcher(scope.page) : undefined;
  return events.filter((e) =>
    (!page || (e.path !== undefined && page(e.path)))
    && (!scope.handler || handlerMatches(e.handlerId, scope.handler)));
}
