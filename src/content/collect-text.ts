/**
 * Collects the page's readable text as runs: the text of consecutive inline content inside one
 * block, joined, with a map back to the text nodes it came from. Names split by inline markup
 * (`Volodymyr <a>Zelensky</a>`, `Ru<span>bio</span>`, a soft hyphen) match inside one run; text
 * in different blocks never joins (`<p>Marco</p><p>Rubio</p>` is not a mention).
 *
 * What is skipped, and why (docs/mention-detection.md has the list with reasons):
 * - never rendered, so the text around joins as if they were absent: script, style, noscript,
 *   template, head, and elements hidden by markup (`hidden`, inline `display: none`, a closed
 *   `<details>` beyond its summary, a dialog that is not open);
 * - shown but not prose, so they also end the run: form controls, editable regions, code
 *   (`code`, `kbd`, `samp`; a `pre` is prose unless its content is code), embedded documents
 *   and graphics, and the extension's own UI.
 * `aria-hidden` content is scanned: it hides text from assistive technology, not from readers.
 * Open shadow roots are walked where their host stands, as runs of their own (shadow text never
 * joins the text around its host); closed ones cannot be reached, and stay out.
 * Whether an element is hidden by a style sheet is not asked: that needs layout, differs between
 * a browser and a parsed file, and a highlight on text that is not displayed paints nothing.
 *
 * Only DOM APIs on the nodes passed in, so it also runs on a parsed DOM in node.
 */

import { canHostShadow } from './shadow-hosts';
import { NEVER_RENDERED, NOT_PROSE } from './skipped-tags';

export interface TextPiece {
  node: Text;
  /** Offset of this node's first character within the run's text. */
  start: number;
}

export interface TextRun {
  text: string;
  pieces: TextPiece[];
}

export interface CollectOptions {
  /** An element of the extension's own UI, never scanned. */
  ownHost?: Element | null;
  /** Told of each open shadow root the walk enters (to watch it for changes). */
  onShadowRoot?: (root: ShadowRoot) => void;
  /**
   * Told of each custom element met before its definition, without a shadow root: it may get
   * one when it is defined, which no MutationObserver reports.
   */
  onUndefinedElement?: (element: Element) => void;
  /**
   * What `isExcluded` found for nodes already asked about, kept over one scan of many parts,
   * whose roots share most of their ancestors: each ancestor is then read once, not once per
   * part. Every read crosses into the page, which costs Firefox far more than Chromium.
   */
  excluded?: Map<Node, boolean>;
}

/** Elements that flow inline with their neighbours; any other element ends a run. */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'dfn', 'em', 'font', 'i', 'ins', 'del',
  'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'label',
  'nobr', 'tt', 'big', 'strike', 'acronym', 'ruby', 'rb', 'output',
]);


const DISPLAY_NONE = /(?:^|;)\s*display\s*:\s*none\s*(?:!important\s*)?(?:;|$)/i;

/** Whether an inline `style` attribute takes the element out of rendering. */
export const styleHides = (style: string | null): boolean => style !== null && DISPLAY_NONE.test(style);

/** Whether a `contenteditable` attribute value makes the element editable. */
export const editableValue = (value: string | null): boolean => value !== null && value.toLowerCase() !== 'false';

const enum Skip {
  No,
  /** Skipped; the text around it joins. */
  Invisible,
  /** Skipped; it ends the run. */
  Boundary,
}

/** The element's name in lower case ("p", "my-widget"): `localName`, the cheapest to read. */
const tagOf = (el: Element) => el.localName;


/** The parent in the composed tree: a shadow root's parent is its host. */
export function composedParent(node: Node): Node | null {
  return node.parentNode ?? (node.nodeType === 11 ? ((node as ShadowRoot).host ?? null) : null);
}

/** A closed `<details>` shows its summary only. */
function inClosedDetails(node: Node): boolean {
  const parent = node.parentNode;
  return !!parent && parent.nodeType === 1 && tagOf(parent as Element) === 'details' && !(parent as Element).hasAttribute('open');
}

function skipOf(el: Element, ownHost: Element | null | undefined, tag = tagOf(el)): Skip {
  return skipOwn(el, ownHost, tag) ?? (tag !== 'summary' && inClosedDetails(el) ? Skip.Invisible : Skip.No);
}

/** skipOf without the parent's part (a closed `<details>`), or null where that decides. */
function skipOwn(el: Element, ownHost: Element | null | undefined, tag: string): Skip | null {
  if (NEVER_RENDERED.has(tag)) return Skip.Invisible;
  if (el === ownHost || NOT_PROSE.has(tag)) return Skip.Boundary;
  // Most elements of an article carry no attribute: one call answers the three checks below.
  if (!el.hasAttributes()) return tag === 'dialog' ? Skip.Invisible : null;
  if (el.hasAttribute('hidden') || styleHides(el.getAttribute('style'))) return Skip.Invisible;
  if (tag === 'dialog' && !el.hasAttribute('open')) return Skip.Invisible;
  // Editable regions hold the reader's own typing; marking it would be noise.
  if (editableValue(el.getAttribute('contenteditable'))) return Skip.Boundary;
  return null;
}

/** A closed `<details>`, whose children other than its summary are not shown. */
const isClosedDetails = (el: Element, tag: string) => tag === 'details' && !el.hasAttribute('open');

/**
 * Whether `node` lies in a part of the page that is never scanned (inside a script, a form
 * field, an editable region, the extension's UI, …), judged by it and its ancestors.
 */
export function isExcluded(node: Node, options: CollectOptions = {}): boolean {
  const doc = node.ownerDocument;
  if (doc?.designMode === 'on') return true;
  const known = options.excluded;
  /** The nodes asked about on the way up: each is excluded exactly when the answer is yes. */
  const asked: Node[] = [];
  let excluded = false;
  // Up from the node (a text node or an element) through shadow roots to their hosts: a shadow
  // tree inside a hidden or editable host is hidden too. Each step reads its parent's kind and
  // tag once: for this node's closed-<details> check, and as the next step's own. Every read
  // crosses into the page (see CollectOptions.excluded).
  let n: Node | null = node.nodeType === 1 || node.nodeType === 3 ? node : composedParent(node);
  let kind = n?.nodeType;
  let tag = kind === 1 ? tagOf(n as Element) : '';
  while (n) {
    const answer = known?.get(n);
    if (answer !== undefined) {
      excluded = answer;
      break;
    }
    if (kind !== 3) asked.push(n);
    if (kind !== 1 && kind !== 3 && kind !== 11) break;
    const parent = composedParent(n);
    const parentKind = parent?.nodeType;
    const parentTag = parentKind === 1 ? tagOf(parent as Element) : '';
    const own = kind === 1 ? skipOwn(n as Element, options.ownHost, tag) : null;
    // As skipOf: a child of a closed <details> other than its summary is not shown.
    if (own !== null ? own !== Skip.No : kind !== 11 && tag !== 'summary' && parentTag === 'details' && isClosedDetails(parent as Element, parentTag)) {
      excluded = true;
      break;
    }
    n = parent;
    kind = parentKind;
    tag = parentTag;
  }
  if (known) for (const a of asked) known.set(a, excluded);
  return excluded;
}

/** The readable text runs under `root`, in document order. */
export function collectTextRuns(root: Node, options: CollectOptions = {}): TextRun[] {
  const runs: TextRun[] = [];
  for (const run of textRuns(root, options)) if (run) runs.push(run);
  return runs;
}

/** How many nodes the walk visits before offering its caller a pause, when no run ended. */
const PAUSE_EVERY = 256;

/**
 * The same runs, one at a time, with `null` now and then as a place to pause, so a caller can
 * keep each task short. If the page removes the node the walk had reached while it was paused,
 * the walk stops and returns 'interrupted': the caller should walk `root` again.
 */
export function* textRuns(root: Node, options: CollectOptions = {}, part?: Part): Generator<TextRun | null, 'done' | 'interrupted'> {
  if (isExcluded(root, options)) return 'done';
  return yield* walk(root, options, part);
}

/**
 * Consecutive children of a walk's root, `first` to `last`: walked alone, they give the same runs
 * as the whole root when the children on either side end runs (see `endsRun`).
 */
export interface Part {
  first: Node;
  last: Node;
}

/**
 * Whether `node`, as a child of a block, always ends the runs on either side of it: a block, or
 * a skipped element that ends runs. Text, inline elements and never-rendered ones do not.
 */
export function endsRun(node: Node, options: CollectOptions = {}): boolean {
  if (node.nodeType !== 1) return false;
  const skip = skipOf(node as Element, options.ownHost);
  return skip === Skip.Boundary || (skip === Skip.No && !INLINE.has(tagOf(node as Element)));
}

/** textRuns without the check of `root`'s ancestors, which the caller has made. */
function* walk(root: Node, options: CollectOptions, part?: Part): Generator<TextRun | null, 'done' | 'interrupted'> {
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

  // No NodeFilter: a filter is a call from the browser into script for every node, which cost
  // more than the rest of the walk together (docs/performance.md); the loop skips subtrees itself.
  // Constants by value: this runs in node too, where there is no global NodeFilter.
  const SHOW_ELEMENT = 0x1;
  const SHOW_TEXT = 0x4;
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
  /** Whether the page took away the node the walk stands on while it was paused. */
  const lost = () => {
    const at = walker.currentNode;
    return at !== root && !root.contains(at);
  };
  /** A skipped element that ends the run was passed since the last node the walk returned. */
  let boundary = false;
  /** Moves the walk past the current node's subtree: the next node within `root`, or null. */
  const skipSubtree = (): Node | null => {
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      const parent = walker.parentNode();
      if (!parent || parent === root) return null;
    }
  };

  // A run ends wherever a block boundary lies between two text nodes: at the start or end of
  // any non-inline element. Tracking the last text node's nearest block ancestor catches ends;
  // meeting a non-inline element in the walk catches starts.
  let lastBlock: Node | null = null;
  /** The parent of the last text node, whose block is `lastBlock`. */
  let lastParent: Node | null = null;
  /**
   * The closed `<details>` elements met so far (almost always none): a child of one is shown
   * only if it is the summary. Kept as a set so that no node needs its parent's tag asked.
   */
  const closedDetails = new Set<Node>();
  if (root.nodeType === 1 && isClosedDetails(root as Element, tagOf(root as Element))) closedDetails.add(root);
  let visited = 0;
  // A part starts at its first child and ends where the child after its last would begin.
  if (part) walker.currentNode = part.first;
  const end = part ? part.last.nextSibling : null;
  for (let n: Node | null = walker.currentNode; n && n !== end; ) {
    let shadow: ShadowRoot | null = null;
    let inline = true;
    // Read once: each read crosses into the page.
    const kind = n.nodeType;
    if (kind === 1) {
      const el = n as Element;
      const tag = tagOf(el);
      if (n !== root) {
        let skip = skipOwn(el, options.ownHost, tag) ?? Skip.No;
        if (skip === Skip.No && tag !== 'summary' && closedDetails.size > 0 && closedDetails.has(el.parentNode!)) skip = Skip.Invisible;
        if (skip !== Skip.No) {
          if (skip === Skip.Boundary) boundary = true;
          n = skipSubtree();
          continue;
        }
        inline = INLINE.has(tag);
        if (isClosedDetails(el, tag)) closedDetails.add(el);
      }
      shadow = canHostShadow(tag) ? el.shadowRoot : null;
      if (!shadow && options.onUndefinedElement && tag.includes('-') && !el.matches(':defined')) {
        options.onUndefinedElement(el);
      }
    } else if (n !== root && closedDetails.size > 0 && closedDetails.has(n.parentNode!)) {
      n = walker.nextNode();
      continue;
    }
    let ended: TextRun | null = null;
    if (boundary) {
      ended = flush();
      boundary = false;
    }
    if (kind === 1) {
      if (!inline) ended ??= flush();
    } else if (kind === 3) {
      // Text nodes with the same parent share its block: the common case needs one call.
      const parent = n.parentNode;
      const block: Node | null = parent === lastParent ? lastBlock : blockAncestor(n, root);
      if (block !== lastBlock) ended ??= flush();
      lastBlock = block;
      lastParent = parent;
      const node = n as Text;
      pieces.push({ node, start: text.length });
      text += node.data;
    }
    if (ended || ++visited % PAUSE_EVERY === 0) {
      yield ended;
      if (lost()) return 'interrupted';
    }
    if (shadow) {
      // The shadow tree is drawn where its host stands, apart from the text around it.
      const before = flush();
      if (before) {
        yield before;
        if (lost()) return 'interrupted';
      }
      options.onShadowRoot?.(shadow);
      if ((yield* walk(shadow, options)) === 'interrupted' || lost()) return 'interrupted';
      boundary = true;
      lastBlock = null;
      lastParent = null;
    }
    n = walker.nextNode();
  }
  const last = flush();
  if (last) yield last;
  return 'done';
}

/**
 * The nearest ancestor (or `root`) that is not inline: the smallest subtree whose re-scan
 * recovers every run that passes through `node`.
 */
export function blockAncestor(node: Node, root: Node | null = null): Node {
  let p = node.parentNode;
  while (p && p !== root && p.nodeType === 1 && INLINE.has(tagOf(p as Element))) {
    p = p.parentNode;
  }
  return p ?? root ?? node;
}

/**
 * The subtree to re-scan when the children of `node` changed: the node itself when it is a
 * block (its runs end at its edges), else its nearest block ancestor.
 */
export function scanRootFor(node: Node): Node {
  if (node.nodeType === 1 && !INLINE.has(tagOf(node as Element))) return node;
  return blockAncestor(node);
}

/**
 * The text node and offset within it for a run offset, and the node's index among the run's
 * pieces; an end offset prefers the earlier node.
 */
export function locate(run: TextRun, offset: number, isEnd: boolean): { node: Text; offset: number; index: number } {
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
  return { node: piece.node, offset: offset - piece.start, index: lo };
}
