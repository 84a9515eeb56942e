import { useRef } from 'preact/hooks';

/**
 * `fn(a, b)`, recomputed only when `a` or `b` changes (by identity): a useMemo that makes no
 * closure. Why it matters: Preact keeps the factory of a useMemo and the callback of a useEffect
 * from the render in which their dependencies last changed, and V8 gives all closures of one call
 * a single shared context holding every variable any of them uses. So one long-lived closure of an
 * old render kept that render's capture rows (and their request bodies) alive after the memory
 * bound had dropped them: ~180 dropped 200 kB events in some bench runs, 1.7x the bodies the panel
 * meant to hold. With `fn` at module level, the rows never enter the component's closure context.
 */
export function useDerived<A, B, R>(fn: (a: A, b: B) => R, a: A, b: B): R {
  const memo = useRef<{ a: A; b: B; value: R }>();
  const m = memo.current;
  if (m !== undefined && m.a === a && m.b === b) return m.value;
  const value = fn(a, b);
  memo.current = { a, b, value };
  return value;
}
