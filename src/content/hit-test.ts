/**
 * Finds the mention under a point without any listener per mention: ask the browser which text
 * position lies under the pointer, then look that text node up among the mentions.
 */
import type { Mention } from './find-mentions';

interface CaretPoint {
  node: Node;
  offset: number;
}

function caretAt(doc: Document, x: number, y: number): CaretPoint | null {
  // caretPositionFromPoint is the standard (Firefox, Chrome 128+); caretRangeFromPoint is the
  // older WebKit/Blink form.
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = doc.caretPositionFromPoint(x, y);
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

export class MentionIndex {
  #byNode = new Map<Text, Mention[]>();

  add(mention: Mention): void {
    for (const node of mention.nodes) {
      const list = this.#byNode.get(node);
      if (list) list.push(mention);
      else this.#byNode.set(node, [mention]);
    }
  }

  delete(mention: Mention): void {
    for (const node of mention.nodes) {
      const list = this.#byNode.get(node)?.filter((m) => m !== mention);
      if (list?.length) this.#byNode.set(node, list);
      else this.#byNode.delete(node);
    }
  }

  clear(): void {
    this.#byNode.clear();
  }

  /** The mention drawn at (x, y) in viewport coordinates, if any. */
  hitTest(doc: Document, x: number, y: number): Hit | null {
    const caret = caretAt(doc, x, y);
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
