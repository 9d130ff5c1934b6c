import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_ID, contentScriptFor, sameRegistration, sitePattern, WEB_PAGES } from '../../src/core/content-script';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';

const settings = (change: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...change });

describe('contentScriptFor', () => {
  it('runs content.js and content.css on every web page, in every frame, once idle', () => {
    expect(contentScriptFor(settings())).toEqual({
      id: CONTENT_SCRIPT_ID,
      js: ['content.js'],
      css: ['content.css'],
      matches: ['http://*/*', 'https://*/*'],
      excludeMatches: [],
      runAt: 'document_idle',
      allFrames: true,
      persistAcrossSessions: true,
    });
  });

  it('registers nothing while paused, whatever the sites', () => {
    expect(contentScriptFor(settings({ paused: true }))).toBeNull();
    expect(contentScriptFor(settings({ paused: true, disabledSites: ['a.example'] }))).toBeNull();
  });

  it('leaves out every page of each site turned off, both schemes, in a stable order', () => {
    const script = contentScriptFor(settings({ disabledSites: ['news.example.com', '127.0.0.1', 'a-b.example'] }));
    expect(script?.excludeMatches).toEqual(['*://127.0.0.1/*', '*://a-b.example/*', '*://news.example.com/*']);
    expect(script?.matches).toEqual([...WEB_PAGES]);
  });

  it('leaves a site no pattern can name to the content script’s own check', () => {
    expect(contentScriptFor(settings({ disabledSites: ['[::1]', 'ok.example'] }))?.excludeMatches).toEqual(['*://ok.example/*']);
  });
});

describe('sitePattern', () => {
  it.each([
    ['www.example.com', '*://www.example.com/*'],
    ['LOCALHOST', '*://localhost/*'],
    ['10.0.0.1', '*://10.0.0.1/*'],
  ])('names %s', (host, pattern) => {
    expect(sitePattern(host)).toBe(pattern);
  });

  it.each(['[::1]', '', 'a..b', '.example', 'example.', 'a/b', '*.example.com'])('names nothing for "%s"', (host) => {
    expect(sitePattern(host)).toBeNull();
  });
});

describe('sameRegistration', () => {
  const wanted = contentScriptFor(settings({ disabledSites: ['b.example', 'a.example'] }))!;

  it('matches the registration a browser reports, whatever the order of its lists', () => {
    const reported = { ...wanted, excludeMatches: [...wanted.excludeMatches].reverse(), matches: [...wanted.matches].reverse() };
    expect(sameRegistration(reported, wanted)).toBe(true);
  });

  it('takes lists and defaults a browser leaves out as empty and default', () => {
    const bare = contentScriptFor(settings())!;
    expect(sameRegistration({ id: bare.id, js: bare.js, css: bare.css, matches: bare.matches, allFrames: true }, bare)).toBe(true);
  });

  it('tells a different site list, file, frame or timing apart', () => {
    expect(sameRegistration({ ...wanted, excludeMatches: [] }, wanted)).toBe(false);
    expect(sameRegistration({ ...wanted, js: ['other.js'] }, wanted)).toBe(false);
    expect(sameRegistration({ ...wanted, allFrames: false }, wanted)).toBe(false);
    expect(sameRegistration({ ...wanted, runAt: 'document_start' }, wanted)).toBe(false);
    expect(sameRegistration({ ...wanted, persistAcrossSessions: false }, wanted)).toBe(false);
  });

  it('counts none registered and none wanted as the same, and either alone as a difference', () => {
    expect(sameRegistration(undefined, null)).toBe(true);
    expect(sameRegistration(undefined, wanted)).toBe(false);
    expect(sameRegistration(wanted, null)).toBe(false);
  });
});
