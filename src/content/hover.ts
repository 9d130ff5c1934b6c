/**
 * Decides when the pointer means "tell me about this": a card opens after the pointer rests on
 * a mention, and closes a moment after it leaves both the mention and the card. One pointer
 * listener for the whole document; positions are checked at most once per frame.
 */
import type { Hit } from './hit-test';

export interface HoverOptions {
  doc: Document;
  hitTest: (x: number, y: number) => Hit | null;
  /** Whether the event happened inside the card. */
  inCard: (event: Event) => boolean;
  isOpen: () => boolean;
  show: (hit: Hit) => void;
  hide: () => void;
  signal: AbortSignal;
  /** Rest time on a mention before the card opens, in ms. */
  showDelayMs?: number;
  /** Grace time after leaving, so the pointer can travel into the card, in ms. */
  hideDelayMs?: number;
}

export function watchHover(o: HoverOptions): void {
  const showDelay = o.showDelayMs ?? 350;
  const hideDelay = o.hideDelayMs ?? 300;
  const win = o.doc.defaultView!;
  let x = 0;
  let y = 0;
  let frame = 0;
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let pending: Hit | null = null;
  let shown: Hit | null = null;

  const sameMention = (a: Hit | null, b: Hit | null) => !!a && !!b && a.mention === b.mention;

  const check = () => {
    frame = 0;
    const hit = o.hitTest(x, y);
    if (hit && sameMention(hit, shown) && o.isOpen()) {
      clearTimeout(hideTimer);
      hideTimer = undefined;
      return;
    }
    if (!sameMention(hit, pending)) {
      clearTimeout(showTimer);
      pending = hit;
      if (hit) {
        showTimer = setTimeout(() => {
          shown = pending;
          pending = null;
          clearTimeout(hideTimer);
          hideTimer = undefined;
          if (shown) o.show(shown);
        }, showDelay);
      }
    }
    if (!hit && o.isOpen() && hideTimer === undefined) {
      hideTimer = setTimeout(() => {
        hideTimer = undefined;
        shown = null;
        o.hide();
      }, hideDelay);
    }
  };

  const onMove = (event: PointerEvent) => {
    if (o.inCard(event)) {
      clearTimeout(hideTimer);
      hideTimer = undefined;
      clearTimeout(showTimer);
      pending = null;
      return;
    }
    x = event.clientX;
    y = event.clientY;
    if (!frame) frame = win.requestAnimationFrame(check);
  };
  const close = () => {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = undefined;
    pending = null;
    shown = null;
    o.hide();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && o.isOpen()) close();
  };
  const onDown = (event: PointerEvent) => {
    if (o.isOpen() && !o.inCard(event)) close();
  };

  const opts = { capture: true, passive: true, signal: o.signal };
  o.doc.addEventListener('pointermove', onMove, opts);
  o.doc.addEventListener('pointerdown', onDown, opts);
  o.doc.addEventListener('keydown', onKey, opts);
  o.signal.addEventListener('abort', () => {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (frame) win.cancelAnimationFrame(frame);
  });
}
