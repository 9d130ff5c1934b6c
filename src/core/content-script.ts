/**
 * Where the content script runs, as the settings say. The background registers it
 * (`scripting.registerContentScripts`, src/background/content-script.ts) rather than the
 * manifest, so that a pause or a site turned off costs that page nothing: no script, no walk of
 * its text (docs/decisions/009). The content script still checks the settings itself once its
 * scanner loads; the registration only keeps it off pages where it would do nothing.
 */
import type { Settings } from './settings';

export const CONTENT_SCRIPT_ID = 'backstory';

/** What `scripting.registerContentScripts` takes for the content script. */
export interface ContentScript {
  id: string;
  js: string[];
  css: string[];
  matches: string[];
  excludeMatches: string[];
  runAt: 'document_idle';
  allFrames: boolean;
  persistAcrossSessions: boolean;
}

/** Every web page, in every frame (docs/permissions.md). */
export const WEB_PAGES: readonly string[] = ['http://*/*', 'https://*/*'];

/**
 * A host name a match pattern can name: letters, digits and hyphens in dot-separated labels.
 * Other names the settings accept (an IPv6 address) are left to the content script's own check,
 * since a pattern either browser refuses would cost the whole registration.
 */
const PATTERN_HOST = /^(?:[a-z0-9-]+\.)*[a-z0-9-]+$/;

/** The pattern of every page of one site, both schemes; null where none can name it. */
export function sitePattern(hostname: string): string | null {
  const host = hostname.toLowerCase();
  return PATTERN_HOST.test(host) ? `*://${host}/*` : null;
}

/**
 * The content script as the settings want it registered: null while paused (no page gets it),
 * otherwise on every web page but those of the sites turned off.
 */
export function contentScriptFor(settings: Settings): ContentScript | null {
  if (settings.paused) return null;
  const excluded = settings.disabledSites.map(sitePattern).filter((p): p is string => p !== null);
  return {
    id: CONTENT_SCRIPT_ID,
    js: ['content.js'],
    css: ['content.css'],
    matches: [...WEB_PAGES],
    excludeMatches: [...new Set(excluded)].sort(),
    runAt: 'document_idle',
    allFrames: true,
    persistAcrossSessions: true,
  };
}

/**
 * Whether a registration the browser reports (`getRegisteredContentScripts`) is `wanted`: the
 * same pages and files. Browsers may leave out empty lists and defaults, so those compare equal.
 */
export function sameRegistration(
  found: Partial<Omit<ContentScript, 'runAt'>> & { runAt?: string } | undefined,
  wanted: ContentScript | null,
): boolean {
  if (!found || !wanted) return !found && !wanted;
  const same = (a: readonly string[] | undefined, b: readonly string[]) =>
    JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...b].sort());
  return (
    same(found.js, wanted.js) &&
    same(found.css, wanted.css) &&
    same(found.matches, wanted.matches) &&
    same(found.excludeMatches, wanted.excludeMatches) &&
    (found.runAt ?? 'document_idle') === wanted.runAt &&
    (found.allFrames ?? false) === wanted.allFrames &&
    (found.persistAcrossSessions ?? true) === wanted.persistAcrossSessions
  );
}
