// gxwallet service worker, version {{.Version}}.
//
// One worker for the whole app (scope "/"), installed by go-app's app.js.
//  - install:  precache the app shell (all-or-nothing: a failed precache
//              fails the install, so a half-filled cache never takes over).
//  - activate: drop the caches of other versions, then take control of
//              open pages.
//  - fetch:    navigations network-first, falling back to the cached page
//              (query string ignored) and then to the cached shell "/";
//              other same-origin GETs cache-first.
"use strict";

const cacheName = "gxwallet-{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};
const shellURL = "/";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      // cache: "reload" bypasses the HTTP cache so the shell matches this version.
      await cache.addAll(resourcesToCache.map((u) => new Request(u, { cache: "reload" })));
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keys = await caches.keys();
      await Promise.all(keys.filter((k) => k !== cacheName).map((k) => caches.delete(k)));
    })()
  );
  // Take control of open pages (so the first visit already works offline),
  // but only once this worker is "activated": go-app's app.js reads an
  // "activated" worker on a page that already has a controller as an
  // update, and would offer a reload on the very first visit.
  claimWhenActivated();
});

async function claimWhenActivated() {
  for (let i = 0; i < 200; i++) {
    const active = self.registration.active;
    if (active && active.state === "activated" && active.scriptURL === self.location.href) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await self.clients.claim();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return; // never touch cross-origin requests
  }
  if (request.mode === "navigate") {
    event.respondWith(navigate(request, url));
    return;
  }
  event.respondWith(cacheFirst(request));
});

// navigate serves a page: the network's answer when there is one (and keeps
// it for offline use), else the cached page for the same path, else the shell.
async function navigate(request, url) {
  const cache = await caches.open(cacheName);
  const key = url.origin + url.pathname;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      await cache.put(key, response.clone());
    }
    return response;
  } catch (err) {
    const cached = (await cache.match(key)) || (await cache.match(shellURL));
    if (cached) {
      return cached;
    }
    throw err;
  }
}

// cacheFirst serves a static asset from the precache, else from the network.
async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: cacheName });
  if (cached) {
    return cached;
  }
  return fetch(request);
}
