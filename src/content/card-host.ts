/**
 * The one element Backstory adds to a page: a host with a closed shadow root that holds the
 * card. It is created on first use, shown in the top layer (Popover API) so page dialogs and
 * z-indexes cannot cover it, and placed next to the mention with floating-ui.
 */
import { computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render, type ComponentChild } from 'preact';
import cardCss from '../ui/card.css';

export const HOST_TAG = 'backstory-card';

export class CardHost {
  #doc: Document;
  #host: HTMLElement | null = null;
  #container: HTMLElement | null = null;

  constructor(doc: Document) {
    this.#doc = doc;
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
    // Outside <body>, so page layout rules for body children never apply to it.
    this.#doc.documentElement.append(host);
    this.#host = host;
    this.#container = container;
    return container;
  }

  /** Renders `content` and places it beside `anchor` (a line box of the mention). */
  show(content: ComponentChild, anchor: DOMRect): void {
    const container = this.#ensure();
    render(content, container);
    const host = this.#host!;
    if (!host.matches(':popover-open')) host.showPopover();
    void this.#place(anchor);
  }

  /** Re-renders the open card's content without moving it (e.g. when its data arrives). */
  update(content: ComponentChild, anchor: DOMRect): void {
    if (!this.#container) return;
    render(content, this.#container);
    void this.#place(anchor);
  }

  hide(): void {
    if (!this.#host || !this.#container) return;
    if (this.#host.matches(':popover-open')) this.#host.hidePopover();
    render(null, this.#container);
  }

  async #place(anchor: DOMRect): Promise<void> {
    const card = this.#container?.firstElementChild as HTMLElement | null;
    if (!card) return;
    const reference = { getBoundingClientRect: () => anchor };
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
  }
}
