import '../ui/page.css';
import { render } from 'preact';
import browser from '../browser-api';
import { t } from '../ui/i18n';

/** The settings page. Settings arrive with their own issue; this says what Backstory does. */
function Options() {
  return (
    <div style={{ maxWidth: '40rem', padding: '2rem' }}>
      <h1>{t('optionsHeading')}</h1>
      <p>{t('optionsIntro')}</p>
      <p class="muted">Backstory {browser.runtime.getManifest().version}</p>
    </div>
  );
}

render(<Options />, document.getElementById('app')!);
