/**
 * Finds an article's direct quotations and keeps those whose speaker is a covered person.
 * Each quote points at its words in the raw text, so the reader can show exactly that span.
 */
import type { Article, Entity, Quote } from '../types';
import { attributeQuotations } from './attribute-quotes';
import { findPersonMentions } from './find-person-mentions';
import { findQuotations, quotedWords } from './find-quotations';
import { maskQuotations } from './mask-quotations';
import { splitParagraphs } from './split-paragraphs';
import { splitSentences } from './split-sentences';

export function extractQuotes(article: Pick<Article, 'id' | 'text'>, entities: readonly Entity[]): Quote[] {
  const { id: articleId, text } = article;
  const paragraphs = splitParagraphs(text).filter((p) => !p.chrome);
  const quotations = paragraphs.flatMap((p) => findQuotations(text, p));
  const masked = maskQuotations(text, quotations);

  const inProse = (at: number) =>
    paragraphs.some((p) => p.start <= at && at < p.end) &&
    !quotations.some((q) => q.open < at && at < q.close);
  const people = entities.filter((e) => e.kind === 'person');
  const mentions = findPersonMentions(text, people).filter((m) => inProse(m.start));

  const speakers = attributeQuotations(
    { masked, mentions, paragraphs: paragraphs.map((p) => ({ ...p, sentences: splitSentences(masked, p) })) },
    quotations,
  );

  const quotes: Quote[] = [];
  quotations.forEach((quotation, i) => {
    const speakerId = speakers[i];
    const words = quotedWords(text, quotation);
    if (!speakerId || !words) return;
    quotes.push({
      id: `${articleId}#q${quotes.length + 1}`,
      speakerId,
      articleId,
      start: words.start,
      end: words.end,
      text: text.slice(words.start, words.end),
    });
  });
  return quotes;
}
