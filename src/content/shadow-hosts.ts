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
