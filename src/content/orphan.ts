/**
 * A scanner whose extension has gone. Chromium leaves a content script running when Backstory is
 * disabled, removed, reloaded or updated: its marks stay painted and its listeners stay on,
 * though it can no longer reach the extension, so a card could never load. (Firefox unloads the
 * script, and the style sheet that paints its marks.) Nothing tells the script; it looks when
 * the page is shown again (the user comes back from the extensions page) and when the pointer
 * moves onto something, and ends its session then: marks, listeners and the card's host go.
 * A newer Backstory run into the tab (decision 009) paints with a highlight of its own, which
 * the old session's end leaves alone.
 */

/**
 * Calls `retire` once, the first time `alive` says no as the page is shown or the pointer moves
 * over `doc`, and stops looking then.
 */
export function retireWhenOrphaned(doc: Document, alive: () => boolean, retire: () => void): void {
  const controller = new AbortController();
  const look = () => {
    if (alive()) return;
    controller.abort();
    retire();
  };
  const options = { capture: true, passive: true, signal: controller.signal };
  doc.addEventListener('visibilitychange', look, options);
  doc.addEventListener('pointerover', look, options);
}
