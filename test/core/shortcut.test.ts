import { describe, expect, it } from 'vitest';
import { matchesShortcut, parseShortcut } from '../../src/core/shortcut';

const key = (code: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({
  code,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('parseShortcut', () => {
  it.each([
    ['Alt+Shift+B', { alt: true, shift: true, ctrl: false, meta: false, code: 'KeyB' }],
    ['Ctrl+Shift+Comma', { alt: false, shift: true, ctrl: true, meta: false, code: 'Comma' }],
    ['Command+5', { alt: false, shift: false, ctrl: false, meta: true, code: 'Digit5' }],
    ['MacCtrl+Up', { alt: false, shift: false, ctrl: true, meta: false, code: 'ArrowUp' }],
    ['Alt+F7', { alt: true, shift: false, ctrl: false, meta: false, code: 'F7' }],
  ])('%s', (text, expected) => {
    expect(parseShortcut(text)).toEqual(expected);
  });

  it.each([null, undefined, '', 'Alt+', 'Hyper+B', 'Alt+Shift+ß', '⌥⇧B'])('gives null for %j', (text) => {
    expect(parseShortcut(text)).toBeNull();
  });
});

describe('matchesShortcut', () => {
  const s = parseShortcut('Alt+Shift+B')!;
  it('matches the physical key with exactly the modifiers', () => {
    expect(matchesShortcut(s, key('KeyB', { altKey: true, shiftKey: true }))).toBe(true);
    expect(matchesShortcut(s, key('KeyB', { altKey: true }))).toBe(false);
    expect(matchesShortcut(s, key('KeyB', { altKey: true, shiftKey: true, ctrlKey: true }))).toBe(false);
    expect(matchesShortcut(s, key('KeyN', { altKey: true, shiftKey: true }))).toBe(false);
  });
});
