import { portableHandlerId, shortHandler } from './handler-id';
import type { MesopEvent } from '../session/event';

/** The first line of a server's exception: enough to recognise it in a one-line message. */
export const firstLine = (text: string): string =>
  (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim().slice(0, 300);

/** "event #2 click on_boom: ValueError: Boom" — the event, its handler and, when it failed, why. */
export function describeEvent(e: MesopEvent): string {
  const handler = shortHandler(e.handlerId === undefined ? null : portableHandlerId(e.handlerId));
  return `event #${e.index} ${e.kind}${handler ? ` ${handler}` : ''}${e.error !== undefined ? `: ${firstLine(e.error)}` : ''}`;
}
