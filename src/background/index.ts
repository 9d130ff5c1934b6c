/**
 * The background: holds the corpus index, answers content scripts and pages, turns the
 * keyboard command and the context-menu entry into "open the card" requests to the page, and
 * registers the content script where the settings let it run.
 * Every message is checked against the typed map before it is handled; a malformed one, or one
 * from another extension or a web page, gets an error reply and never reaches a handler.
 */
import browser from '../browser-api';
import { dispatcher } from '../messages';
import { registerTriggers } from './triggers';
import { handlers } from './handlers';
import { relaySettingsChanges } from './settings-relay';
import { followSettings } from './content-script';

browser.runtime.onMessage.addListener(dispatcher(handlers));
registerTriggers();
relaySettingsChanges();
// First run: tabs already open get the content script too, without a reload.
void followSettings();
