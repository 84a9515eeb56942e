/** The devtools_page: it only creates the "Mesop" panel; all capture runs in the panel. */
import browser from 'webextension-polyfill';

void browser.devtools.panels.create('Mesop', 'icons/icon-16.png', 'panel.html');
