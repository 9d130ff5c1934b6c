import type { Article } from '../core/types';
import { t } from './i18n';

/** An article's headline, or a marked stand-in where the text has none. */
export function articleTitle(article: Pick<Article, 'title'>): string {
  return article.title ?? t('untitledArticle');
}
