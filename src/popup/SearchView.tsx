import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from '../browser-api';
import { coverage, type ArticleHit, type EntityHit, type QuoteHit } from '../core/search';
import { withSite } from '../core/settings';
import type { Entity, SpeakerNote } from '../core/types';
import { readerPath } from '../reader/reader-address';
import { articleTitle } from '../ui/article-title';
import { t, type MessageKey } from '../ui/i18n';
import type { SearchData } from '../ui/load-search';
import { Marked } from '../ui/Marked';
import { updateSettings } from '../settings-store';
import { openExtensionPage, revealInTab } from './page-target';
import { ResultList, type Choice, type ChoiceGroup } from './ResultList';
import type { OnThisPage } from './use-on-this-page';

export interface Props {
  /** The corpus and its searcher; null while they load. */
  data: SearchData | null;
  query: string;
  onQuery: (query: string) => void;
  onPage: OnThisPage;
  /** Shows one entity's view. */
  onOpenEntity: (entityId: string) => void;
}

const LIST_ID = 'results';

/** What stands in for the speaker of a quote no covered person said. */
const NOTE_LABEL: Record<SpeakerNote, MessageKey> = {
  document: 'quoteNoteDocument',
  institution: 'quoteNoteInstitution',
  'unnamed official': 'quoteNoteUnnamedOfficial',
  'other person': 'quoteNoteOtherPerson',
  term: 'quoteNoteTerm',
  unknown: 'speakerUnknown',
};
/** A string usable in an element id. */
const idPart = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);

/**
 * The search box and what it finds, or, before anything is typed, what the corpus covers and
 * what is on the current page. Arrow keys move through the list, Enter chooses, Esc clears.
 */
export function SearchView({ data, query, onQuery, onPage, onOpenEntity }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const trimmed = query.trim();
  // The choice the arrow keys moved to, with the query it was made for: a new query starts from
  // its first result at once, in the same render, so a key pressed before the next paint counts.
  const [moved, setMoved] = useState<{ query: string; id: string } | null>(null);
  const activeId = moved?.query === trimmed ? moved.id : null;

  const groups = useMemo<ChoiceGroup[]>(() => {
    if (!data) return [];
    if (!trimmed) return overviewGroups(data, onPage, onOpenEntity);
    const found = data.searcher.search(trimmed);
    return [
      { key: 'people', label: t('popupGroupPeople'), choices: found.people.map((h) => entityChoice(h, onOpenEntity)) },
      { key: 'topics', label: t('popupGroupTopics'), choices: found.topics.map((h) => entityChoice(h, onOpenEntity)) },
      { key: 'quotes', label: t('popupGroupQuotes'), choices: found.quotes.map(quoteChoice) },
      { key: 'articles', label: t('popupGroupArticles'), choices: found.articles.map(articleChoice) },
    ].filter((g) => g.choices.length > 0);
  }, [data, trimmed, onPage]);

  const choices = groups.flatMap((g) => g.choices);
  // With a query, the first result is active, so Enter takes it; before one, nothing is.
  const active = choices.find((c) => c.id === activeId) ?? (trimmed ? choices[0] : undefined);

  useEffect(() => {
    if (active) document.getElementById(active.id)?.scrollIntoView({ block: 'nearest' });
  }, [active?.id]);
  useEffect(() => {
    input.current?.focus();
    // A toolbar popup may get window focus only after its first paint (Firefox); then take it.
    const refocus = () => {
      if (document.activeElement === document.body) input.current?.focus();
    };
    window.addEventListener('focus', refocus, { once: true });
    return () => window.removeEventListener('focus', refocus);
  }, []);

  const move = (step: number) => {
    if (choices.length === 0) return;
    const at = active ? choices.indexOf(active) : -1;
    const next = Math.min(choices.length - 1, Math.max(0, at + step));
    setMoved({ query: trimmed, id: choices[next]!.id });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter' && active) {
      e.preventDefault();
      active.choose();
    } else if (e.key === 'Escape' && query) {
      // With the box empty, Esc is left to the browser, which closes the popup.
      e.preventDefault();
      onQuery('');
    }
  };

  const open = choices.length > 0;
  return (
    <div class="search-view">
      <header class="bar">
        <h1>{t('popupHeading')}</h1>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popupSettings')}
        </button>
      </header>
      <label for="search" class="visually-hidden">
        {t('popupSearchLabel')}
      </label>
      <input
        ref={input}
        id="search"
        type="text"
        role="combobox"
        autoFocus
        autoComplete="off"
        spellcheck={false}
        placeholder={t('popupSearchPlaceholder')}
        aria-autocomplete="list"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? LIST_ID : undefined}
        aria-activedescendant={active?.id}
        value={query}
        onInput={(e) => onQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <Status data={data} query={trimmed} count={choices.length} onPage={onPage} />
      {open && <ResultList id={LIST_ID} label={t(trimmed ? 'popupResultsLabel' : 'popupOverviewLabel')} groups={groups} activeId={active?.id ?? null} />}
    </div>
  );
}

/** What the list holds, in words: visible when it says something the list cannot. */
function Status({ data, query, count, onPage }: { data: SearchData | null; query: string; count: number; onPage: OnThisPage }) {
  if (!data) return <p class="muted" role="status">{t('cardLoading')}</p>;
  if (query) {
    return count === 0 ? (
      <p class="muted" role="status">
        {t('popupNoResults', query)}
      </p>
    ) : (
      <p class="visually-hidden" role="status">
        {t('popupResultCount', String(count))}
      </p>
    );
  }
  const { people, topics, quoteCount, articleCount } = coverage(data.index);
  return (
    <>
      <p class="muted summary" role="status">
        {t('popupCoverage', [String(people.length), String(topics.length), String(quoteCount), String(articleCount)])}
      </p>
      {onPage.status === 'unavailable' && <p class="muted">{t('popupOnPageUnavailable')}</p>}
      {onPage.status === 'paused' && <p class="muted">{t('popupOnPagePaused')}</p>}
      {onPage.status === 'site-off' && <SiteOff hostname={onPage.hostname} />}
      {onPage.status === 'ready' && onPage.mentions.length === 0 && <p class="muted">{t('popupOnPageNone')}</p>}
    </>
  );
}

/** The page's site is turned off: says so, with the way back on (its pages are then marked at once). */
function SiteOff({ hostname }: { hostname: string }) {
  return (
    <p class="muted">
      {t('popupOnPageSiteOff', hostname)}{' '}
      <button type="button" onClick={() => void updateSettings((s) => withSite(s, hostname, true))}>
        {t('popupSiteTurnOn')}
      </button>
    </p>
  );
}

function overviewGroups(data: SearchData, onPage: OnThisPage, onOpenEntity: (id: string) => void): ChoiceGroup[] {
  const { people, topics } = coverage(data.index);
  const byId = new Map(data.index.entities.map((e) => [e.id, e]));
  const groups: ChoiceGroup[] = [];
  if (onPage.status === 'ready') {
    groups.push({
      key: 'page',
      label: t('popupGroupOnPage'),
      choices: onPage.mentions.flatMap((m) => {
        const entity = byId.get(m.entityId);
        if (!entity) return [];
        return [
          {
            id: `opt-page-${idPart(entity.id)}`,
            content: (
              <>
                <strong class="title">{entity.name}</strong>{' '}
                <span class="muted">{m.count === 1 ? t('popupMentionOnce') : t('popupMentionCount', String(m.count))}</span>
              </>
            ),
            choose: () => void revealInTab(onPage.tabId, entity.id),
          },
        ];
      }),
    });
  }
  const plain = (e: Entity): Choice => ({
    id: `opt-${e.kind === 'person' ? 'person' : 'topic'}-${idPart(e.id)}`,
    content: <EntityLine name={e.name} role={e.role} />,
    choose: () => onOpenEntity(e.id),
  });
  groups.push({ key: 'people', label: t('popupGroupPeople'), choices: people.map(plain) });
  groups.push({ key: 'topics', label: t('popupGroupTopics'), choices: topics.map(plain) });
  return groups.filter((g) => g.choices.length > 0);
}

function EntityLine({ name, role, alias }: { name: EntityHit['name'] | string; role: string; alias?: EntityHit['alias'] }) {
  return (
    <>
      <strong class="title">{typeof name === 'string' ? name : <Marked segments={name} />}</strong>{' '}
      <span class="muted">{role}</span>
      {alias && (
        <span class="detail">
          {t('popupMatchedAlias')} <Marked segments={alias} />
        </span>
      )}
    </>
  );
}

function entityChoice(hit: EntityHit, onOpenEntity: (id: string) => void): Choice {
  const { entity } = hit;
  return {
    id: `opt-${entity.kind === 'person' ? 'person' : 'topic'}-${idPart(entity.id)}`,
    content: <EntityLine name={hit.name} role={entity.role} alias={hit.alias} />,
    choose: () => onOpenEntity(entity.id),
  };
}

function quoteChoice(hit: QuoteHit): Choice {
  return {
    id: `opt-quote-${idPart(hit.quote.id)}`,
    content: (
      <>
        <span class="quote">
          “<Marked segments={hit.text} />”
        </span>
        <span class="detail">
          — {hit.speaker ? <Marked segments={hit.speakerName} /> : t(NOTE_LABEL[hit.quote.speakerNote ?? 'unknown'])}
          {' · '}
          {hit.article?.outlet ?? t('outletUnknown')}
        </span>
      </>
    ),
    choose: () => void openExtensionPage(readerPath(hit.span.articleId, hit.span)),
  };
}

function articleChoice(hit: ArticleHit): Choice {
  const { article } = hit;
  return {
    id: `opt-article-${idPart(article.id)}`,
    content: (
      <>
        <strong class="title">{hit.title.length ? <Marked segments={hit.title} /> : articleTitle(article)}</strong>{' '}
        <span class="muted">{article.outlet ?? t('outletUnknown')}</span>
        {hit.excerpt && (
          <span class="detail excerpt">
            <Marked segments={hit.excerpt} />
          </span>
        )}
      </>
    ),
    choose: () => void openExtensionPage(readerPath(article.id)),
  };
}
