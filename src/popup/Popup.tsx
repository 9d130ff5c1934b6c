import { useEffect, useState } from 'preact/hooks';
import { warmUpQuery } from '../core/search';
import { t } from '../ui/i18n';
import type { SearchData } from '../ui/load-search';
import { usePageTheme } from '../ui/page-theme';
import { useLoad } from '../ui/use-load';
import { useSettings } from '../ui/use-settings';
import { EntityView } from './EntityView';
import { SearchView } from './SearchView';
import { useOnThisPage } from './use-on-this-page';

/**
 * The toolbar popup: search the corpus, see what is on the current page, and read about one
 * entity with the same view as the hover card. The search box is there and focused at once; the
 * corpus and its prebuilt index arrive a moment later.
 */
export interface Props {
  /** The corpus and its searcher, on their way. */
  search: Promise<SearchData>;
}

export function Popup({ search }: Props) {
  const data = useLoad(() => search);
  const { settings, loaded } = useSettings();
  const scheme = usePageTheme(settings.theme);
  const onPage = useOnThisPage(settings, loaded);
  const [query, setQuery] = useState('');
  const [entityId, setEntityId] = useState<string | null>(null);

  useEffect(() => {
    if (data.status !== 'ready') return;
    performance.mark('backstory-popup-ready');
    // Before the first key: the search's code compiles on its first run (warmUpQuery).
    const { index, searcher } = data.value;
    const idle = requestIdleCallback(() => searcher.search(warmUpQuery(index)), { timeout: 500 });
    return () => cancelIdleCallback(idle);
  }, [data.status]);

  if (data.status === 'error') {
    return (
      <p class="error" role="alert">
        {t('loadFailed', data.message)}
      </p>
    );
  }
  if (entityId && data.status === 'ready') {
    return (
      <EntityView
        index={data.value.index}
        entityId={entityId}
        scheme={scheme}
        onOpenEntity={setEntityId}
        onBack={() => setEntityId(null)}
      />
    );
  }
  return (
    <SearchView
      data={data.status === 'ready' ? data.value : null}
      query={query}
      onQuery={setQuery}
      onPage={onPage}
      onOpenEntity={setEntityId}
    />
  );
}
