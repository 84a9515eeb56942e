/**
 * The DevTools APIs' promise answers as each browser gives them (measured in Chromium 156 with
 * its native `browser` namespace; Firefox's documented arrays; the polyfill's arrays over an
 * older Chrome's callbacks).
 */
import { contentAnswer, evalAnswer } from '../../panel/transport/extension/devtools-answers';

it("reads inspectedWindow.eval()'s answer from Chrome (the value) and Firefox ([value, exceptionInfo])", () => {
  expect(evalAnswer(1796667707272.4)).toEqual({ result: 1796667707272.4, error: undefined });
  expect(evalAnswer([1796667707272.4, undefined])).toEqual({ result: 1796667707272.4, error: undefined });
  const thrown = { isException: true, value: 'ReferenceError: x is not defined' };
  expect(evalAnswer([undefined, thrown])).toEqual({ result: undefined, error: thrown });
});

it("reads getContent()'s answer from Chrome ({ content, encoding }) and Firefox ([content, mimeType])", () => {
  expect(contentAnswer({ content: '<p>hi</p>', encoding: '' })).toBe('<p>hi</p>');
  expect(contentAnswer(['data: x\n\n', 'text/event-stream'])).toBe('data: x\n\n');
  expect(contentAnswer({ content: null, encoding: '' })).toBeNull();
  expect(contentAnswer([undefined, ''])).toBeNull();
  expect(contentAnswer(undefined)).toBeNull();
});
