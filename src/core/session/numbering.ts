/**
 * One numbering and one vocabulary in every output (panel, findings, budgets, blame, every report,
 * the JSON), chosen by what a Mesop user counts:
 * - events by their position in the session, from #0 (the page load is usually event #0), the
 *   same number as the panel's list and the JSON `index`: "event #3";
 * - state classes from #1, in the order the app registers them (only their position crosses the
 *   wire: Python class names do not): "state class #1", and `stateClass: 1` in every data shape.
 * Arrays that hold one entry per class (the mirror, `fieldBytes[event]`) are indexed by position:
 * `classPosition(stateClass)`.
 */
export const stateClassNumber = (position: number): number => position + 1;
export const classPosition = (stateClass: number): number => stateClass - 1;
export const stateClassLabel = (stateClass: number): string => `state class #${stateClass}`;
export const eventLabel = (index: number): string => `event #${index}`;
