/**
 * Which mentions are painted, under the density and kinds settings. Every mention of an enabled
 * kind stays hoverable; density only decides what is painted: the first mention of each entity
 * in document order (the default), all of them, or none.
 */
import type { Density } from '../core/settings';
import type { Mention } from './find-mentions';
import type { Painter } from './highlights';

const START_TO_START = 0; // Range.START_TO_START, without needing the global
const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING
const CONTAINED_BY = 16; // Node.DOCUMENT_POSITION_CONTAINED_BY

/** `node`, preceded by the hosts of the shadow trees it lies in, outermost first. */
function hostChain(node: Node): Node[] {
  const chain = [node];
  for (let root = node.getRootNode(); root.nodeType === 11 && (root as ShadowRoot).host; ) {
    const host = (root as ShadowRoot).host;
    chain.unshift(host);
    root = host.getRootNode();
  }
  return chain;
}

/**
 * Orders mentions as the page reads, shadow trees included: a shadow tree's text comes where its
 * host stands (before the host's own children). Ranges in different trees cannot be compared
 * directly (compareBoundaryPoints throws), so they are compared by the hosts that hold them.
 */
export function pageOrder(a: Mention, b: Mention): number {
  const x = a.range.startContainer;
  const y = b.range.startContainer;
  if (x.getRootNode() === y.getRootNode()) return a.range.compareBoundaryPoints(START_TO_START, b.range);
  const cx = hostChain(x);
  const cy = hostChain(y);
  let i = 0;
  while (cx[i] === cy[i]) i++;
  if (!cx[i] || !cy[i]) return 0;
  const position = cx[i]!.compareDocumentPosition(cy[i]!);
  return position & (FOLLOWING | CONTAINED_BY) ? -1 : 1;
}

const before = (a: Mention, b: Mention) => pageOrder(a, b) < 0;

export class Marks {
  #painter: Painter;
  #density: Density;
  #all = new Set<Mention>();
  /** With density "first": the painted mention of each entity. */
  #first = new Map<string, Mention>();

  constructor(painter: Painter, density: Density) {
    this.#painter = painter;
    this.#density = density;
  }

  add(mention: Mention): void {
    this.#all.add(mention);
    if (this.#density === 'all') this.#painter.add(mention.range);
    if (this.#density !== 'first') return;
    const first = this.#first.get(mention.entityId);
    if (first && !before(mention, first)) return;
    if (first) this.#painter.delete(first.range);
    this.#first.set(mention.entityId, mention);
    this.#painter.add(mention.range);
  }

  delete(mention: Mention): void {
    if (!this.#all.delete(mention)) return;
    this.#painter.delete(mention.range);
    if (this.#first.get(mention.entityId) !== mention) return;
    this.#first.delete(mention.entityId);
    // The next mention of the same entity takes its place.
    let next: Mention | null = null;
    for (const m of this.#all) {
      if (m.entityId === mention.entityId && (!next || before(m, next))) next = m;
    }
    if (next) {
      this.#first.set(next.entityId, next);
      this.#painter.add(next.range);
    }
  }

  setDensity(density: Density): void {
    if (density === this.#density) return;
    this.#density = density;
    const mentions = [...this.#all];
    this.clear();
    for (const m of mentions) this.add(m);
  }

  clear(): void {
    this.#all.clear();
    this.#first.clear();
    this.#painter.clear();
  }
}
