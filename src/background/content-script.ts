/**
 * Keeps the content script registered as the settings say (src/core/content-script.ts): on
 * every web page but the sites turned off, and nowhere while paused. Where a change lets it run
 * on more pages (a resume, a site turned back on), open tabs loaded while it was off get it at
 * once, so no tab needs a reload (docs/settings.md).
 */
import browser from '../browser-api';
import { CONTENT_SCRIPT_ID, contentScriptFor, sameRegistration, WEB_PAGES, type ContentScript } from '../core/content-script';
import { isActiveOn, type Settings } from '../core/settings';
import { frameState, LISTEN_KEY } from '../content/listen-hook';
import { loadSettings } from '../settings-store';

/** Changes run one at a time: two registrations of one id would refuse each other. */
let queue: Promise<unknown> = Promise.resolve();

/** The settings a registration followed, and whether it now runs on pages it did not before. */
export interface Kept {
  settings: Settings;
  widened: boolean;
}

/**
 * Registers, updates or removes the content script to match the stored settings. Says whether
 * it widened, so that open tabs can be reached with the same settings.
 */
export function keepContentScript(): Promise<Kept> {
  const run = queue.then(async (): Promise<Kept> => {
    const { settings } = await loadSettings();
    const wanted = contentScriptFor(settings);
    const [found] = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    if (sameRegistration(found, wanted)) return { settings, widened: false };
    if (!wanted) {
      await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
      return { settings, widened: false };
    }
    await register(wanted, found !== undefined);
    // Widened: newly registered, or a site it left out is no longer left out.
    return { settings, widened: !found || (found.excludeMatches ?? []).some((p) => !wanted.excludeMatches.includes(p)) };
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Registers the script, or updates the registration. Should a browser refuse a site's pattern,
 * it runs everywhere instead: the content script's own check keeps those sites off, as before.
 */
async function register(script: ContentScript, update: boolean): Promise<void> {
  const apply = (s: ContentScript) =>
    update ? browser.scripting.updateContentScripts([s]) : browser.scripting.registerContentScripts([s]);
  try {
    await apply(script);
  } catch (error) {
    if (script.excludeMatches.length === 0) throw error;
    console.warn('Backstory: the sites turned off could not be left out of its content script; it checks them itself.', error);
    await apply({ ...script, excludeMatches: [] });
  }
}

/**
 * Runs the content script in the frames of open tabs that lack it and that the settings let it
 * run on: tabs loaded while it was off. Frames where it runs already are left alone.
 */
export async function reachOpenTabs(settings: Settings): Promise<void> {
  const tabs = await browser.tabs.query({ url: [...WEB_PAGES] });
  await Promise.all(
    tabs.map(async ({ id: tabId }) => {
      if (tabId === undefined) return;
      try {
        const frames = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: frameState, args: [LISTEN_KEY] });
        const frameIds = frames
          .filter(({ result }) => {
            const state = result as ReturnType<typeof frameState> | undefined;
            return state !== undefined && !state.running && state.web && isActiveOn(settings, state.hostname);
          })
          .map((f) => f.frameId);
        if (frameIds.length === 0) return;
        await browser.scripting.insertCSS({ target: { tabId, frameIds }, files: ['content.css'] });
        await browser.scripting.executeScript({ target: { tabId, frameIds }, files: ['content.js'] });
      } catch {
        // The tab went, or is a page no extension may script: nothing to reach.
      }
    }),
  );
}

/**
 * Brings the registration in step with the settings and, where it widened, reaches open tabs.
 * Never rejects: a failure is logged, and the pages already open keep what they have.
 */
export async function followSettings(): Promise<void> {
  try {
    const { settings, widened } = await keepContentScript();
    if (widened) await reachOpenTabs(settings);
  } catch (error) {
    console.error('Backstory could not register its content script:', error);
  }
}
