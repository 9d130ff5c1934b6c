/**
 * Which elements can hold an open shadow root, and reading it: shared by the scanner's walk
 * (collect-text.ts) and the sieve's (sieve-page.ts).
 */

/** Elements `attachShadow` accepts besides custom elements (the HTML standard's list). */
const SHADOW_HOSTS: ReadonlySet<string> = new Set([
  'article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'main', 'nav', 'p', 'section', 'span',
]);

/** Whether an element of this name (`localName`) can have a shadow root. */
export const canHostShadow = (tag: string): boolean => tag.includes('-') || SHADOW_HOSTS.has(tag);

/**
 * The element's open shadow root. Asked only of elements that can have one, since every
 * property read from a content script crosses into the page's DOM. A closed root reads as null:
 * the page's closed roots, and the extension's own card, are out of reach by design.
 */
export function openShadowRoot(el: Element): ShadowRoot | null {
  return canHostShadow(el.localName) ? el.shadowRoot : null;
}

/**
 * When custom elements met before their definition are looked at again, in ms, each after the
 * one before: an upgrade may attach a shadow root, which no MutationObserver reports.
 */
export const UPGRADE_CHECKS: readonly number[] = [500, 2000, 8000];
/** The most undefined custom elements kept in view (pages with thousands never define them). */
export const MAX_UNDEFINED = 500;

/**
 * Takes out of `waiting` (custom elements met before their definition) those that have an open
 * shadow root now, and returns them; drops those that left the page or were defined without one.
 */
export function takeUpgraded(waiting: Set<Element>): Element[] {
  const found: Element[] = [];
  for (const el of waiting) {
    if (!el.isConnected) {
      waiting.delete(el);
    } else if (openShadowRoot(el)) {
      waiting.delete(el);
      found.push(el);
    } else if (el.matches(':defined')) {
      waiting.delete(el); // defined without an open root: nothing to reach
    }
  }
  return found;
}
