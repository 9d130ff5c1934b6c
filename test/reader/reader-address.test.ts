import { describe, expect, it } from 'vitest';
import { parseReaderAddress, splitParagraphs } from '../../src/reader/reader-address';

describe('parseReaderAddress', () => {
  it('reads the article and span', () => {
    expect(parseReaderAddress('?article=a-1&start=10&end=20')).toEqual({
      articleId: 'a-1',
      span: { start: 10, end: 20 },
    });
  });
  it.each(['?article=a', '?article=a&start=5', '?article=a&start=x&end=9', '?article=a&start=9&end=9', '?article=a&start=-2&end=3'])(
    'ignores a missing or invalid span: %s',
    (search) => {
      expect(parseReaderAddress(search)).toEqual({ articleId: 'a', span: null });
    },
  );
});

describe('splitParagraphs', () => {
  it('keeps offsets into the raw text', () => {
    const text = 'Title\n\nFirst line.\nSecond.';
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.map((p) => p.text)).toEqual(['Title', 'First line.', 'Second.']);
    for (const p of paragraphs) expect(text.slice(p.start, p.end)).toBe(p.text);
  });
});
