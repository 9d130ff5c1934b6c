import { describe, expect, it } from 'vitest';
import { markSpan, readerBlocks, type ReaderBlock } from '../../src/reader/reader-blocks';

const text = [
  '- Example News',
  '- Politics',
  'Envoys Meet in Paris as Deadline Nears',
  '',
  'The talks resumed on Friday, officials said 1 2 3.',
  '“We will not wait forever,” Marco Rubio said.',
  'Key Takeaways',
  '- Talks resumed',
  '- A deadline looms',
  'Reply',
].join('\n');

const shown = (blocks: ReaderBlock[]) => blocks.map((b) => [b.kind, b.pieces.map((p) => (p.marked ? `[${p.text}]` : p.text)).join('')]);

describe('readerBlocks', () => {
  it('shows the article’s own text, without site chrome, the headline or citation markers', () => {
    expect(shown(readerBlocks(text, null))).toEqual([
      ['paragraph', 'The talks resumed on Friday, officials said.'],
      ['paragraph', '“We will not wait forever,” Marco Rubio said.'],
      ['heading', 'Key Takeaways'],
      ['takeaway', 'Talks resumed'],
      ['takeaway', 'A deadline looms'],
    ]);
  });

  it('marks exactly the addressed span, with offsets into the raw text', () => {
    const start = text.indexOf('We will');
    const span = { start, end: start + 'We will not wait forever'.length };
    const blocks = readerBlocks(text, span);
    expect(shown(blocks)[1]).toEqual(['paragraph', '“[We will not wait forever],” Marco Rubio said.']);
    for (const piece of blocks.flatMap((b) => b.pieces)) expect(text.slice(piece.start, piece.end)).toBe(piece.text);
  });

  it('marks a span across lines in each line it touches', () => {
    const start = text.indexOf('Friday');
    const end = text.indexOf('Marco') + 'Marco'.length;
    const marked = readerBlocks(text, { start, end }).flatMap((b) => b.pieces.filter((p) => p.marked).map((p) => p.text));
    expect(marked).toEqual(['Friday, officials said 1 2 3.', '“We will not wait forever,” Marco']);
  });

  it('shows a line of site chrome when the address points into it', () => {
    const start = text.indexOf('Reply');
    expect(shown(readerBlocks(text, { start, end: start + 5 })).at(-1)).toEqual(['paragraph', '[Reply]']);
  });
});

describe('markSpan', () => {
  it.each([
    ['no span', null, ['abcdef']],
    ['inside', { start: 2, end: 4 }, ['ab', '[cd]', 'ef']],
    ['over the start', { start: 0, end: 3 }, ['[abc]', 'def']],
    ['beyond the part', { start: 10, end: 12 }, ['abcdef']],
    ['the whole part', { start: 0, end: 6 }, ['[abcdef]']],
  ] as const)('%s', (_name, span, expected) => {
    const pieces = markSpan('abcdef', { start: 0, end: 6 }, span);
    expect(pieces.map((p) => (p.marked ? `[${p.text}]` : p.text))).toEqual(expected);
  });
});
