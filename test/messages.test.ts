import browser from 'webextension-polyfill';
import { afterEach, describe, expect, it } from 'vitest';
import { LISTEN_KEY, listenInPage } from '../src/content/listen-hook';
import { dispatcher, isEnvelope, sendToTab } from '../src/messages';

/** Each case: a message as it might arrive, and whether the background should accept it. */
const cases: [string, unknown, boolean][] = [
  ['a card request', { type: 'card:get', params: { entityId: 'marco-rubio' } }, true],
  ['a reader request', { type: 'reader:open', params: { articleId: 'a', start: 3, end: 9 } }, true],
  ['an unknown type', { type: 'card:delete', params: { entityId: 'x' } }, false],
  ['an inherited key as type', { type: 'toString', params: {} }, false],
  ['missing params', { type: 'card:get' }, false],
  ['an empty id', { type: 'card:get', params: { entityId: '' } }, false],
  ['a non-string id', { type: 'card:get', params: { entityId: 7 } }, false],
  ['a reversed span', { type: 'reader:open', params: { articleId: 'a', start: 9, end: 3 } }, false],
  ['a fractional offset', { type: 'reader:open', params: { articleId: 'a', start: 1.5, end: 3 } }, false],
  ['a negative offset', { type: 'reader:open', params: { articleId: 'a', start: -1, end: 3 } }, false],
  ['an open-card request', { type: 'content:open-card', params: {} }, true],
  ['an open-card request for a selection', { type: 'content:open-card', params: { selectionText: 'Rubio' } }, true],
  ['an open-card request with a huge selection', { type: 'content:open-card', params: { selectionText: 'x'.repeat(5000) } }, false],
  ['a mentions request', { type: 'content:mentions', params: {} }, true],
  ['a reveal request', { type: 'content:reveal', params: { entityId: 'marco-rubio', occurrence: 0 } }, true],
  ['a reveal request without occurrence', { type: 'content:reveal', params: { entityId: 'marco-rubio' } }, false],
  ['a settings-changed notice', { type: 'content:settings-changed', params: {} }, true],
  ['a settings-changed notice carrying data', { type: 'content:settings-changed', params: { enabled: false } }, false],
  ['null', null, false],
  ['a string', 'card:get', false],
  ['an array', [{ type: 'card:get' }], false],
];

describe('isEnvelope', () => {
  it.each(cases)('%s', (_name, message, accepted) => {
    expect(isEnvelope(message)).toBe(accepted);
  });
});

describe('dispatcher', () => {
  const own = { id: 'backstory-test' }; // the fake browser's runtime.id
  const answer = dispatcher({
    'card:get': async ({ entityId }) => {
      if (entityId === 'boom') throw new Error('the index is missing');
      return { entity: { id: entityId, name: 'X', kind: 'person', role: 'r' }, quotes: [], quoteCount: 0 };
    },
  });

  it('answers a well-formed message from Backstory itself', async () => {
    expect(await answer({ type: 'card:get', params: { entityId: 'x' } }, own)).toMatchObject({ ok: true });
  });

  it('refuses another extension or a web page, before reading the message', async () => {
    expect(await answer({ type: 'card:get', params: { entityId: 'x' } }, { id: 'someone-else' })).toEqual({
      ok: false,
      error: 'Unknown sender',
    });
    expect(await answer({ type: 'card:get', params: { entityId: 'x' } }, {})).toEqual({ ok: false, error: 'Unknown sender' });
  });

  it.each([
    ['a malformed payload', { type: 'card:get', params: { entityId: 42 } }],
    ['a message this context does not handle', { type: 'reader:open', params: { articleId: 'a', start: 0, end: 1 } }],
    ['no message at all', undefined],
    ['a prototype key', { type: '__proto__', params: {} }],
  ])('answers %s with an error, never a throw', async (_name, message) => {
    expect(await answer(message, own)).toEqual({ ok: false, error: 'Malformed message' });
  });

  it('turns a failing handler into an error reply', async () => {
    expect(await answer({ type: 'card:get', params: { entityId: 'boom' } }, own)).toEqual({
      ok: false,
      error: 'the index is missing',
    });
  });
});

describe('sendToTab', () => {
  // The fake browser has no tabs or scripting API: each test lends it one.
  const api = browser as unknown as Record<string, unknown>;
  const noListener = new Error('Could not establish connection. Receiving end does not exist.');
  let sent: unknown[];
  let injected: unknown[];
  /** A tab whose content script listens only once woken, if `wakes`; `access` false: no page access. */
  const lend = ({ wakes = true, access = true, listening = false, url = 'https://news.example/a' as string | undefined } = {}) => {
    sent = [];
    injected = [];
    api.tabs = {
      get: async (tabId: number) => ({ id: tabId, url }),
      sendMessage: async (tabId: number, message: unknown, options: unknown) => {
        sent.push([tabId, message, options]);
        if (!listening) throw noListener;
        return { ok: true, result: ['answer'] };
      },
    };
    api.scripting = {
      executeScript: async (details: unknown) => {
        injected.push(details);
        if (!access) throw new Error('Cannot access contents of the page.');
        listening = wakes;
        return [{ frameId: 0, result: wakes }];
      },
    };
  };
  afterEach(() => {
    delete api.tabs;
    delete api.scripting;
  });

  it('asks a listening content script once, and wakes nothing', async () => {
    lend({ listening: true });
    expect(await sendToTab(7, 'content:mentions', {}, 0)).toEqual(['answer']);
    expect(sent).toEqual([[7, { type: 'content:mentions', params: {} }, { frameId: 0 }]]);
    expect(injected).toEqual([]);
  });

  it('wakes a content script that found no one on its page, in the frame asked, and asks again', async () => {
    lend();
    expect(await sendToTab(7, 'content:open-card', { selectionText: 'Rubio' }, 3)).toEqual(['answer']);
    expect(injected).toEqual([{ target: { tabId: 7, frameIds: [3] }, func: listenInPage, args: [LISTEN_KEY] }]);
    expect(sent).toHaveLength(2);
  });

  it('keeps the first error where the page cannot be reached, or has no content script to wake', async () => {
    lend({ access: false });
    await expect(sendToTab(7, 'content:mentions', {}, 0)).rejects.toBe(noListener);
    expect(sent).toHaveLength(1);
    lend({ wakes: false });
    await expect(sendToTab(7, 'content:mentions', {}, 0)).rejects.toBe(noListener);
    expect(sent).toHaveLength(1);
  });

  it('sends nothing into a page that is not a web page, where its address shows', async () => {
    lend({ url: 'moz-extension://backstory/options.html' });
    await expect(sendToTab(7, 'content:mentions', {}, 0)).rejects.toBe(noListener);
    expect(injected).toEqual([]);
    lend({ url: undefined }); // no access to the address: tried
    expect(await sendToTab(7, 'content:mentions', {}, 0)).toEqual(['answer']);
  });

  it('wakes nothing for a message to every frame (a settings change has nothing to update there)', async () => {
    lend();
    await expect(sendToTab(7, 'content:settings-changed', {})).rejects.toBe(noListener);
    expect(injected).toEqual([]);
  });
});
