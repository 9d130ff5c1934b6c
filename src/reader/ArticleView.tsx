import { useEffect, useRef } from 'preact/hooks';
import type { Article } from '../core/types';
import { articleTitle } from '../ui/article-title';
import { t } from '../ui/i18n';
import { paragraphPieces, splitParagraphs, type Span } from './reader-address';

export interface Props {
  article: Article;
  /** The span the address names (a quote, a background sentence), marked and scrolled to. */
  span: Span | null;
}

/** One article: headline, outlet, whether its date is known, and its paragraphs as text. */
export function ArticleView({ article, span }: Props) {
  const mark = useRef<HTMLElement>(null);
  const inText = span && span.end <= article.text.length ? span : null;
  const title = articleTitle(article);

  useEffect(() => {
    document.title = t('readerPageTitle', title);
  }, [title]);
  useEffect(() => {
    // Focus, not only scroll, so keyboard and screen-reader users start at the quote too.
    mark.current?.scrollIntoView({ block: 'center' });
    mark.current?.focus({ preventScroll: true });
  }, [article.id, inText?.start, inText?.end]);

  // The first marked piece takes the ref and id, whatever paragraph it is in.
  let firstMark = true;
  const takeFirst = () => {
    const first = firstMark;
    firstMark = false;
    return first;
  };
  return (
    <article aria-labelledby="article-title">
      <h1 id="article-title">{title}</h1>
      <p class="muted meta">
        {article.outlet ?? t('outletUnknown')} · {article.published ? t('readerPublished', article.published) : t('readerPublishedUnknown')}
      </p>
      {span && !inText && (
        <p class="notice" role="alert">
          {t('readerSpanMissing')}
        </p>
      )}
      {splitParagraphs(article.text).map((p) => (
        <p key={p.start}>
          {paragraphPieces(p, inText).map((piece, i) =>
            piece.marked ? (
              takeFirst() ? (
                <mark key={i} ref={mark} id="quote" tabIndex={-1}>
                  {piece.text}
                </mark>
              ) : (
                <mark key={i}>{piece.text}</mark>
              )
            ) : (
              piece.text
            ),
          )}
        </p>
      ))}
    </article>
  );
}
