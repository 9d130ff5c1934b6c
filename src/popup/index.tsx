import { render } from 'preact';
import { loadSearch } from '../ui/load-search';
import { setPageLanguage } from '../ui/page-language';
import { Popup } from './Popup';

setPageLanguage(document);
// The corpus and its index start loading before the first render, not after it.
const search = loadSearch();
render(<Popup search={search} />, document.getElementById('app')!);
