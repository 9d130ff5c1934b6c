import { render } from 'preact';
import { setPageLanguage } from '../ui/page-language';
import { Options } from './Options';

setPageLanguage(document);
render(<Options />, document.getElementById('app')!);
