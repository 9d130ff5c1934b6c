import { render } from 'preact';
import { setPageLanguage } from '../ui/page-language';
import { Reader } from './Reader';

setPageLanguage(document);
render(<Reader />, document.getElementById('app')!);
