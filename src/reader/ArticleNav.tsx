import type { Article } from '../core/types';
import { articleTitle } from '../ui/article-title';
import { t } from '../ui/i18n';
import { readerPath } from './reader-address';

export interface Props {
  articles: Article[];
  /** The article on show, marked as the current page. */
  current: string | null;
}

/** Every article in the corpus, with its outlet. */
export function ArticleNav({ articles, current }: Props) {
  return (
    <nav aria-labelledby="all-articles">
      <h2 id="all-articles">{t('readerAllArticles')}</h2>
      <ul class="plain">
        {articles.map((a) => (
          <li key={a.id}>
            <a href={readerPath(a.id)} aria-current={a.id === current ? 'page' : undefined}>
              {articleTitle(a)}
            </a>
            <div class="muted">{a.outlet ?? t('outletUnknown')}</div>
          </li>
        ))}
      </ul>
    </nav>
  );
}
