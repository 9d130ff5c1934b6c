// @vitest-environment happy-dom
/**
 * The real-pages run's snapshot of a page (test/pages/in-page.mjs), taken here in a test DOM:
 * what a line says about a node, and what it leaves out so that a page's own clock does not
 * read as a change.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { snapshotPage } from './in-page.mjs';

beforeAll(() => {
  // happy-dom has no <frame> interface; the snapshot asks each element whether it is one.
  (globalThis as { HTMLFrameElement?: unknown }).HTMLFrameElement ??= class {};
});

const lines = (): string[] => JSON.parse(snapshotPage()).nodes;

afterEach(() => {
  document.body.replaceChildren();
});

describe('snapshotPage', () => {
  it('masks long digit runs in attributes and text, as the lists are masked', () => {
    document.body.innerHTML = '<span data-src="/toggle-off.js?17961234"></span><p id="n1234567">At 1796123456789</p>';
    const first = lines();
    document.body.innerHTML = '<span data-src="/toggle-off.js?17961235"></span><p id="n7654321">At 1796123499999</p>';
    expect(lines()).toEqual(first);
  });

  it('still tells short numbers and other text apart', () => {
    document.body.innerHTML = '<span data-src="/x.js?v=12345"></span><p>Page 12345</p>';
    const first = lines();
    document.body.innerHTML = '<span data-src="/x.js?v=12346"></span><p>Page 12345</p>';
    const second = lines();
    expect(second).not.toEqual(first);
    document.body.innerHTML = '<span data-src="/x.js?v=12345"></span><p>Page 12346</p>';
    const third = lines();
    expect(third).not.toEqual(first);
    expect(third).not.toEqual(second);
  });
});
