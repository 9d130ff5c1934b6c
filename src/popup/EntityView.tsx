import browser from '../browser-api';
import { cardFor } from '../core/card';
import type { ReaderSpan } from '../ui/EntityCard';
import type { CorpusIndex } from '../core/types';
import { readerPath } from '../reader/reader-address';
import cardCss from '../ui/card.css';
import embeddedCss from '../ui/card-embedded.css';
import { EntityCard, type CardState } from '../ui/EntityCard';
import { t } from '../ui/i18n';
import type { Scheme } from '../ui/page-theme';
import { ShadowFrame } from '../ui/ShadowFrame';
import { openExtensionPage } from './page-target';

export interface Props {
  index: CorpusIndex;
  /** The entity to show. */
  entityId: string;
  /** The page's colour scheme, for the card. */
  scheme: Scheme;
  /** Shows another entity (a related one) in this view. */
  onOpenEntity: (entityId: string) => void;
  /** Returns to the search, as it was. */
  onBack: () => void;
}

const quotePath = (q: ReaderSpan) => readerPath(q.articleId, q);

/** One entity in the popup: the hover card's own component, in the popup's flow. */
export function EntityView({ index, entityId, scheme, onOpenEntity, onBack }: Props) {
  const card = cardFor(index, entityId);
  const state: CardState = card ? { status: 'ready', card } : { status: 'error', message: entityId };
  const byId = new Map(index.entities.map((e) => [e.id, e]));
  const related = (byId.get(entityId)?.related ?? []).flatMap((id) => {
    const other = byId.get(id);
    return other ? [{ id, name: other.name }] : [];
  });
  return (
    <div
      class="entity-view"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onBack();
      }}
    >
      <button type="button" class="back" onClick={onBack}>
        {t('popupBack')}
      </button>
      <ShadowFrame key={entityId} css={[cardCss, embeddedCss]} theme={scheme} autoFocus="[role='dialog']">
        <EntityCard
          state={state}
          readerHref={(q) => browser.runtime.getURL(quotePath(q))}
          onOpenQuote={(q) => void openExtensionPage(quotePath(q))}
          onClose={onBack}
          related={related}
          onOpenEntity={onOpenEntity}
        />
      </ShadowFrame>
    </div>
  );
}
