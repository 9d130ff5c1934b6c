import type { CardData, CardQuote } from '../core/card';
import type { EntityKind } from '../core/types';
import { t, type MessageKey } from './i18n';

export type CardState =
  | { status: 'loading' }
  | { status: 'ready'; card: CardData }
  | { status: 'error'; message: string };

export interface Props {
  /** What to show: the card, or why there is none yet. */
  state: CardState;
  /** The address of the reader page at a quote, for the link's href. */
  readerHref: (quote: CardQuote) => string;
  /** Opens a quote in the reader; the card's links call this instead of navigating. */
  onOpenQuote: (quote: CardQuote) => void;
  /** Closes the card. */
  onClose: () => void;
}

const KIND_LABEL: Record<EntityKind, MessageKey> = {
  person: 'kindPerson',
  topic: 'kindTopic',
  'place-or-organisation': 'kindPlaceOrOrganisation',
};

/** The entity card: who or what this is, and what the corpus quotes them saying. */
export function EntityCard({ state, readerHref, onOpenQuote, onClose }: Props) {
  const title = state.status === 'ready' ? state.card.entity.name : 'Backstory';
  return (
    <div class="card" role="dialog" aria-labelledby="bs-card-title" data-status={state.status}>
      <header class="head">
        <h2 id="bs-card-title" class="name">{title}</h2>
        <button type="button" class="close" aria-label={t('cardClose')} onClick={onClose}>
          ×
        </button>
      </header>
      {state.status === 'loading' && <p class="status">{t('cardLoading')}</p>}
      {state.status === 'error' && (
        <p class="status error" role="alert">
          {t('cardError', state.message)}
        </p>
      )}
      {state.status === 'ready' && (
        <CardBody card={state.card} readerHref={readerHref} onOpenQuote={onOpenQuote} />
      )}
      <footer class="foot">{t('cardFooter')}</footer>
    </div>
  );
}

function CardBody({ card, readerHref, onOpenQuote }: Omit<Props, 'state' | 'onClose'> & { card: CardData }) {
  const { entity, quotes } = card;
  return (
    <>
      <p class="role">
        <span class="kind">{t(KIND_LABEL[entity.kind])}</span> · {entity.role}
      </p>
      <section class="quotes" aria-labelledby="bs-quotes-title">
        <h3 id="bs-quotes-title">{t('cardQuotesHeading')}</h3>
        {quotes.length === 0 ? (
          <p class="status">{t('cardNoQuotes', entity.name)}</p>
        ) : (
          <ul>
            {quotes.map((q) => (
              <li key={`${q.articleId}:${q.start}`}>
                <blockquote>“{q.text}”</blockquote>
                <p class="source">
                  — {q.speaker}, <cite>{q.outlet ?? t('outletUnknown')}</cite>
                  {' · '}
                  <a
                    href={readerHref(q)}
                    onClick={(e) => {
                      e.preventDefault();
                      onOpenQuote(q);
                    }}
                  >
                    {t('cardReadInContext')}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        )}
        {card.quoteCount > quotes.length && (
          <p class="more">{t('cardMoreQuotes', String(card.quoteCount))}</p>
        )}
      </section>
    </>
  );
}
