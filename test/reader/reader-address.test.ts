import { describe, expect, it } from 'vitest';
import { parseReaderAddress, readerPath } from '../../src/reader/reader-address';

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

describe('readerPath', () => {
  it.each([
    ['atlas-news-walk-away', { start: 5, end: 42 }],
    ['odd id & more#1', { start: 0, end: 1 }],
    ['no-span', null],
  ])('makes an address the reader reads back: %s', (articleId, span) => {
    const path = readerPath(articleId, span);
    expect(path.startsWith('reader.html?')).toBe(true);
    expect(parseReaderAddress(path.slice(path.indexOf('?')))).toEqual({ articleId, span });
  });
});
