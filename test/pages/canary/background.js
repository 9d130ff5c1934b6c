// The background half of the self-check's canary extension: a request and an error from the
// extension's own context, where no page event reports them.
{
  const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
  api.runtime.onMessage.addListener(() => {
    fetch('http://canary-background.invalid/from-background').catch(() => undefined);
    setTimeout(() => {
      throw new Error('backstory-pages canary: uncaught error in the background');
    });
  });
}
