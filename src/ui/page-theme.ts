/**
 * The theme of Backstory's own pages. The theme setting goes on <html> as `data-theme`, where
 * page.css picks its colours; "auto" follows the system's colour scheme.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Theme } from '../core/settings';

export type Scheme = 'light' | 'dark';

/** The scheme a theme setting gives in `win` right now. */
export function schemeOf(theme: Theme, win: Pick<Window, 'matchMedia'>): Scheme {
  if (theme !== 'auto') return theme;
  return win.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Applies `theme` to the page and returns the scheme in effect, following system changes. */
export function usePageTheme(theme: Theme): Scheme {
  const [scheme, setScheme] = useState<Scheme>(() => schemeOf(theme, window));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setScheme(schemeOf(theme, window));
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [theme]);
  return scheme;
}
