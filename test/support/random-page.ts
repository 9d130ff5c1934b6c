/**
 * Random pages for the checks that the sieve and the first scan hold on pages nobody has seen
 * (test/content/first-scan.test.ts in node, test/browser/mentions.test.ts in both browsers).
 */
import { random } from '../../bench/synthetic.mjs';
import type { EntityEntry } from '../../src/core/types';

/**
 * A random page (seeded) of a few blocks, each mixing filler, names and markup the way pages
 * write them: names split by inline elements and comments at any character, soft hyphens and
 * zero-width spaces inside words, no-break spaces, typographic dashes and apostrophes,
 * possessives, lower case, names in scripts, code, buttons and hidden elements, names across a
 * block boundary, and Cyrillic, among paragraphs that name no one. It stays out of the sieve's
 * one documented bound: a name split by an element hidden by its attributes.
 */
export function randomPage(seed: number, entities: readonly EntityEntry[]): string {
  const r = random(seed);
  const chance = (p: number) => r.next() < p;
  const names = entities.flatMap((e) => [...e.aliases, ...e.namesakes]);
  const words = (list: readonly string[], fewest: number, most: number) =>
    Array.from({ length: r.int(fewest, most) }, () => r.pick(list)).join(' ');
  const filler = () => words(FILLER, 1, 8);
  const inline = () => r.pick(['b', 'i', 'em', 'a', 'span', 'strong']);
  /** A name, cut at random characters into pieces, each piece maybe wrapped in an inline element. */
  const name = (): string => {
    let text = r.pick(names);
    if (chance(0.15)) text = text.toLowerCase();
    if (chance(0.2)) text += r.pick(['’s', "'s", 's']);
    if (chance(0.15)) text = text.replace(/ /g, '\u00a0');
    if (chance(0.3)) text = text.replace(/-/g, '\u2013').replace(/'/g, '\u2019');
    const cuts = new Set(Array.from({ length: r.int(0, 3) }, () => r.int(1, Math.max(1, text.length - 1))));
    const pieces: string[] = [];
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      pieces.push(text.slice(from, cut));
      from = cut;
    }
    pieces.push(text.slice(from));
    return pieces
      .map((piece, i) => {
        const joint = i === 0 ? '' : r.pick(['', '', '<!-- c -->', '\u00ad', '\u200b', '<wbr>']);
        const tag = inline();
        return joint + (chance(0.4) ? `<${tag}>${piece}</${tag}>` : piece);
      })
      .join('');
  };
  const aside = () =>
    r.pick([
      () => `<script>var who = "${r.pick(names)}";</script>`,
      () => `<style>.x::after { content: "${r.pick(names)}"; }</style>`,
      () => `<code>${r.pick(names)}</code>`,
      () => `<button>${r.pick(names)}</button>`,
      () => `<span hidden>${r.pick(names)}</span>`,
      () => `<span style="display: none">${r.pick(names)}</span>`,
      () => '<br>',
      () => '<!-- Trump -->',
    ])();
  const content = () =>
    Array.from({ length: r.int(1, 6) }, () => {
      const roll = r.next();
      return roll < 0.45 ? filler() : roll < 0.8 ? name() : aside();
    }).join(chance(0.7) ? ' ' : '');
  const blocks = Array.from({ length: r.int(1, 4) }, () => {
    const tag = r.pick(['p', 'div', 'h2', 'blockquote', 'li', 'td']);
    const html = `<${tag}>${content()}</${tag}>`;
    if (tag === 'li') return `<ul>${html}</ul>`;
    if (tag === 'td') return `<table><tr>${html}<td>${content()}</td></tr></table>`;
    return html;
  });
  // A name across a block boundary: the scanner does not join it, the sieve may point at it.
  if (chance(0.2)) {
    const split = r.pick(names.filter((n) => n.includes(' ')));
    const at = split.indexOf(' ');
    blocks.push(`<p>${filler()} ${split.slice(0, at)}</p><p>${split.slice(at + 1)} ${filler()}</p>`);
  }
  // Among paragraphs that name no one, as on a long page: the sieve then points at parts.
  const page: string[] = Array.from({ length: r.int(60, 200) }, () => `<p>${words(PLAIN, 4, 12)}.</p>`);
  for (const block of blocks) page.splice(r.int(0, page.length), 0, block);
  // The icon link keeps browsers from asking for /favicon.ico, whose 404 a test would count as a page error.
  const head = `<meta charset="utf-8"><link rel="icon" href="data:,"><title>${r.pick(names)}</title>`;
  return `<!doctype html><html><head>${head}</head><body>${page.join('\n')}</body></html>`;
}

/** Words around names, some holding the sieve's anchors ("advance", "meetings", "white"). */
const FILLER = 'the minister said on Monday that talks would resume after a pause in advance of meetings with white house settings and nato allies'.split(' ');
/** Words of the paragraphs between, which hold none. */
const PLAIN = 'the council said on Monday that prices would rise after a pause in trade'.split(' ');
