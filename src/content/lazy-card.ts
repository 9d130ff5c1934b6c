/**
 * The card host as the session sees it: loads the card's code on first need, then forwards to
 * it. Until then there is no host element and no card.
 */
import type { Props as CardProps } from '../ui/EntityCard';
import type { Anchor, CardHost, ShowOptions } from './card-host';
import type { CardModule } from './card-module';

/** Brings the card's code into this context; see load-script.ts for web pages. */
export type CardLoader = () => Promise<CardModule>;

export class LazyCard {
  #doc: Document;
  #signal: AbortSignal;
  #load: CardLoader;
  #host: CardHost | null = null;
  #loading: Promise<CardHost> | null = null;
  /** Bumped by every show and hide, so a show that waited for the code does not reopen a closed card. */
  #generation = 0;

  constructor(doc: Document, signal: AbortSignal, load: CardLoader) {
    this.#doc = doc;
    this.#signal = signal;
    this.#load = load;
  }

  get element(): HTMLElement | null {
    return this.#host?.element ?? null;
  }

  get isOpen(): boolean {
    return this.#host?.isOpen ?? false;
  }

  contains(event: Event): boolean {
    return this.#host?.contains(event) ?? false;
  }

  /** Starts loading the card's code, e.g. while the pointer rests before a card is due. */
  preload(): Promise<CardHost> {
    this.#loading ??= this.#load().then(({ CardHost }) => {
      this.#host = new CardHost(this.#doc, this.#signal);
      return this.#host;
    });
    this.#loading.catch(() => (this.#loading = null)); // a later request may try again
    return this.#loading;
  }

  async show(props: CardProps, anchor: Anchor, options: ShowOptions): Promise<void> {
    const generation = ++this.#generation;
    const host = this.#host ?? (await this.preload());
    if (generation === this.#generation && !this.#signal.aborted) host.show(props, anchor, options);
  }

  update(props: CardProps): void {
    this.#host?.update(props);
  }

  hide(): void {
    this.#generation += 1;
    this.#host?.hide();
  }
}
