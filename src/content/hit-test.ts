/**
 * Finds the mention under a point without any listener per mention: ask the browser which text
 * position lies under the pointer, then look that text node up among the mentions.
 *
 * A caret inside a shadow tree is reported at its host unless the root is passed in
 * `shadowRoots` (CSSOM View; Chromium 128+ and Firefox ESR 153 both take it), so the index keeps
 * the open shadow roots that hold mentions and passes them.
 */
import type { Mention } from './find-mentions';

interface CaretPoint {
  node: Node;
  offset: number;
}

type CaretFromPoint = (x: number, y: number, options?: { shadowRoots?: readonly ShadowRoot[] }) => CaretPosition | null;

function caretAt(doc: Document, x: number, y: number, shadowRoots: readonly ShadowRoot[]): CaretPoint | null {
  // caretPositionFromPoint is the standard (Firefox, Chrome 128+); caretRangeFromPoint is the
  // older WebKit/Blink form, which cannot see into shadow trees.
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = (doc.caretPositionFromPoint as CaretFromPoint)(x, y, shadowRoots.length > 0 ? { shadowRoots } : undefined);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  if (typeof doc.caretRangeFromPoint === 'function') {
    const range = doc.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

function rectsContain(range: Range, x: number, y: number): DOMRect | null {
  for (const rect of range.getClientRects()) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return rect;
  }
  return null;
}

export interface Hit {
  mention: Mention;
  /** The line box of the mention under the point, for anchoring the card. */
  rect: DOMRect;
}

/** The shadow root a mention lies in, or null in the document's own tree. */
function shadowRootOf(mention: Mention): ShadowRoot | null {
  const root = mention.nodes[0]?.getRootNode();
  return root?.nodeType === 11 ? (root as ShadowRoot) : null;
}

export class MentionIndex {
  #byNode = new Map<Text, Mention[]>();
  /** The shadow root of each mention inside one, as it was when added (nodes may move since). */
  #rootOf = new Map<Mention, ShadowRoot>();
  /** The shadow roots that hold mentions, with how many each holds. */
  #roots = new Map<ShadowRoot, number>();
  #rootList: ShadowRoot[] | null = [];

  add(mention: Mention): void {
    for (const node of mention.nodes) {
      const list = this.#byNode.get(node);
      if (list) list.push(mention);
      else this.#byNode.set(node, [mention]);
    }
    const root = shadowRootOf(mention);
    if (root && !this.#rootOf.has(mention)) {
      this.#rootOf.set(mention, root);
      const count = this.#roots.get(root) ?? 0;
      this.#roots.set(root, count + 1);
      if (count === 0) this.#rootList = null;
    }
  }

  delete(mention: Mention): void {
    for (const node of mention.nodes) {
      const list = this.#byNode.get(node)?.filter((m) => m !== mention);
      if (list?.length) this.#byNode.set(node, list);
      else this.#byNode.delete(node);
    }
    const root = this.#rootOf.get(mention);
    if (!root) return;
    this.#rootOf.delete(mention);
    const count = (this.#roots.get(root) ?? 1) - 1;
    if (count > 0) {
      this.#roots.set(root, count);
    } else {
      this.#roots.delete(root);
      this.#rootList = null;
    }
  }

  clear(): void {
    this.#byNode.clear();
    this.#rootOf.clear();
    this.#roots.clear();
    this.#rootList = [];
  }

  /** The open shadow roots that hold mentions. */
  get shadowRoots(): readonly ShadowRoot[] {
    return (this.#rootList ??= [...this.#roots.keys()]);
  }

  /** The mention drawn at (x, y) in viewport coordinates, if any. */
  hitTest(doc: Document, x: number, y: number): Hit | null {
    const caret = caretAt(doc, x, y, this.shadowRoots);
    if (!caret || caret.node.nodeType !== 3) return null;
    const candidates = this.#byNode.get(caret.node as Text);
    if (!candidates) return null;
    // The caret snaps to the nearest position even beside the text, so confirm the point lies
    // inside one of the mention's line boxes.
    for (const mention of candidates) {
      const rect = rectsContain(mention.range, x, y);
      if (rect) return { mention, rect };
    }
    return null;
  }
}
