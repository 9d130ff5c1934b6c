import { useEffect, useState } from 'preact/hooks';
import { isActiveOn, type Settings } from '../core/settings';
import type { PageMention } from '../messages';
import { pageMentions, targetTab } from './page-target';

export type OnThisPage =
  | { status: 'loading' }
  /** No page to ask, or its content script does not answer (a browser page, a PDF, a store). */
  | { status: 'unavailable' }
  | { status: 'ready'; tabId: number; mentions: PageMention[] }
  /** Backstory is paused: pages are not read, so there is nothing to ask. */
  | { status: 'paused' }
  /** Backstory is off on the page's site: it runs nothing there (decision 009). */
  | { status: 'site-off'; hostname: string };

/** How often, and how far apart, a page is asked again just after its site was turned back on. */
const RETRIES = 10;
const RETRY_MS = 200;

/**
 * What Backstory found on the page the popup is about, asked on open and again when the page's
 * site is turned back on (the background then runs the content script there, a moment later).
 */
export function useOnThisPage(settings: Settings, loaded: boolean): OnThisPage {
  const [state, setState] = useState<OnThisPage>({ status: 'loading' });
  const sites = settings.disabledSites.join('\n');
  useEffect(() => {
    if (!loaded) return;
    if (settings.paused) return setState({ status: 'paused' });
    let current = true;
    const show = (next: OnThisPage) => current && setState(next);
    (async () => {
      const tab = await targetTab();
      if (tab === null) return show({ status: 'unavailable' });
      if (tab.hostname !== null && !isActiveOn(settings, tab.hostname)) return show({ status: 'site-off', hostname: tab.hostname });
      const turnedOn = state.status === 'site-off';
      for (let tries = turnedOn ? RETRIES : 1; ; tries--) {
        try {
          return show({ status: 'ready', tabId: tab.id, mentions: await pageMentions(tab.id) });
        } catch (error) {
          if (tries <= 1 || !current) throw error;
          await new Promise((r) => setTimeout(r, RETRY_MS));
        }
      }
    })().catch(() => show({ status: 'unavailable' }));
    return () => {
      current = false;
    };
    // Asked again only when the pause or the sites change, not on every setting.
  }, [loaded, settings.paused, sites]);
  return state;
}
