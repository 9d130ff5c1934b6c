/**
 * Reads a computed CSS colour (`rgb(…)`/`rgba(…)`, as getComputedStyle reports it) and tells
 * whether it is opaque enough to count as a page background, and how light it is.
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export function parseRgb(css: string): Rgba | null {
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css.trim());
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: alpha };
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance({ r, g, b }: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Dark backgrounds want a dark card; the midpoint of contrast against black and white. */
export const DARK_BELOW = 0.18;

/**
 * The theme for a page whose background layers, innermost first, have these computed colours;
 * `null` when none is opaque (the page shows the browser's default canvas).
 */
export function themeForBackgrounds(colours: readonly string[]): 'light' | 'dark' | null {
  for (const css of colours) {
    const c = parseRgb(css);
    if (c && c.a >= 0.5) return relativeLuminance(c) < DARK_BELOW ? 'dark' : 'light';
  }
  return null;
}
