/**
 * Every word the popup, reader and settings page show comes from _locales through t(), so a
 * second locale needs no code change: no text between JSX tags and no text attribute is written
 * into the components themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import messages from '../../src/_locales/en/messages.json';

const PAGE_DIRS = ['src/popup', 'src/reader', 'src/options', 'src/ui'];
/** The card is its own owner's; this test covers the pages. */
const NOT_PAGES = new Set(['src/ui/EntityCard.tsx']);

const components = PAGE_DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => path.join(dir, f))
    .filter((f) => !NOT_PAGES.has(f)),
);

/** Words (two letters or more) in JSX text or in a text attribute of a component's source. */
function hardCodedText(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ''); // comments may say anything
  const found: string[] = [];
  // Text between a tag's end and the next tag or expression.
  for (const m of code.matchAll(/>([^<>{}]+)(?=[<{])/g)) {
    const text = m[1]!.trim();
    if (!/\p{L}{2,}/u.test(text)) continue;
    if (/[=;()&|]/.test(text)) continue; // code between angle brackets: a comparison, a generic's props
    if (/^[a-z][a-z-]*:\S*$/.test(text)) continue; // an address, the same in every language
    found.push(text);
  }
  for (const m of code.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]*)"/g)) {
    if (/\p{L}{2,}/u.test(m[2]!)) found.push(`${m[1]}="${m[2]}"`);
  }
  return found;
}

describe('the pages’ strings', () => {
  it('finds the page components', () => {
    expect(components).toEqual(expect.arrayContaining(['src/popup/SearchView.tsx', 'src/reader/ArticleView.tsx', 'src/options/Options.tsx']));
  });

  it.each(components)('%s writes no words of its own', (file) => {
    expect(hardCodedText(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('catches words written into a component', () => {
    expect(
      hardCodedText('<p class="x">Loading</p><b aria-label="Close">{t("a")}</b><i>{x} · </i><code>about:addons</code><u>Read it</u>'),
    ).toEqual(['Loading', 'Read it', 'aria-label="Close"']);
  });

  it('has a message, and a description for translators, for every key', () => {
    for (const [key, entry] of Object.entries(messages as Record<string, { message: string; description?: string }>)) {
      expect(entry.message, key).not.toBe('');
      expect(entry.description, key).toBeTruthy();
    }
  });

  it('names in each message every placeholder it declares', () => {
    type Entry = { message: string; placeholders?: Record<string, { content: string }> };
    for (const [key, entry] of Object.entries(messages as Record<string, Entry>)) {
      const used = [...entry.message.matchAll(/\$([A-Z_]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
      expect(used, key).toEqual(Object.keys(entry.placeholders ?? {}).sort());
    }
  });
});
