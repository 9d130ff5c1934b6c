/**
 * Paints mentions with the CSS Custom Highlight API: the page's DOM and text stay untouched.
 * The `::highlight(backstory-mention)` style ships as the content script's CSS (content.css),
 * so no <style> element is added to the page.
 *
 * A document's style sheets do not reach into shadow trees: Firefox paints a highlight inside a
 * shadow root only with a `::highlight()` rule of that root's own (Chromium 156 lets the style
 * inherit from the host; the same sheet keeps both alike). So the first mention
 * painted inside an open shadow root adds one constructed style sheet, shared by every root, to
 * the end of that root's `adoptedStyleSheets`: the page's own sheets stay, and no node is added.
 */

// The same rules the browser injects as content.css, for shadow roots (bundled as text).
import highlightCss from './content.css';

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
  const styleShadowRoot = shadowStyler(win);
  return {
    add: (range) => {
      styleShadowRoot(range.startContainer);
      highlight.add(range);
    },
    delete: (range) => void highlight.delete(range),
    clear: () => highlight.clear(),
  };
}

/**
 * Gives the shadow root `node` lies in (if any) the highlight style, once per root. Checked
 * again on each use, since a page may assign its roots' `adoptedStyleSheets` anew.
 */
export function shadowStyler(win: Window & typeof globalThis): (node: Node) => void {
  let sheet: CSSStyleSheet | null = null;
  return (node) => {
    const root = node.getRootNode();
    if (root.nodeType !== 11 || !('adoptedStyleSheets' in root)) return;
    const shadow = root as ShadowRoot;
    try {
      if (!sheet) {
        sheet = new win.CSSStyleSheet();
        sheet.replaceSync(highlightCss);
      }
      if (shadow.adoptedStyleSheets.includes(sheet)) return;
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
    } catch {
      // Constructed sheets missing or refused: the mention stays hoverable, unpainted here.
    }
  };
}
