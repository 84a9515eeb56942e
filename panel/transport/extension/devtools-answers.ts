/**
 * What the DevTools APIs' promises resolve with differs by browser, measured: Chrome 156 has a
 * native `browser` namespace (webextension-polyfill then passes it through) whose
 * `inspectedWindow.eval()` resolves with the value and rejects on an exception, and whose
 * `getContent()` resolves with `{ content, encoding }`; Firefox resolves both with an array
 * (`[result, exceptionInfo]`, `[content, mimeType]`), as does the polyfill over an older Chrome's
 * callbacks. These read any of them. No browser API here, so they are unit-tested.
 */

export interface EvalError {
  isException?: boolean;
  isError?: boolean;
}

/** `inspectedWindow.eval()`'s answer -> the value and the error, if any. */
export function evalAnswer(answer: unknown): { result: unknown; error: EvalError | undefined } {
  if (Array.isArray(answer)) return { result: answer[0], error: (answer[1] ?? undefined) as EvalError | undefined };
  return { result: answer, error: undefined };
}

/** `getContent()`'s answer -> the body text, or null when there is none. */
export function contentAnswer(answer: unknown): string | null {
  const text = Array.isArray(answer)
    ? answer[0]
    : answer !== null && typeof answer === 'object'
      ? (answer as { content?: unknown }).content
      : answer;
  return typeof text === 'string' ? text : null;
}
