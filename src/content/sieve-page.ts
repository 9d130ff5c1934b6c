/**
 * The content script's first look at a page (docs/decisions/007): does it hold anything the
 * scanner could mark? Every text node is read once, in slices, and the sieve
 * (src/core/match/sieve.ts) runs natively over their text, joined. The first candidate ends
 * the look: the page then gets the scanner (scan.js), which walks all of it as before. A page
 * without one costs little more than reading its text.
 *
 * Open shadow roots and custom elements not yet defined count as candidates: their text is out
 * of the walk's reach, and the scanner finds and watches them.
 */
import { sieve, type Sieve } from '../core/match/sieve';
import { openShadowRoot } from './shadow-hosts';
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
  return openShadowRoot(el) !== null || (tag.includes('-') && !el.matches(':defined'));
}

/** Elements whose text the scanner never reads (skipped-tags.ts): nor does the sieve. */
const skipped = (tag: string) => NEVER_RENDERED.has(tag) || NOT_PROSE.has(tag);

/** Moves `walker` past the subtree of its current node; the node after it, or null. */
function pastSubtree(walker: TreeWalker): Node | null {
  let next = walker.nextSibling();
  while (!next && walker.parentNode()) next = walker.nextSibling();
  return next;
}

/** Text read in order, sieved a chunk at a time; a chunk starts with the end of the one before. */
class Chunks {
  #texts: string[] = [];
  #starts: number[] = [];
  #length = 0;
  #carried = 0;
  readonly #re: Sieve;
  /** The sieve pointed at something. */
  found = false;

  constructor(re: Sieve) {
    this.#re = re;
  }

  get size(): number {
    return this.#texts.length;
  }

  push(text: string): void {
    this.#starts.push(this.#length);
    this.#texts.push(text);
    this.#length += text.length;
  }

  /** Sieves what was pushed, then keeps its last texts to join the next chunk. */
  flush(): boolean {
    if (this.#texts.length > this.#carried) {
      sieve(this.#texts.join(''), this.#re, () => (this.found = true), this.#starts);
    }
    let keep = this.#texts.length;
    for (let chars = 0; keep > 0 && chars < CARRY; ) chars += this.#texts[--keep]!.length;
    this.#texts = this.#texts.slice(keep);
    this.#starts = [];
    this.#length = 0;
    for (const text of this.#texts) {
      this.#starts.push(this.#length);
      this.#length += text.length;
    }
    this.#carried = this.#texts.length;
    return this.found;
  }
}

/** Reads the text under `root` in slices; true once the sieve finds a candidate. */
export async function sievePage(root: Node, re: Sieve, options: SliceOptions = {}): Promise<boolean> {
  const { sliceMs = 8, now = () => performance.now(), yieldToPage = defaultYield } = options;
  const doc = root.ownerDocument ?? (root as Document);
  const chunks = new Chunks(re);
  // Elements too, for shadow hosts; a filter would cost a call into script for every node.
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  let sliceStart = now();
  for (let n = walker.nextNode(); n; ) {
    if (n.nodeType === 3) {
      chunks.push((n as Text).data);
      n = walker.nextNode();
      if (chunks.size < CHUNK) continue;
      if (chunks.flush()) return true;
      if (now() - sliceStart > sliceMs) {
        await yieldToPage();
        sliceStart = now();
        // The page may have taken the node the walk stood on: what follows comes by mutations.
        if (n && !root.contains(n)) break;
      }
    } else {
      const tag = (n as Element).localName;
      if (skipped(tag)) {
        n = pastSubtree(walker);
        continue;
      }
      if (hidesText(n as Element, tag)) return true;
      n = walker.nextNode();
    }
  }
  return chunks.flush();
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
        chunks.push((node as Text).data);
        continue;
      }
      if (node.nodeType !== 1) continue;
      const walker = node.ownerDocument!.createTreeWalker(node, 0x1 | 0x4);
      for (let n: Node | null = node; n; ) {
        if (n.nodeType === 3) {
          chunks.push((n as Text).data);
          n = walker.nextNode();
          continue;
        }
        const tag = (n as Element).localName;
        if (skipped(tag)) {
          n = n === node ? null : pastSubtree(walker);
          continue;
        }
        if (hidesText(n as Element, tag)) return true;
        n = walker.nextNode();
      }
    }
  }
  return chunks.flush();
}
