import './reader.css';
import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Article } from '../core/types';
import { articleTitle } from '../ui/article-title';
import { t } from '../ui/i18n';
import { useCorpus } from '../ui/use-corpus';
import { parseReaderAddress, splitParagraphs, type Span } from './reader-address';

/**
 * The reader: one corpus article as plain text, scrolled to and marking the span named in the
 * address (`reader.html?article=ID&start=N&end=M`), so a link from a quote survives a reload.
 * Text only: nothing from the corpus is ever parsed as HTML.
 */
function Reader() {
  const corpus = useCorpus();
  const { articleId, span } = parseReaderAddress(location.search);
  if (corpus.status === 'loading') return <p class="muted">{t('cardLoading')}</p>;
  if (corpus.status === 'error') return <p class="error" role="alert">{t('loadFailed', corpus.message)}</p>;
  const { articles } = corpus.index;
  const article = articles.find((a) => a.id === articleId) ?? (articleId ? undefined : articles[0]);
  return (
    <>
      <nav aria-label={t('readerAllArticles')}>
        <h2>{t('readerAllArticles')}</h2>
        <ul class="plain">
          {articles.map((a) => (
            <li key={a.id}>
              <a href={`?article=${encodeURIComponent(a.id)}`} aria-current={a === article ? 'page' : undefined}>
                {articleTitle(a)}
              </a>
              <div class="muted">{a.outlet ?? t('outletUnknown')}</div>
            </li>
          ))}
        </ul>
      </nav>
      {article ? <ArticleView article={article} span={span} /> : <p role="alert">{t('readerNotFound')}</p>}
    </>
  );
}

function ArticleView({ article, span }: { article: Article; span: Span | null }) {
  const mark = useRef<HTMLElement>(null);
  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'center' });
  }, [article.id, span?.start, span?.end]);
  document.title = `${articleTitle(article)} · Backstory`;
  return (
    <article>
      <h1>{articleTitle(article)}</h1>
      <p class="muted">
        {article.outlet ?? t('outletUnknown')} · {article.published ?? t('readerPublishedUnknown')}
      </p>
      {splitParagraphs(article.text).map((p) => (
        <p key={p.start}>
          {span && span.start < p.end && span.end > p.start ? (
            <>
              {p.text.slice(0, Math.max(0, span.start - p.start))}
              <mark ref={mark} id="quote">
                {p.text.slice(Math.max(0, span.start - p.start), Math.min(p.text.length, span.end - p.start))}
              </mark>
              {p.text.slice(Math.min(p.text.length, span.end - p.start))}
            </>
          ) : (
            p.text
          )}
        </p>
      ))}
    </article>
  );
}

render(<Reader />, document.getElementById('app')!);
