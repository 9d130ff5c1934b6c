/**
 * How scan.js hands its exports to the content script that loaded it: under a registered symbol
 * on the isolated world's global, as card.js does (card-module.ts). Kept apart from
 * scan-entry.ts so that naming it does not pull the scanner into content.js.
 */
export const SCAN_MODULE = Symbol.for('backstory.scan-module');

export interface ScanModule {
  /**
   * Starts Backstory on this page as settings allow. Called once. With `scope`, the first scan
   * takes only the blocks of those text nodes (every mention lies in one: see sieve-page.ts).
   */
  start(scope?: readonly Text[]): void;
  /** Answers a message the content script received (the map's `content:` messages). */
  dispatch(message: unknown, sender: unknown): Promise<unknown>;
}
