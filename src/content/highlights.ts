/**
 * Paints mentions with the CSS Custom Highlight API: the page's DOM and text stay untouched.
 * The `::highlight(backstory-mention)` style ships as the content script's CSS (content.css),
 * so no <style> element is added to the page.
 */

export const HIGHLIGHT_NAME = 'backstory-mention';

export interface Painter {
  add(range: Range): void;
  delete(range: Range): void;
  clear(): void;
}

/** Whether this window can paint highlights at all (Chrome 105+, Firefox 140+). */
export function canPaint(win: Window & typeof globalThis): boolean {
  return typeof win.Highlight === 'function' && typeof win.CSS?.highlights?.set === 'function';
}

export function createPainter(win: Window & typeof globalThis): Painter {
  const highlight = new win.Highlight();
  win.CSS.highlights.set(HIGHLIGHT_NAME, highlight);
  return {
    add: (range) => void highlight.add(range),
    delete: (range) => void highlight.delete(range),
    clear: () => highlight.clear(),
  };
}
