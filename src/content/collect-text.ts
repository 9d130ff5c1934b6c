/**
 * Collects the page's readable text as runs: the text of consecutive inline content inside one
 * block, joined, with a map back to the text nodes it came from. Names split by inline markup
 * (`Volodymyr <a>Zelensky</a>`) match inside one run; text in different blocks never joins
 * (`<p>Marco</p><p>Rubio</p>` is not a mention).
 *
 * Only DOM APIs, no browser globals beyond the document passed in, so it also runs on a parsed
 * DOM in node.
 */

export interface TextPiece {
  node: Text;
  /** Offset of this node's first character within the run's text. */
  start: number;
}

export interface TextRun {
  text: string;
  pieces: TextPiece[];
}

/** Elements whose content is never reader-visible prose. */
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION',
  'IFRAME', 'OBJECT', 'CANVAS', 'SVG', 'MATH', 'HEAD', 'TITLE',
]);

/** Elements that flow inline with their neighbours; any other element ends a run. */
const INLINE = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'INS', 'DEL',
  'KBD', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR',
  'WBR', 'LABEL', 'NOBR', 'TT', 'BIG', 'STRIKE',
]);

export interface CollectOptions {
  /** An element of the extension's own UI, never scanned. */
  ownHost?: Element | null;
}

function isSkipped(el: Element, ownHost: Element | null | undefined): boolean {
  if (el === ownHost) return true;
  if (SKIPPED.has(el.tagName.toUpperCase())) return true;
  // Editable regions belong to the user's own typing; marking them would be noise.
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

/** The readable text runs under `root`, in document order. */
export function collectTextRuns(root: Node, options: CollectOptions = {}): TextRun[] {
  return [...textRuns(root, options)];
}

/**
 * The same runs, one at a time, so a caller can pause between them and keep each task short.
 * A walk paused across DOM changes may end early; the caller re-scans what changed.
 */
export function* textRuns(root: Node, options: CollectOptions = {}): Generator<TextRun> {
  const doc = root.ownerDocument ?? (root as Document);
  let pieces: TextPiece[] = [];
  let text = '';
  /** Ends the current run; returns it unless it holds no visible text. */
  const flush = (): TextRun | null => {
    const run = pieces.length > 0 && /\S/.test(text) ? { text, pieces } : null;
    pieces = [];
    text = '';
    return run;
  };

  // NodeFilter constants by value: the filter runs in node too, where there is no global NodeFilter.
  const SHOW_ELEMENT = 0x1;
  const SHOW_TEXT = 0x4;
  const ACCEPT = 1;
  const REJECT = 2;
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT, {
    acceptNode: (n) =>
      n.nodeType === 1 && isSkipped(n as Element, options.ownHost) ? REJECT : ACCEPT,
  });

  // A run ends wherever a block boundary lies between two text nodes: at the start or end of
  // any non-inline element. Tracking the last text node's nearest block ancestor catches ends;
  // meeting a non-inline element in the walk catches starts.
  let lastBlock: Node | null = null;
  for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
    let ended: TextRun | null = null;
    if (n.nodeType === 1) {
      if (n !== root && !INLINE.has((n as Element).tagName.toUpperCase())) ended = flush();
    } else if (n.nodeType === 3) {
      const block = blockAncestor(n, root);
      if (block !== lastBlock) ended = flush();
      lastBlock = block;
      const node = n as Text;
      pieces.push({ node, start: text.length });
      text += node.data;
    }
    if (ended) yield ended;
  }
  const last = flush();
  if (last) yield last;
}

/**
 * The nearest ancestor (or `root`) that is not inline: the smallest subtree whose re-scan
 * recovers every run that passes through `node`.
 */
export function blockAncestor(node: Node, root: Node | null = null): Node {
  let p = node.parentNode;
  while (p && p !== root && p.nodeType === 1 && INLINE.has((p as Element).tagName.toUpperCase())) {
    p = p.parentNode;
  }
  return p ?? root ?? node;
}

/** The text node and offset within it for a run offset; an end offset prefers the earlier node. */
export function locate(run: TextRun, offset: number, isEnd: boolean): { node: Text; offset: number } {
  const { pieces } = run;
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = pieces[mid]!.start;
    if (s < offset || (!isEnd && s === offset)) lo = mid;
    else hi = mid - 1;
  }
  const piece = pieces[lo]!;
  return { node: piece.node, offset: offset - piece.start };
}
