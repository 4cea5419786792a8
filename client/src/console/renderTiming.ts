/**
 * How long the radar takes from its list arriving to its cells on screen (docs/performance.md).
 * Two user-timing measures, read with performance.getEntriesByName:
 * - `radar:first-paint`: from the `radar:list` answer arriving to the first frame painted with
 *   the cells (it includes waiting for the console's state, if that comes after the list);
 * - `radar:first-render`: from the start of the render that first had both to that same frame
 *   (React's render, the commit, style, layout and paint of every cell);
 * - `radar:first-commit`: the React part of it, from that render's start to its commit.
 * Only the first load is measured: nothing piles up in a long session.
 */
const ARRIVED = 'radar:list-arrived';
const RENDER = 'radar:render-start';
export const RADAR_MEASURE = 'radar:first-paint';
export const RADAR_RENDER_MEASURE = 'radar:first-render';
export const RADAR_COMMIT_MEASURE = 'radar:first-commit';
let state: 'waiting' | 'arrived' | 'rendering' | 'committed' | 'done' = 'waiting';

export function markRadarArrived(): void {
  if (state !== 'waiting' || typeof performance === 'undefined') return;
  performance.mark(ARRIVED);
  state = 'arrived';
}

/** Call while rendering the radar with `cells` cells (and its list in hand). */
export function markRadarRender(cells: number): void {
  if (state !== 'arrived' || cells === 0) return;
  performance.mark(RENDER);
  state = 'rendering';
}

/** Call from a layout effect: React has committed the cells (the browser has not laid them out yet). */
export function markRadarCommitted(): void {
  if (state !== 'rendering') return;
  performance.measure(RADAR_COMMIT_MEASURE, RENDER);
  state = 'committed';
}

/** Call after the commit that shows the cells: measures at the next frame (after paint). */
export function markRadarPainted(): void {
  if (state !== 'committed') return;
  state = 'done';
  requestAnimationFrame(() =>
    // The frame's paint happens after rAF callbacks: a task queued from here runs once it is done.
    setTimeout(() => {
      performance.measure(RADAR_MEASURE, ARRIVED);
      performance.measure(RADAR_RENDER_MEASURE, RENDER);
      performance.clearMarks(ARRIVED);
      performance.clearMarks(RENDER);
    }, 0),
  );
}
