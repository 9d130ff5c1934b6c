/**
 * Finds an article's direct quotations and who speaks each. Each points at its words in the raw
 * text, so the reader can show exactly that span.
 *
 * The article's own paragraphs (prose, takeaways, the opinion box) are read as one stream, so
 * "he said" can reach back to the paragraph before. An embedded tweet is read on its own: its
 * quotation is real ("Secretary of State Marco Rubio: "…") but cut off where the tweet's media
 * link begins, and the names in it must not become the "he" of the article's next paragraph.
 */
import type { Article, ArticleSpan, EntityEntry } from '../types';
import { attributeQuotations, type Attribution } from './attribute-quotes';
import type { Block, BlockKind } from './clean-article';
import { findQuotations, quotedWords, type Quotation } from './find-quotations';
import { speakerMentionFinder, type SpeakerMentionFinder } from './find-speaker-mentions';
import { maskQuotations } from './mask-quotations';
import { splitSentences } from './split-sentences';
import type { TextSpan } from './text-span';

export interface FoundQuotation extends ArticleSpan {
  attribution: Attribution;
  /** The kind of block it was found in; `chrome` for an embedded tweet. */
  block: BlockKind;
  /** Cut off before its closing mark. */
  truncated: boolean;
}

const STREAM_KINDS: readonly BlockKind[] = ['prose', 'takeaway', 'opinion'];
const TWEET_LINK = /\s*(?:https?:\/\/)?pic\.twitter\.com\/\S*/;

/** Finds the quotations of one article. */
export type QuotationExtractor = (article: Pick<Article, 'id' | 'text'>, blocks: readonly Block[]) => FoundQuotation[];

/** An extractor for many articles: the entities' matchers are compiled once, not per article. */
export function quotationExtractor(entities: readonly EntityEntry[]): QuotationExtractor {
  const findMentions = speakerMentionFinder(entities);
  return (article, blocks) => extract(article, blocks, findMentions);
}

export function extractQuotations(
  article: Pick<Article, 'id' | 'text'>,
  blocks: readonly Block[],
  entities: readonly EntityEntry[],
): FoundQuotation[] {
  return quotationExtractor(entities)(article, blocks);
}

function extract(
  article: Pick<Article, 'id' | 'text'>,
  blocks: readonly Block[],
  findMentions: SpeakerMentionFinder,
): FoundQuotation[] {
  const { text } = article;
  const mentions = findMentions(text);
  const streams: { blocks: (TextSpan & { kind: BlockKind })[]; cutOff: boolean }[] = [
    { blocks: blocks.filter((b) => STREAM_KINDS.includes(b.kind)), cutOff: false },
    ...blocks
      .filter((b) => b.chrome === 'embedded-tweet')
      .map((b) => {
        const link = TWEET_LINK.exec(text.slice(b.start, b.end));
        return { blocks: [{ ...b, end: link ? b.start + link.index : b.end }], cutOff: true };
      }),
  ];

  const found: FoundQuotation[] = [];
  for (const stream of streams) {
    const quotations = stream.blocks.flatMap((b) => findQuotations(text, b, stream.cutOff));
    const masked = maskQuotations(text, quotations);
    const inStream = (m: TextSpan) =>
      stream.blocks.some((b) => b.start <= m.start && m.end <= b.end) &&
      !quotations.some((q) => q.open < m.start && m.start < q.close);
    const attributions = attributeQuotations(
      {
        text,
        masked,
        mentions: mentions.filter(inStream),
        paragraphs: stream.blocks.map((b) => ({ ...b, sentences: splitSentences(masked, b) })),
      },
      quotations,
    );
    quotations.forEach((quotation, i) => {
      const words = quotedWords(text, quotation);
      if (!words) return;
      found.push({
        articleId: article.id,
        start: words.start,
        end: words.end,
        text: text.slice(words.start, words.end),
        attribution: attributions[i]!,
        block: blockOf(stream.blocks, quotation),
        truncated: quotation.truncated === true,
      });
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

function blockOf(blocks: readonly (TextSpan & { kind: BlockKind })[], quotation: Quotation): BlockKind {
  return blocks.find((b) => b.start <= quotation.open && quotation.open < b.end)?.kind ?? 'prose';
}
