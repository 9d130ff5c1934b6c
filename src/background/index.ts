/**
 * The background: holds the corpus index, answers content scripts and pages, and turns the
 * keyboard command and the context-menu entry into "open the card" requests to the page.
 * Every message is checked against the typed map before it is handled; a malformed one, or one
 * from another extension or a web page, gets an error reply and never reaches a handler.
 */
import browser from '../browser-api';
import { dispatcher } from '../messages';
import { registerTriggers } from './triggers';
import { handlers } from './handlers';
import { relaySettingsChanges } from './settings-relay';

browser.runtime.onMessage.addListener(dispatcher(handlers));
registerTriggers();
relaySettingsChanges();
