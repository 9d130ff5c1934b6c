/**
 * Decides when the pointer means "tell me about this". Timing follows Wikipedia's Page Previews
 * and 10ten (see docs/decisions/004-hover-intent.md):
 * - the pointer must come to rest on a mention: while it sweeps faster than 0.5 px/ms, nothing
 *   is prepared or shown;
 * - after 150 ms at rest the card's data is requested, and the card shows at the show delay
 *   (400 ms by default), so it feels the same whether the data was cached or not;
 * - after the pointer leaves both mention and card, the card closes after the hide delay
 *   (300 ms by default) unless the pointer enters the card first;
 * - a pinned card stays until Esc, an outside click or its close button.
 * One pointer listener for the whole document; hit-tests run at most once per frame.
 */
import { PointerSpeed } from '../core/pointer-speed';
import type { Hit } from './hit-test';

export const PREPARE_DELAY_MS = 150;

export interface HoverOptions {
  doc: Document;
  hitTest: (x: number, y: number) => Hit | null;
  /** Whether the event happened inside the card. */
  inCard: (event: Event) => boolean;
  isOpen: () => boolean;
  isPinned: () => boolean;
  /** The card's data may be wanted soon: start fetching it. */
  prepare: (hit: Hit) => void;
  show: (hit: Hit) => void;
  hide: () => void;
  /** Current delays; read on each use, so settings apply at once. */
  delays: () => { showMs: number; hideMs: number };
  signal: AbortSignal;
}

export interface HoverControl {
  /** Closes the card and forgets any pending hover. */
  close(): void;
  /** Records that a card is open for `hit` (e.g. opened from the keyboard). */
  shown(hit: Hit): void;
}

export function watchHover(o: HoverOptions): HoverControl {
  const win = o.doc.defaultView!;
  const speed = new PointerSpeed();
  let x = 0;
  let y = 0;
  let frame = 0;
  let pending: Hit | null = null;
  let prepareTimer: ReturnType<typeof setTimeout> | undefined;
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let current: Hit | null = null;

  const clearPending = () => {
    clearTimeout(prepareTimer);
    clearTimeout(showTimer);
    pending = null;
  };
  const cancelHide = () => {
    clearTimeout(hideTimer);
    hideTimer = undefined;
  };
  const close = () => {
    clearPending();
    cancelHide();
    current = null;
    o.hide();
  };
  const scheduleHide = () => {
    if (hideTimer !== undefined || !o.isOpen() || o.isPinned()) return;
    hideTimer = setTimeout(() => {
      hideTimer = undefined;
      if (!o.isPinned()) close();
    }, o.delays().hideMs);
  };

  /** (Re)starts the rest clock for `hit`: prepare at 150 ms, show at the show delay. */
  const startResting = (hit: Hit) => {
    clearPending();
    pending = hit;
    const showMs = o.delays().showMs;
    prepareTimer = setTimeout(() => o.prepare(hit), Math.min(PREPARE_DELAY_MS, showMs));
    showTimer = setTimeout(() => {
      if (pending !== hit || o.isPinned()) return;
      pending = null;
      cancelHide();
      current = hit;
      o.show(hit);
    }, showMs);
  };

  const check = () => {
    frame = 0;
    if (o.isPinned()) return;
    const hit = o.hitTest(x, y);
    if (!hit) {
      clearPending();
      scheduleHide();
      return;
    }
    if (current && hit.mention === current.mention && o.isOpen()) {
      cancelHide();
      clearPending();
      return;
    }
    if (current && o.isOpen()) scheduleHide();
    // A sweep restarts the rest clock; slow movement over the same mention does not.
    if (speed.sweeping || !pending || pending.mention !== hit.mention) startResting(hit);
    else pending.rect = hit.rect; // anchor to the line the pointer rests on now
  };

  // Only the user's own input counts: a page dispatching synthetic events must not open,
  // keep open or close cards.
  const onMove = (event: PointerEvent) => {
    if (!event.isTrusted) return;
    if (o.inCard(event)) {
      cancelHide();
      clearPending();
      return;
    }
    x = event.clientX;
    y = event.clientY;
    speed.sample(x, y, event.timeStamp);
    if (!frame) frame = win.requestAnimationFrame(check);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.isTrusted && event.key === 'Escape' && o.isOpen()) close();
  };
  const onDown = (event: PointerEvent) => {
    if (event.isTrusted && o.isOpen() && !o.inCard(event)) close();
  };

  const opts = { capture: true, passive: true, signal: o.signal };
  o.doc.addEventListener('pointermove', onMove, opts);
  o.doc.addEventListener('pointerdown', onDown, opts);
  o.doc.addEventListener('keydown', onKey, opts);
  o.signal.addEventListener('abort', () => {
    clearPending();
    cancelHide();
    if (frame) win.cancelAnimationFrame(frame);
  });
  return {
    close,
    shown(hit) {
      clearPending();
      cancelHide();
      current = hit;
    },
  };
}
