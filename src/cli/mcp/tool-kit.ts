import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { UserError } from '../user-error';

/** Bad input to a tool: the message is one sentence the agent can act on. */
export class ToolInputError extends Error {}

/** A tool's answer: the typed object (checked against the tool's output schema) and the same as text. */
export function answer(value: object, headline?: string): CallToolResult {
  const json = JSON.stringify(value);
  return {
    content: [{ type: 'text', text: headline ? `${headline}\n${json}` : json }],
    structuredContent: value as Record<string, unknown>,
  };
}

/**
 * Any failure as a tool error, never a thrown exception that could end the server: user errors
 * and bad input keep their one-line message (with the hint), anything else is reported as an
 * internal error with its first line.
 */
export function failure(e: unknown): CallToolResult {
  let text: string;
  if (e instanceof UserError) text = `${e.message}${e.hint ? ` (${e.hint})` : ''}`;
  else if (e instanceof ToolInputError) text = e.message;
  else text = `internal error: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
  return { content: [{ type: 'text', text }], isError: true };
}

/** Wraps a tool handler so that whatever it throws becomes a tool error. */
export function guarded<A extends unknown[]>(fn: (...args: A) => Promise<CallToolResult> | CallToolResult) {
  return async (...args: A): Promise<CallToolResult> => {
    try {
      return await fn(...args);
    } catch (e) {
      return failure(e);
    }
  };
}
