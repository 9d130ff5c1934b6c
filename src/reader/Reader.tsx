import { useEffect } from 'preact/hooks';
import { t } from '../ui/i18n';
import { usePageTheme } from '../ui/page-theme';
import { useCorpus } from '../ui/use-corpus';
import { useSettings } from '../ui/use-settings';
import { ArticleNav } from './ArticleNav';
import { ArticleView } from './ArticleView';
import { runReaderSession } from './live-session';
import { parseReaderAddress } from './reader-address';

/**
 * The reader: one corpus article as plain text, scrolled to and marking the span named in the
 * address (`reader.html?article=ID&start=N&end=M`), so a link from a quote survives a reload;
 * then every article in the corpus, with its outlet. Text only: nothing from the corpus is ever
 * parsed as HTML.
 */
export function Reader() {
  const corpus = useCorpus();
  const { settings } = useSettings();
  usePageTheme(settings.theme);
  const { articleId, span } = parseReaderAddress(location.search);
  const ready = corpus.status === 'ready';

  // Mentions in the article become hoverable once it is on the page.
  useEffect(() => {
    if (!ready) return;
    const controller = new AbortController();
    runReaderSession(document, controller.signal);
    return () => controller.abort();
  }, [ready]);

  if (corpus.status === 'loading') return <p class="muted">{t('cardLoading')}</p>;
  if (corpus.status === 'error') {
    return (
      <p class="error" role="alert">
        {t('loadFailed', corpus.message)}
      </p>
    );
  }
  const { articles } = corpus.value;
  const article = articleId === null ? articles[0] : articles.find((a) => a.id === articleId);
  return (
    <div class="reader">
      {article ? (
        <ArticleView article={article} span={span} />
      ) : (
        <p class="notice" role="alert">
          {t('readerNotFound')}
        </p>
      )}
      <ArticleNav articles={articles} current={article?.id ?? null} />
    </div>
  );
}
