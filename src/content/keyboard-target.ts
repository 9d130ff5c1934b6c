/**
 * What a keyboard or context-menu request should open: the mention at the selection or caret,
 * else the covered name in the selected text, else the first mention in view.
 */
import type { Matcher } from '../core/match/matcher';
import type { Mention } from './find-mentions';

export type KeyboardTarget =
  | { kind: 'mention'; mention: Mention }
  | { kind: 'entity'; entityId: string; rect: DOMRect; near: Element };

/** Whether `m` overlaps `r`, or contains it when `r` is a caret. */
function overlaps(m: Mention, r: Range): boolean {
  try {
    return m.range.comparePoint(r.endContainer, r.endOffset) >= 0 && m.range.comparePoint(r.startContainer, r.startOffset) <= 0;
  } catch {
    return false; // a point in another tree (a shadow root, a form field)
  }
}

export function findKeyboardTarget(
  doc: Document,
  mentions: Iterable<Mention>,
  matcher: Matcher,
  selectionText?: string,
): KeyboardTarget | null {
  const win = doc.defaultView!;
  const selection = doc.getSelection();
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  const all = [...mentions];

  if (range) {
    const at = all.find((m) => overlaps(m, range));
    if (at) return { kind: 'mention', mention: at };
  }

  const text = selectionText ?? selection?.toString() ?? '';
  const named = text ? matcher.findAll(text)[0] : undefined;
  if (named) {
    const rect = range && !range.collapsed ? range.getBoundingClientRect() : null;
    const near = (range?.commonAncestorContainer.parentElement ?? doc.body ?? doc.documentElement) as Element;
    const fallback = new DOMRect(win.innerWidth / 2 - 150, 40, 0, 0);
    return { kind: 'entity', entityId: named.entityId, rect: rect && rect.width > 0 ? rect : fallback, near };
  }

  let best: { mention: Mention; top: number } | null = null;
  for (const mention of all) {
    const rect = mention.range.getBoundingClientRect();
    const inView = rect.bottom > 0 && rect.top < win.innerHeight && rect.right > 0 && rect.left < win.innerWidth && rect.width > 0;
    if (inView && (!best || rect.top < best.top)) best = { mention, top: rect.top };
  }
  return best ? { kind: 'mention', mention: best.mention } : null;
}
