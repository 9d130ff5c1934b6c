/**
 * The one element Backstory adds to a page: a host with a closed shadow root that holds the
 * card (docs/decisions/002). It is created on first use, and is in the page only while the card
 * is open: a closed card leaves nothing behind, even where the script cannot clean up after
 * itself (Firefox stops an uninstalled extension's scripts at once). It is shown in the top
 * layer (Popover API) so page dialogs and z-indexes cannot cover it, placed beside the mention
 * with floating-ui, kept there through scrolling and resizing, and moved into the fullscreen
 * element when the page goes fullscreen (the top layer of a fullscreen element's document is
 * otherwise hidden).
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { h, render } from 'preact';
import cardCss from '../ui/card.css';
import { EntityCard, type Props as CardProps } from '../ui/EntityCard';

export const HOST_TAG = 'backstory-card';

/** Where the card points: a line box of the mention, recomputed as the page moves. */
export interface Anchor {
  rect: () => DOMRect;
  /** An element inside the page near the anchor, whose scrolling containers move it. */
  contextElement: Element;
}

export interface ShowOptions {
  theme: 'light' | 'dark';
  focus?: boolean;
}

export class CardHost {
  #doc: Document;
  #host: HTMLElement | null = null;
  #container: HTMLElement | null = null;
  #stopFollowing: (() => void) | null = null;
  #returnFocus: HTMLElement | null = null;

  constructor(doc: Document, signal: AbortSignal) {
    this.#doc = doc;
    doc.addEventListener('fullscreenchange', () => this.#reparent(), { signal });
    signal.addEventListener('abort', () => this.destroy());
  }

  /** The host element, once it exists. */
  get element(): HTMLElement | null {
    return this.#host;
  }

  get isOpen(): boolean {
    return this.#host?.matches(':popover-open') ?? false;
  }

  /** Whether an event's path passes through the card. */
  contains(event: Event): boolean {
    return this.#host !== null && event.composedPath().includes(this.#host);
  }

  #ensure(): HTMLElement {
    if (this.#container) return this.#container;
    const host = this.#doc.createElement(HOST_TAG);
    host.setAttribute('popover', 'manual');
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = this.#doc.createElement('style');
    style.textContent = cardCss;
    const container = this.#doc.createElement('div');
    shadow.append(style, container);
    this.#host = host;
    this.#container = container;
    this.#attach();
    return container;
  }

  /** Outside <body>, so page layout rules for body children never apply to it. */
  #attach(): void {
    const parent = this.#doc.fullscreenElement ?? this.#doc.documentElement;
    if (this.#host && this.#host.parentNode !== parent) parent.append(this.#host);
  }

  #reparent(): void {
    if (!this.#host?.isConnected) return;
    const wasOpen = this.isOpen;
    this.#attach(); // moving a popover closes it
    if (wasOpen && !this.isOpen) this.#host.showPopover();
  }

  /**
   * Renders the card beside `anchor`. With `focus`, moves focus into the card and remembers
   * where it was, to return it on close (keyboard use); hover leaves focus alone.
   */
  show(props: CardProps, anchor: Anchor, { theme, focus = false }: ShowOptions): void {
    const container = this.#ensure();
    container.dataset.theme = theme;
    render(h(EntityCard, props), container);
    const host = this.#host!;
    this.#attach();
    if (!host.matches(':popover-open')) host.showPopover();
    this.#follow(anchor);
    if (focus) {
      const active = this.#doc.activeElement;
      // Moving from one card to another (a related entity) keeps the original place to return to.
      if (active !== host) this.#returnFocus = active instanceof HTMLElement ? active : null;
      (container.firstElementChild as HTMLElement | null)?.focus();
    }
  }

  /** Re-renders the open card (e.g. when its data arrives), keeping its place. */
  update(props: CardProps): void {
    if (!this.#container || !this.isOpen) return;
    render(h(EntityCard, props), this.#container);
  }

  hide(): void {
    this.#stopFollowing?.();
    this.#stopFollowing = null;
    if (!this.#host || !this.#container) return;
    const hadFocus = this.#doc.activeElement === this.#host;
    if (this.#host.matches(':popover-open')) this.#host.hidePopover();
    render(null, this.#container);
    if (hadFocus && this.#returnFocus?.isConnected) this.#returnFocus.focus({ preventScroll: true });
    this.#returnFocus = null;
    this.#host.remove();
  }

  destroy(): void {
    this.hide(); // takes the host out of the page
    this.#host = null;
    this.#container = null;
  }

  #follow(anchor: Anchor): void {
    this.#stopFollowing?.();
    const card = this.#container?.firstElementChild as HTMLElement | null;
    if (!card) return;
    const reference = { getBoundingClientRect: anchor.rect, contextElement: anchor.contextElement };
    const place = async () => {
      const { x, y } = await computePosition(reference, card, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(10),
          flip({ padding: 5 }),
          shift({ padding: 5 }),
          // Where neither side has room for the whole card, it scrolls rather than leaving the view.
          size({
            padding: 5,
            apply: ({ availableHeight }) => {
              card.style.maxHeight = `${Math.max(120, Math.floor(availableHeight))}px`;
            },
          }),
        ],
      });
      card.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    };
    this.#stopFollowing = autoUpdate(reference, card, () => void place());
  }
}
