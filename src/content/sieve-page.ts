/**
 * The content script's first look at a page (docs/decisions/007): every text node read once, in
 * slices, and the sieve (src/core/match/sieve.ts) run natively over their text joined. What it
 * returns is where a mention could be: the text nodes the sieve pointed at. Only those, with
 * their blocks, are then walked, normalised and matched, by the scanner that loads with them.
 *
 * Open shadow roots and custom elements not yet defined make the whole page a candidate
 * (`whole`): the scanner then walks it all, as it must to find and watch those roots.
 */
import { sieve, type Sieve } from '../core/match/sieve';

/** Elements `attachShadow` accepts besides custom elements (as in collect-text.ts). */
const SHADOW_HOSTS = new Set([
  'article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'main', 'nav', 'p', 'section', 'span',
]);

/** Text nodes read before the sieve runs over their text and the clock is looked at. */
const CHUNK = 512;
/** Text carried over from the end of one chunk into the next: more than an anchor can span. */
const CARRY = 24;

export interface SieveResult {
  /** The text nodes the sieve pointed at. */
  hits: Set<Text>;
  /**
   * Scan all of the page: it has open shadow roots or undefined custom elements, or the sieve
   * pointed at so much of its text that one walk of everything costs less than many small ones.
   */
  whole: boolean;
}

/** The share of text nodes pointed at beyond which the page is scanned whole. */
const DENSE = 1 / 8;

export interface SliceOptions {
  sliceMs?: number;
  now?: () => number;
  yieldToPage?: () => Promise<void>;
}

/** Whether an element may hold text the text walk cannot reach, now or once it is defined. */
export function hidesText(el: Element): boolean {
  const tag = el.localName;
  if (tag.includes('-')) return el.shadowRoot !== null || !el.matches(':defined');
  return SHADOW_HOSTS.has(tag) && el.shadowRoot !== null;
}

/** Sieves the text of `nodes`, in order, into `hits`; `carry` joins a chunk to the one before. */
class Chunks {
  #nodes: Text[] = [];
  #texts: string[] = [];
  #carried = 0;
  readonly #re: Sieve;
  readonly hits = new Set<Text>();
  constructor(re: Sieve) {
    this.#re = re;
  }

  get size(): number {
    return this.#nodes.length;
  }

  /** How many text nodes were pushed, all chunks together. */
  read = 0;

  push(node: Text): void {
    this.read++;
    this.#nodes.push(node);
    this.#texts.push(node.data);
  }

  /** Sieves what was pushed, then keeps its last nodes to join the next chunk. */
  flush(): void {
    const nodes = this.#nodes;
    const starts = new Array<number>(nodes.length);
    let at = 0;
    for (let i = 0; i < nodes.length; i++) {
      starts[i] = at;
      at += this.#texts[i]!.length;
    }
    if (nodes.length > this.#carried) {
      sieve(this.#texts.join(''), this.#re, (start, end) => {
        // The node holding `start`, and each after it that the stretch reaches.
        let lo = 0;
        let hi = nodes.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid]! <= start) lo = mid;
          else hi = mid - 1;
        }
        for (let i = lo; i < nodes.length && starts[i]! < end; i++) this.hits.add(nodes[i]!);
      }, starts);
    }
    // Keep the last nodes, up to CARRY characters, for a key that runs into the next chunk.
    let keep = nodes.length;
    for (let chars = 0; keep > 0 && chars < CARRY; ) chars += this.#texts[--keep]!.length;
    this.#nodes = nodes.slice(keep);
    this.#texts = this.#texts.slice(keep);
    this.#carried = this.#nodes.length;
  }
}

/** Reads the text under `root` in slices and sieves it. */
export async function sievePage(root: Node, re: Sieve, options: SliceOptions = {}): Promise<SieveResult> {
  const { sliceMs = 8, now = () => performance.now(), yieldToPage = defaultYield } = options;
  const doc = root.ownerDocument ?? (root as Document);
  const chunks = new Chunks(re);
  // Elements too, for shadow hosts; a filter would cost a call into script for every node.
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  let sliceStart = now();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 3) {
      chunks.push(n as Text);
      if (chunks.size < CHUNK) continue;
      chunks.flush();
      if (now() - sliceStart > sliceMs) {
        await yieldToPage();
        sliceStart = now();
        // The page may have taken the node the walk stood on: what follows comes by mutations.
        if (!root.contains(walker.currentNode)) break;
      }
    } else if (hidesText(n as Element)) {
      return { hits: chunks.hits, whole: true };
    }
  }
  chunks.flush();
  return { hits: chunks.hits, whole: chunks.hits.size > DENSE * chunks.read };
}

/**
 * Sieves the text the page added or changed (`records`), for a page with no candidate yet.
 * Returns the nodes to scan: text the sieve pointed at, and elements that may hold text the
 * walk cannot reach (the scanner looks into those).
 */
export function sieveChanges(records: readonly MutationRecord[], re: Sieve): Node[] {
  const chunks = new Chunks(re);
  const found: Node[] = [];
  const add = (node: Node) => {
    if (node.nodeType === 3) {
      chunks.push(node as Text);
      return;
    }
    if (node.nodeType !== 1) return;
    const doc = node.ownerDocument!;
    const walker = doc.createTreeWalker(node, 0x1 | 0x4);
    for (let n: Node | null = node; n; n = walker.nextNode()) {
      if (n.nodeType === 3) chunks.push(n as Text);
      else if (hidesText(n as Element)) found.push(n);
    }
  };
  for (const r of records) {
    if (r.type === 'characterData') add(r.target);
    else for (const n of r.addedNodes) add(n);
  }
  chunks.flush();
  return [...found, ...chunks.hits];
}

/** Yields to the page: `scheduler.yield()` where there is one, else a macrotask. */
export function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
