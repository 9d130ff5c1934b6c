/**
 * Reading shadow roots and following custom elements until they are defined
 * (shadow-hosts.ts), on happy-dom: shared by the scanner and the content script's sieve.
 */
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { canHostShadow, openShadowRoot, takeUpgraded } from '../../src/content/shadow-hosts';

describe('canHostShadow and openShadowRoot', () => {
  it('asks only elements that can have a shadow root, and never sees a closed one', () => {
    const win = new Window();
    const doc = win.document as unknown as Document;
    expect(['div', 'body', 'news-card'].map(canHostShadow)).toEqual([true, true, true]);
    expect(['a', 'img', 'table'].map(canHostShadow)).toEqual([false, false, false]);
    const open = doc.createElement('section');
    const root = open.attachShadow({ mode: 'open' });
    const closed = doc.createElement('div');
    closed.attachShadow({ mode: 'closed' });
    expect(openShadowRoot(open)).toBe(root);
    expect(openShadowRoot(closed)).toBeNull();
  });
});

/**
 * A custom element as takeUpgraded sees it. happy-dom never matches `:defined` (not even on a
 * <div>), so the state is set by hand here; the browser tests (shadow-dom.test.ts) cover upgrades
 * in Chromium and Firefox.
 */
const element = (id: string, state: { connected?: boolean; defined?: boolean; root?: boolean }) =>
  ({
    id,
    localName: 'story-card',
    isConnected: state.connected ?? true,
    shadowRoot: state.root ? ({} as ShadowRoot) : null,
    matches: (selector: string) => selector === ':defined' && (state.defined ?? false),
  }) as unknown as Element;

describe('takeUpgraded', () => {
  it('takes the elements that have an open shadow root now, drops the gone and the rootless, keeps the rest', () => {
    const upgraded = element('upgraded', { defined: true, root: true });
    const rooted = element('rooted', { root: true }); // a root attached before the definition
    const plain = element('plain', { defined: true });
    const gone = element('gone', { connected: false, root: true });
    const undefinedYet = element('undefined', {});
    const waiting = new Set([upgraded, plain, gone, undefinedYet, rooted]);
    const ids = (els: Iterable<Element>) => [...els].map((el) => el.id);
    expect(ids(takeUpgraded(waiting))).toEqual(['upgraded', 'rooted']);
    // Still undefined: looked at again next time.
    expect(ids(waiting)).toEqual(['undefined']);
    expect(takeUpgraded(waiting)).toEqual([]);
    expect(ids(waiting)).toEqual(['undefined']);
  });
});
