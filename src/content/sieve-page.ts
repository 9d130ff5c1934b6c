/**
 * The content script's first look at a page (docs/decisions/007 and 008): does it hold anything
 * the scanner could mark, and where? Every text node is read once, in slices, and the sieve
 * (src/core/match/sieve.ts) runs natively over their text, joined. Where it finds candidates it
 * reads on (with anchors alone) and reports the text nodes it pointed at; the scanner's first
 * scan takes just their blocks. A page without one costs little more than reading its text.
 *
 * Open shadow roots and custom elements not yet defined leave the whole page to the scanner:
 * their text is out of the walk's reach, and the scanner finds and watches them.
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

/** Whether an element may hold text the text walk cannot reach, now or once it is defined. */
export function hidesText(el: Element, tag = el.localName): boolean {
  return (canHostShadow(tag) && el.shadowRoot !== null) || (tag.includes('-') && !el.matches(':defined'));
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
 * the scanner must look for everywhere (a shadow root or an undefined custom element, which hide
 * text from the walk, or more text nodes than a scan of parts does well with).
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
    this.#starts.push(this.#length);
    this.#nodes.push(node);
    this.#texts.push(node.data);
    this.#length += node.data.length;
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

/** What `read` returns where an element hides text from the walk (`hidesText`). */
const HIDDEN = Symbol('hidden');

/**
 * Reads text nodes into `chunks`, from `n` (the walker's current node, itself included) on in
 * document order, passing over the elements the scanner skips, until `chunks` holds `full` texts
 * or the walk ends: the node to go on from (null at the end), or HIDDEN.
 */
function read(walker: TreeWalker, n: Node | null, chunks: Chunks, full = Infinity): Node | null | typeof HIDDEN {
  while (n) {
    if (n.nodeType === 3) {
      chunks.push(n as Text);
      n = walker.nextNode();
      if (chunks.size >= full) return n;
      continue;
    }
    const tag = (n as Element).localName;
    if (skipped(tag)) n = pastSubtree(walker);
    else if (hidesText(n as Element, tag)) return HIDDEN;
    else n = walker.nextNode();
  }
  return null;
}

/** A walker of the elements and text under `root`; a filter would cost a call into script per node. */
const walkerOf = (root: Node) => (root.ownerDocument ?? (root as Document)).createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);

/**
 * Reads the text under `root` in slices and sieves it: where it finds candidates, the text nodes
 * they lie in, so that the scanner's first scan can take just their blocks.
 */
export async function sievePage(root: Node, re: Sieve, options: SliceOptions = {}): Promise<Candidates> {
  const { sliceMs = 8, now = () => performance.now(), yieldToPage = defaultYield } = options;
  const chunks = new Chunks(re, MAX_POINTED);
  const walker = walkerOf(root);
  let sliceStart = now();
  for (let n: Node | null = root; ; ) {
    const next = read(walker, n, chunks, CHUNK);
    if (next === HIDDEN || chunks.flush()) return 'everywhere';
    if (!next) break;
    n = next;
    if (now() - sliceStart > sliceMs) {
      await yieldToPage();
      sliceStart = now();
      // The page may have taken the node the walk goes on from: where it stood is lost, and
      // what follows it unread, so the scanner reads everything instead (a rare cost).
      if (!root.contains(n)) return 'everywhere';
    }
  }
  const { size } = chunks.pointed;
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
      } else if (node.nodeType === 1 && read(walkerOf(node), node, chunks) === HIDDEN) {
        return true;
      }
    }
  }
  return chunks.flush();
}
