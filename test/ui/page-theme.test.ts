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
