import type { CardData, CardSource } from '../core/card';
import type { EntityKind } from '../core/types';
import { t, type MessageKey } from './i18n';

export type CardState =
  | { status: 'loading' }
  | { status: 'ready'; card: CardData }
  | { status: 'error'; message: string };

/** A place in an article that a link opens in the reader. */
export type ReaderSpan = Pick<CardSource, 'articleId' | 'start' | 'end'>;

export interface RelatedEntity {
  id: string;
  name: string;
}

export interface Props {
  /** What to show: the card, or why there is none yet. */
  state: CardState;
  /** The address of the reader page at a span of an article, for a link's href. */
  readerHref: (span: ReaderSpan) => string;
  /** Opens a span in the reader; the card's links call this instead of navigating. */
  onOpenQuote: (span: ReaderSpan) => void;
  /** Closes the card. */
  onClose: () => void;
  /** Whether the card stays open when the pointer leaves; absent where pinning means nothing. */
  pinned?: boolean;
  onTogglePin?: () => void;
  /** The page's hostname, for "Turn off on this site"; absent outside web pages. */
  site?: string;
  onTurnOffSite?: () => void;
  onPause?: () => void;
  /** People and topics that appear with this one in the corpus. */
  related?: RelatedEntity[];
  onOpenEntity?: (entityId: string) => void;
}

const KIND_LABEL: Record<EntityKind, MessageKey> = {
  person: 'kindPerson',
  topic: 'kindTopic',
  'place-or-organisation': 'kindPlaceOrOrganisation',
};

/** The entity card: who or what this is, and what the corpus quotes them saying. */
export function EntityCard(props: Props) {
  const { state, onClose, pinned, onTogglePin } = props;
  const title = state.status === 'ready' ? state.card.entity.name : 'Backstory';
  return (
    <div class="card" role="dialog" aria-labelledby="bs-card-title" tabIndex={-1} data-status={state.status}>
      <div class="head">
        <h2 id="bs-card-title" class="name">
          {title}
        </h2>
        {onTogglePin && (
          <button
            type="button"
            class="icon pin"
            aria-pressed={pinned ? 'true' : 'false'}
            aria-label={t('cardPin')}
            title={pinned ? t('cardUnpin') : t('cardPin')}
            onClick={onTogglePin}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true" width="14" height="14">
              <path d="M10 1l5 5-2 1-3 3v4l-1 1-3-3-4 4-1-1 4-4-3-3 1-1h4l3-3z" fill="currentColor" />
            </svg>
          </button>
        )}
        <button type="button" class="icon close" aria-label={t('cardClose')} title={t('cardClose')} onClick={onClose}>
          <svg viewBox="0 0 16 16" aria-hidden="true" width="14" height="14">
            <path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
        </button>
      </div>
      {state.status === 'loading' && <p class="status">{t('cardLoading')}</p>}
      {state.status === 'error' && (
        <p class="status error" role="alert">
          {t('cardError', state.message)}
        </p>
      )}
      {state.status === 'ready' && <CardBody {...props} card={state.card} />}
      <CardFooter {...props} />
    </div>
  );
}

function CardBody({ card, readerHref, onOpenQuote, related = card.related, onOpenEntity }: Props & { card: CardData }) {
  const { entity, quotes } = card;
  return (
    <>
      <p class="role">
        <span class="kind">{t(KIND_LABEL[entity.kind])}</span> · {entity.role}
      </p>
      {card.background && card.background.length > 0 && (
        <section class="background">
          <h3>{t('cardBackground')}</h3>
          <BackgroundList sentences={card.background.slice(0, SHOWN_BACKGROUND)} readerHref={readerHref} onOpen={onOpenQuote} />
          {card.background.length > SHOWN_BACKGROUND && (
            <details class="more-bg">
              <summary>{t('cardMoreBackground', String(card.background.length - SHOWN_BACKGROUND))}</summary>
              <BackgroundList sentences={card.background.slice(SHOWN_BACKGROUND)} readerHref={readerHref} onOpen={onOpenQuote} />
            </details>
          )}
          <p class="asof">
            {card.asOf?.status === 'dated' ? t('cardAsOf', card.asOf.date) : t('cardAsOfUndated')}
          </p>
        </section>
      )}
      <section class="quotes">
        <h3>{t('cardQuotesHeading')}</h3>
        {quotes.length === 0 ? (
          <p class="status">{t('cardNoQuotes', entity.name)}</p>
        ) : (
          <ul>
            {quotes.map((q) => (
              <li key={`${q.articleId}:${q.start}`}>
                <blockquote>“{q.text}”</blockquote>
                <p class="source">
                  — {q.speaker}, <cite>{creditOf(q)}</cite>
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
                {q.sources && q.sources.length > 1 && <Wordings sources={q.sources} readerHref={readerHref} onOpen={onOpenQuote} />}
              </li>
            ))}
          </ul>
        )}
        {card.quoteCount > quotes.length && <p class="more">{t('cardMoreQuotes', String(card.quoteCount))}</p>}
      </section>
      {related && related.length > 0 && (
        <section class="related">
          <h3>{t('cardRelated')}</h3>
          <ul class="chips">
            {related.map((r) => (
              <li key={r.id}>
                {onOpenEntity ? (
                  <button type="button" class="chip" onClick={() => onOpenEntity(r.id)}>
                    {r.name}
                  </button>
                ) : (
                  <span class="chip">{r.name}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

interface SourceProps {
  readerHref: (span: ReaderSpan) => string;
  onOpen: (span: ReaderSpan) => void;
}

/** A short credit that opens the reader at the span it credits. */
/** Background sentences shown at once; the rest wait behind "More background", to keep the card short. */
const SHOWN_BACKGROUND = 2;

function BackgroundList({ sentences, ...links }: SourceProps & { sentences: CardSource[] }) {
  return (
    <ul>
      {sentences.map((s) => (
        <li key={`${s.articleId}:${s.start}`}>
          {s.text} <SourceLink source={s} {...links} />
        </li>
      ))}
    </ul>
  );
}

/**
 * How a source is credited: its outlet; else its headline (shortened), still saying the outlet
 * is not stated; else only that.
 */
function creditOf(source: Pick<CardSource, 'outlet' | 'articleTitle'>): string {
  if (source.outlet) return source.outlet;
  if (source.articleTitle) {
    const title = source.articleTitle;
    return `“${title.length > 30 ? `${title.slice(0, 29).trimEnd()}…` : title}” (${t('outletUnknown')})`;
  }
  return t('outletUnknown');
}

function SourceLink({ source, readerHref, onOpen }: SourceProps & { source: CardSource }) {
  const outlet = creditOf(source);
  return (
    <a
      class="src"
      href={readerHref(source)}
      title={source.articleTitle ?? undefined}
      aria-label={t('cardSourceLink', outlet)}
      onClick={(e) => {
        e.preventDefault();
        onOpen(source);
      }}
    >
      {outlet}
    </a>
  );
}

/** The same remark as each outlet worded it, side by side where the card is wide enough. */
function Wordings({ sources, readerHref, onOpen }: SourceProps & { sources: CardSource[] }) {
  return (
    <details class="wordings">
      <summary>{t('cardWordings', String(sources.length))}</summary>
      <ul>
        {sources.map((s) => (
          <li key={`${s.articleId}:${s.start}`}>
            <q>{s.text}</q> <SourceLink source={s} readerHref={readerHref} onOpen={onOpen} />
          </li>
        ))}
      </ul>
    </details>
  );
}

function CardFooter({ site, onTurnOffSite, onPause }: Props) {
  if (!onTurnOffSite && !onPause) return <footer class="foot">{t('cardFooter')}</footer>;
  return (
    <footer class="foot" role="group" aria-label={t('cardActions')}>
      {site && onTurnOffSite && (
        <button type="button" class="link" onClick={onTurnOffSite}>
          {t('cardTurnOffSite', site)}
        </button>
      )}
      {onPause && (
        <button type="button" class="link" onClick={onPause}>
          {t('cardPause')}
        </button>
      )}
    </footer>
  );
}
