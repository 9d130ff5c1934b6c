import { render } from 'preact';
import { setPageLanguage } from '../ui/page-language';
import { Popup } from './Popup';

setPageLanguage(document);
render(<Popup />, document.getElementById('app')!);
