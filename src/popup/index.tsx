import './popup.css';
import { render } from 'preact';
import { t } from '../ui/i18n';
import { useCorpus } from '../ui/use-corpus';
import { articleTitle } from '../ui/article-title';

/** The toolbar popup: for now, what the corpus covers. Search arrives with its own issue. */
function Popup() {
  const corpus = useCorpus();
  if (corpus.status === 'loading') return <p class="muted">{t('cardLoading')}</p>;
  if (corpus.status === 'error') return <p class="error" role="alert">{t('loadFailed', corpus.message)}</p>;
  const { entities, quotes, articles } = corpus.index;
  const people = entities.filter((e) => e.kind === 'person');
  return (
    <>
      <h1>{t('popupHeading')}</h1>
      <p class="muted">
        {t('popupSummary', [String(people.length), String(quotes.length), String(articles.length)])}
      </p>
      <h2>{t('popupPeopleHeading')}</h2>
      <ul class="plain">
        {people.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong> <span class="muted">· {p.role}</span>
          </li>
        ))}
      </ul>
      <h2>{t('popupArticlesHeading')}</h2>
      <ul class="plain">
        {articles.map((a) => (
          <li key={a.id}>
            <a href={`reader.html?article=${encodeURIComponent(a.id)}`} target="_blank">
              {articleTitle(a)}
            </a>{' '}
            <span class="muted">· {a.outlet ?? t('outletUnknown')}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

render(<Popup />, document.getElementById('app')!);
