// The big files a page needs once (the wasm bundle, the guest kernel), kept in the Cache
// API so that a reload fetches nothing. URLs carry a version (assets.json: `?v=` + the
// file's sha256), so a new build is a new key; older versions of the same file are
// dropped when a new one is stored. Where the Cache API is missing (an insecure origin),
// the browser's HTTP cache is all there is.
const CACHE_NAME = 'spin-assets';

const withoutQuery = (href) => href.split('?')[0];

export async function cachedBytes(url) {
  const href = new URL(url, self.location.href).href;
  const cache = self.caches ? await self.caches.open(CACHE_NAME).catch(() => null) : null;
  let response = cache ? await cache.match(href) : undefined;
  if (!response) {
    response = await fetch(href);
    if (!response.ok) throw new Error(`cannot load ${href}: HTTP ${response.status}`);
    if (cache) {
      for (const old of await cache.keys())
        if (old.url !== href && withoutQuery(old.url) === withoutQuery(href)) await cache.delete(old);
      await cache.put(href, response.clone()).catch(() => {});  // quota: still usable
    }
  }
  return new Uint8Array(await response.arrayBuffer());
}
