/**
 * The content script: small, because it runs on every page (docs/decisions/007). It reads the
 * page's text once and runs the sieve over it; where the sieve finds possible mentions, it
 * loads scan.js (the scanner, hover and cards), whose first scan takes the blocks the sieve
 * pointed at (or the whole page, where it pointed at many). A page with no candidate costs
 * little more than reading its text, and is watched for text it adds later.
 * Messages for the page load scan.js too, which answers them. On a page without a candidate
 * nothing listens for them until a sender wakes it (listen-hook.ts).
 */
import sieveSource from 'backstory:sieve';
import { compileSieve } from '../core/match/sieve';
import { isReadable } from './document-kind';
import { LISTEN_HOOK } from './listen-hook';
import { canPaint } from './highlights';
import { loadScanModule } from './load-script';
import type { ScanModule } from './scan-module';
import { MAX_UNDEFINED, takeUpgraded, UPGRADE_CHECKS } from './shadow-hosts';
import { sieveChanges, sievePage, type Candidates, type SieveHooks } from './sieve-page';

/** The extension API as the browser gives it: no polyfill here (see load-script.ts). */
declare const chrome: {
  runtime?: {
    id?: string;
    onMessage: {
      addListener(listener: (message: unknown, sender: unknown, reply: (answer: unknown) => void) => boolean): void;
    };
  };
};

const isPageMessage = (m: unknown) =>
  typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string' && (m as { type: string }).type.startsWith('content:');

function main(): void {
  // Run once per frame: the background may run it in a tab that was loading as it registered it.
  if (LISTEN_HOOK in globalThis) return;
  if (!isReadable(document.contentType)) return;
  const re = compileSieve(sieveSource);
  let loading: Promise<ScanModule> | null = null;
  /**
   * The text nodes the first scan may keep to, with their blocks: those the sieve pointed at.
   * Anything else (a message, a change to the page, a shadow root, an upgraded custom element)
   * means the whole page.
   */
  let scope: Text[] | undefined;

  // Until scan.js takes over with an observer of its own, what the page adds is sieved here.
  const observer = new MutationObserver((records) => {
    if (!sieveChanges(records, re)) return;
    scope = undefined;
    void takeOver().catch(report);
  });
  const watched = { childList: true, characterData: true, subtree: true };
  observer.observe(document.documentElement, watched);

  // The sieve reads open shadow trees (watched from then on: their changes never reach an
  // observer of the document) and custom elements not yet defined, which are looked at again
  // later, as the scanner does: an upgrade may attach a shadow root, which nothing reports.
  const waiting = new Set<Element>();
  const hooks: SieveHooks = {
    // Once scan.js has taken over (a message may load it mid-walk), its own observer watches.
    onShadowRoot: (root) => {
      if (!loading) observer.observe(root, watched);
    },
    onUndefinedElement: (el) => {
      if (waiting.size < MAX_UNDEFINED) waiting.add(el);
    },
  };
  const lookForUpgrades = (check: number): void => {
    const delay = UPGRADE_CHECKS[check];
    if (delay === undefined || waiting.size === 0) return;
    setTimeout(() => {
      if (loading) return;
      const roots = takeUpgraded(waiting).map((el) => el.shadowRoot!);
      roots.forEach(hooks.onShadowRoot!);
      void Promise.all(roots.map((root) => sievePage(root, re, hooks))).then((found) => {
        if (found.some((f) => f !== 'none')) start('everywhere');
        else lookForUpgrades(check + 1);
      });
    }, delay);
  };

  // The extension API is left alone until it is needed: its first use costs every page about
  // half a millisecond. Until the scanner loads, a sender that finds no listener wakes this
  // one through the hook (listen-hook.ts); the scanner's loading starts it too.
  let listening = false;
  const listen = (): void => {
    if (listening) return;
    listening = true;
    chrome.runtime!.onMessage.addListener((message, sender, reply) => {
      if (!isPageMessage(message)) return false;
      // Settings matter only to a running scanner: without one, a change has nothing to update.
      if ((message as { type: string }).type === 'content:settings-changed' && !loading) {
        reply({ ok: true, result: null });
        return false;
      }
      takeOver()
        .then((scan) => scan.dispatch(message, sender))
        .then(reply, (error: unknown) => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }));
      return true;
    });
  };
  (globalThis as unknown as Record<symbol, unknown>)[LISTEN_HOOK] = listen;

  // Whether the browser can paint is asked only here: the first use of its Highlight API costs
  // a page without candidates half a millisecond for nothing.
  const takeOver = (): Promise<ScanModule> => {
    // Chromium keeps this script running once Backstory is disabled, removed or reloaded
    // (orphan.ts): the extension API is gone, and the scanner with it. It stops watching.
    if (!chrome.runtime?.id) {
      observer.disconnect();
      return (loading ??= Promise.reject(new Error(GONE)));
    }
    listen();
    return (loading ??= (canPaint(window) ? loadScanModule() : Promise.reject(new Error(NO_HIGHLIGHTS))).then((scan) => {
      // Changes not yet reported would be lost with the observer.
      if (sieveChanges(observer.takeRecords(), re)) scope = undefined;
      observer.disconnect();
      scan.start(scope);
      return scan;
    }));
  };

  const start = (found: Exclude<Candidates, 'none'>): void => {
    if (loading) return;
    scope = found === 'everywhere' ? undefined : found;
    void takeOver().catch(report);
  };
  void sievePage(document.body ?? document.documentElement, re, hooks).then((found) => {
    if (found === 'none') lookForUpgrades(0);
    else start(found);
  });
}

const NO_HIGHLIGHTS = 'this browser lacks the CSS Custom Highlight API; mentions stay unmarked';

const GONE = 'Backstory is no longer running here';

function report(error: unknown): void {
  // Nothing went wrong that anyone could act on.
  if (error instanceof Error && error.message === GONE) return;
  if (error instanceof Error && error.message === NO_HIGHLIGHTS) console.info(`Backstory: ${NO_HIGHLIGHTS}.`);
  else console.error('Backstory could not load its scanner:', error);
}

main();
