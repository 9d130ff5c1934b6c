import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemeOf } from '../../src/ui/page-theme';

const systemIn = (dark: boolean) => ({ matchMedia: (q: string) => ({ matches: dark && q === '(prefers-color-scheme: dark)' }) as MediaQueryList });

describe('schemeOf', () => {
  it.each([
    ['auto', false, 'light'],
    ['auto', true, 'dark'],
    ['light', true, 'light'],
    ['dark', false, 'dark'],
  ] as const)('%s with a dark system: %s → %s', (theme, dark, scheme) => {
    expect(schemeOf(theme, systemIn(dark))).toBe(scheme);
  });
});

describe('page.css', () => {
  it('gives "auto" on a dark system and the setting "dark" the same palette', () => {
    const css = readFileSync('src/ui/page.css', 'utf8');
    const block = (selector: string) => {
      const start = css.indexOf(`${selector} {`);
      expect(start, selector).toBeGreaterThan(-1);
      return css
        .slice(start + selector.length + 2, css.indexOf('}', start))
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean);
    };
    const dark = block(":root[data-theme='dark']");
    expect(dark).toContain('color-scheme: dark');
    expect(block(":root:not([data-theme='light'])")).toEqual(dark);
  });
});
