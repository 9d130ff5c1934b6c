/**
 * The content script's first look at a page (docs/decisions/007 and 008): does it hold anything
 * the scanner could mark, and where? Every text node is read once, in slices, and the sieve
 * (src/core/match/sieve.ts) runs natively over their text, joined. Where it finds candidates it
 * reads on (with anchors alone) and reports the text nodes it pointed at; the scanner's first
 * scan takes just their blocks. A page without one costs little more than reading its text.
 *
 * Told to (`SieveHooks`), it reads open shadow trees and custom elements not yet defined, and
 * says which it met, so that the content script can watch them; a page with either and a
 * candidate is left whole to the scanner, whose first scan must find and watch them too.
 */
import { sieve, type Sieve } from '../core/match/sieve';
import { canHostShadow } from './shadow-hosts';
import { NEVER_RENDERED, NOT_PROSE } from './skipped-tags';
import { defaultYield } from './yield';

/** Text nodes read before the sieve runs over their text and the clock is looked at. */
const CHUNK = 256;
/** Text carried over from the end of one chunk into the next: more than an anchor can span. */
const CARRY = 24;

export interface SliceOptions {
  sliceMs?: number;
  now?: () => number;
  yieldToPage?: () => Promise<void>;
}

/** Elements whose text the scanner never reads (skipped-tags.ts): nor does the sieve. */
const skipped = (tag: string) => NEVER_RENDERED.has(tag) || NOT_PROSE.has(tag);

/** Moves `walker` past the subtree of its current node; the node after it, or null. */
function pastSubtree(walker: TreeWalker): Node | null {
  let next = walker.nextSibling();
  while (!next && walker.parentNode()) next = walker.nextSibling();
  return next;
}

/**
 * What the sieve found on a page: no candidate; candidates in these text nodes; or candidates
 * the scanner must look for everywhere (on a page with a shadow root or an undefined custom
 * element, or in more text nodes than a scan of parts does well with).
 */
export type Candidates = 'none' | 'everywhere' | Text[];

/**
 * The most text nodes a first scan takes one by one (with the rest of their block), in all and
 * as a share of the page's text nodes; with more, it walks the whole page, which then costs
 * less than a walk per block.
 */
export const MAX_POINTED = 48;
const MAX_POINTED_SHARE = 1 / 16;

/** Text read in order, sieved a chunk at a time; a chunk starts with the end of the one before. */
class Chunks {
  #nodes: Text[] = [];
  #texts: string[] = [];
  #starts: number[] = [];
  #length = 0;
  #carried = 0;
  readonly #re: Sieve;
  readonly #limit: number;
  /** The text nodes the sieve pointed at. */
  readonly pointed = new Set<Text>();

  /** Stops at the first candidate, or once more than `limit` text nodes hold one. */
  constructor(re: Sieve, limit = 0) {
    this.#re = re;
    this.#limit = limit;
  }

  get size(): number {
    return this.#texts.length;
  }

  /** More text nodes pointed at than `limit`: no need to read on. */
  get done(): boolean {
    return this.pointed.size > this.#limit;
  }

  push(node: Text): void {
    this.read++;
    // Read once: each read crosses into the page (see Walk.read).
    const text = node.data;
    this.#starts.push(this.#length);
    this.#nodes.push(node);
    this.#texts.push(text);
    this.#length += text.length;
  }

  /** Sieves what was pushed, then keeps its last texts to join the next chunk; true when done. */
  flush(): boolean {
    if (this.#texts.length > this.#carried) {
      // Once the page is a candidate, anchors are enough to say where mentions may lie.
      const anchorsOnly = () => this.pointed.size > 0;
      sieve(this.#texts.join(''), this.#re, (start, end) => this.#point(start, end), this.#starts, { anchorsOnly });
    }
    let keep = this.#texts.length;
    for (let chars = 0; keep > 0 && chars < CARRY; ) chars += this.#texts[--keep]!.length;
    this.#nodes = this.#nodes.slice(keep);
    this.#texts = this.#texts.slice(keep);
    this.#starts = [];
    this.#length = 0;
    for (const text of this.#texts) {
      this.#starts.push(this.#length);
      this.#length += text.length;
    }
    this.#carried = this.#texts.length;
    return this.done;
  }

  /** Text nodes pushed so far. */
  read = 0;

  /** Keeps the text nodes that [start, end) of the joined text lies in; true when done. */
  #point(start: number, end: number): boolean {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    for (let i = lo; i < starts.length && starts[i]! < end; i++) this.pointed.add(this.#nodes[i]!);
    return this.done;
  }
}

/** What `Walk.read` returns where an element hides text it was not told to reach. */
const HIDDEN = Symbol('hidden');

/**
 * Text nodes under a root in document order, passing over the elements the scanner skips. With
 * `onShadowRoot`, it reads each open shadow tree where its host stands; with
 * `onUndefinedElement`, it reads on through custom elements not yet defined. Without them,
 * such an element stops it (HIDDEN), leaving the page to the scanner.
 */
class Walk {
  /** A walker per tree: the root's, then the shadow tree the walk is in, and so on. */
  readonly #walkers: TreeWalker[];
  /** The node to read next, in the last walker's tree; null at the end. */
  #next: Node | null;
  readonly #hooks: SieveHooks;
  /** Whether the walk met an open shadow root or an undefined custom element. */
  metHidden = false;

  constructor(root: Node, hooks: SieveHooks = {}) {
    const walker = walkerOf(root);
    this.#walkers = [walker];
    // The element the walk starts from counts too (a shadow root on <body>); a shadow root does not.
    this.#next = root.nodeType === 1 ? root : walker.nextNode();
    this.#hooks = hooks;
  }

  /**
   * Reads text nodes into `chunks` until it holds `full` texts: false once the walk has ended
   * (a shadow tree read to its end may still have its host's children and more after it).
   */
  read(chunks: Chunks, full = Infinity): boolean | typeof HIDDEN {
    const walkers = this.#walkers;
    let walker = walkers[walkers.length - 1]!;
    let n = this.#next;
    for (;;) {
      if (!n) {
        if (walkers.length === 1) break;
        // Out of a shadow tree: on to its host's own children.
        walkers.pop();
        walker = walkers[walkers.length - 1]!;
        n = walker.nextNode();
        continue;
      }
      // Text has no localName, and the walk shows only elements and text: one read into the
      // page tells them apart and names the element, where nodeType and localName are two.
      // Each read crosses into the page's DOM, which costs a Firefox content script far more
      // than a Chromium one (docs/performance.md).
      const tag = (n as Element).localName as string | undefined;
      if (tag === undefined) {
        chunks.push(n as Text);
        n = walker.nextNode();
        if (chunks.size >= full) break;
        continue;
      }
      const el = n as Element;
      if (skipped(tag)) {
        n = pastSubtree(walker);
        continue;
      }
      if (canHostShadow(tag)) {
        const shadow = el.shadowRoot;
        if (shadow) {
          if (!this.#hooks.onShadowRoot) return HIDDEN;
          this.metHidden = true;
          this.#hooks.onShadowRoot(shadow);
          walker = walkerOf(shadow);
          walkers.push(walker);
          n = walker.nextNode();
          continue;
        }
        if (tag.includes('-') && !el.matches(':defined')) {
          if (!this.#hooks.onUndefinedElement) return HIDDEN;
          this.metHidden = true;
          this.#hooks.onUndefinedElement(el);
        }
      }
      n = walker.nextNode();
    }
    this.#next = n;
    return n !== null || walkers.length > 1;
  }

  /**
   * Whether the page left in place the nodes the walk goes on from (after a yield): where one
   * went, what follows it is unread.
   */
  get intact(): boolean {
    const walkers = this.#walkers;
    return walkers.every((w, i) => {
      const at = i === walkers.length - 1 ? this.#next : w.currentNode;
      return !at || (at.isConnected && w.root.contains(at));
    });
  }
}

/** A walker of the elements and text under `root`; a filter would cost a call into script per node. */
const walkerOf = (root: Node) => (root.ownerDocument ?? (root as Document)).createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);

/**
 * What the content script is told of as the sieve walks, so that it can reach text the walk
 * alone would leave to the scanner (the names the scanner's walk uses, collect-text.ts).
 */
export interface SieveHooks {
  /** Told of each open shadow root the walk enters, to watch it for changes. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /**
   * Told of each custom element met before its definition, without a shadow root: it may get
   * one when it is defined, which no MutationObserver reports.
   */
  onUndefinedElement?: (element: Element) => void;
}

/**
 * Reads the text under `root` in slices and sieves it: where it finds candidates, the text nodes
 * they lie in, so that the scanner's first scan can take just their blocks. Candidates on a page
 * with open shadow roots or undefined custom elements send the scanner everywhere, since its
 * first scan must find and watch those too.
 */
export async function sievePage(root: Node, re: Sieve, options: SliceOptions & SieveHooks = {}): Promise<Candidates> {
  const { sliceMs = 8, now = () => performance.now(), yieldToPage = defaultYield } = options;
  const chunks = new Chunks(re, MAX_POINTED);
  const walk = new Walk(root, options);
  let sliceStart = now();
  for (;;) {
    const more = walk.read(chunks, CHUNK);
    if (more === HIDDEN || chunks.flush()) return 'everywhere';
    if (!more) break;
    if (now() - sliceStart > sliceMs) {
      await yieldToPage();
      sliceStart = now();
      // The page may have taken a node the walk goes on from (a rare cost).
      if (!walk.intact) return 'everywhere';
    }
  }
  const { size } = chunks.pointed;
  if (size > 0 && walk.metHidden) return 'everywhere';
  if (size > chunks.read * MAX_POINTED_SHARE) return 'everywhere';
  return size > 0 ? [...chunks.pointed] : 'none';
}

/** Whether the text the page added or changed (`records`) holds a candidate. */
export function sieveChanges(records: readonly MutationRecord[], re: Sieve): boolean {
  const chunks = new Chunks(re);
  for (const r of records) {
    const nodes = r.type === 'characterData' ? [r.target] : [...r.addedNodes];
    for (const node of nodes) {
      if (node.nodeType === 3) {
        const parent = node.parentNode;
        if (parent?.nodeType === 1 && skipped((parent as Element).localName)) continue;
        chunks.push(node as Text);
      } else if (node.nodeType === 1 && new Walk(node).read(chunks) === HIDDEN) {
        return true;
      }
    }
  }
  return chunks.flush();
}
