import { useEffect, useRef } from 'preact/hooks';
import type { Article } from '../core/types';
import { articleTitle } from '../ui/article-title';
import { t } from '../ui/i18n';
import type { Span } from './reader-address';
import { readerBlocks, type Piece, type ReaderBlock } from './reader-blocks';

export interface Props {
  article: Article;
  /** The span the address names (a quote, a background sentence), marked and scrolled to. */
  span: Span | null;
}

/** One article: headline, outlet, whether its date is known, and its text, as text. */
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

  // The first marked piece takes the ref and the id, whatever block it is in.
  let first = true;
  const text = (pieces: Piece[]) =>
    pieces.map((p) => {
      if (!p.marked) return p.text;
      const isFirst = first;
      first = false;
      return isFirst ? (
        <mark key={p.start} ref={mark} id="quote" tabIndex={-1}>
          {p.text}
        </mark>
      ) : (
        <mark key={p.start}>{p.text}</mark>
      );
    });

  return (
    <article aria-labelledby="article-title">
      <h1 id="article-title">{title}</h1>
      <p class="muted meta">
        {article.outlet ?? t('outletUnknown')} ·{' '}
        {article.published ? t('readerPublished', article.published) : t('readerPublishedUnknown')}
      </p>
      {span && !inText && (
        <p class="notice" role="alert">
          {t('readerSpanMissing')}
        </p>
      )}
      {groupTakeaways(readerBlocks(article.text, inText)).map((group) =>
        Array.isArray(group) ? (
          <ul key={group[0]!.start} class="takeaways">
            {group.map((b) => (
              <li key={b.start}>{text(b.pieces)}</li>
            ))}
          </ul>
        ) : group.kind === 'heading' ? (
          <h2 key={group.start}>{text(group.pieces)}</h2>
        ) : (
          <p key={group.start} class={group.kind === 'opinion' ? 'opinion' : undefined}>
            {text(group.pieces)}
          </p>
        ),
      )}
    </article>
  );
}

/** Consecutive takeaways as one list. */
function groupTakeaways(blocks: ReaderBlock[]): (ReaderBlock | ReaderBlock[])[] {
  const out: (ReaderBlock | ReaderBlock[])[] = [];
  for (const b of blocks) {
    const last = out.at(-1);
    if (b.kind === 'takeaway' && Array.isArray(last)) last.push(b);
    else out.push(b.kind === 'takeaway' ? [b] : b);
  }
  return out;
}
