// A deliberately misbehaving content script for the real-pages run's self-check (see
// test/pages/self-check.mjs). On the DOM fixture it does each thing the run must catch.
{
  const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
  if (location.pathname.endsWith('/canary-dom.html')) {
    console.error('backstory-pages canary: console error from a content script');
    setTimeout(() => {
      throw new Error('backstory-pages canary: uncaught error in a content script');
    });
    fetch('http://canary.invalid/from-content-script').catch(() => undefined);
    document.body.append(Object.assign(document.createElement('aside'), { textContent: 'canary' }));
    api.runtime.sendMessage({ canary: 'fetch from the background' });
  }
}
