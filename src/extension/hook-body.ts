import type { BodyField, HookMessage } from './protocol';

/**
 * The one big field a hook message can have (a request body, a response text, a frame's data),
 * read, replaced and measured in one place for the hook, its backlog and the relay. Pure.
 */

/** The message's body field, when it has a non-empty body. */
export function bodyFieldOf(m: HookMessage): BodyField | undefined {
  if (m.type === 'sse-start') return m.requestBody ? 'requestBody' : undefined;
  if (m.type === 'sse-end') return m.responseText ? 'responseText' : undefined;
  if (m.type === 'ws-frame') return m.frame.data ? 'data' : undefined;
  return undefined;
}

export function bodyOf(m: HookMessage, field: BodyField): string {
  if (m.type === 'ws-frame') return field === 'data' ? m.frame.data : '';
  return (m as unknown as Partial<Record<BodyField, string | null>>)[field] ?? '';
}

/** The same message with `field` set to `body` (a shallow copy: the other strings are shared). */
export function withBody(m: HookMessage, field: BodyField, body: string): HookMessage {
  if (m.type === 'ws-frame') return { ...m, frame: { ...m.frame, data: body } };
  return { ...m, [field]: body } as HookMessage;
}

/** Characters of body text a message references. */
export function bodyChars(m: HookMessage): number {
  switch (m.type) {
    case 'sse-start':
      return m.requestBody?.length ?? 0;
    case 'sse-end':
      return m.responseText.length;
    case 'ws-frame':
      return m.frame.data.length;
    default:
      return 0;
  }
}

/** The message without its body, with the body's length and why it is missing. */
export function sizeOnly(m: HookMessage): HookMessage {
  switch (m.type) {
    case 'sse-start':
      return !m.requestBody ? m : { ...m, requestBody: null, requestChars: m.requestBody.length, keptAsSize: true };
    case 'sse-end':
      return m.responseChars !== undefined || m.responseText === ''
        ? m
        : { ...m, responseText: '', responseChars: m.responseText.length, keptAsSize: true };
    case 'ws-frame':
      return m.frame.omittedChars !== undefined || m.frame.data === ''
        ? m
        : { ...m, frame: { ...m.frame, data: '', omittedChars: m.frame.data.length, keptAsSize: true } };
    default:
      return m;
  }
}
