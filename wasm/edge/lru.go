package main

import (
	"container/list"
	"context"
	"sync"
	"time"
)

// lruStore is the in-isolate tier of the fetch cache: it lives as long as
// the Go instance (one per isolate, worker.mjs), is bounded in entries and
// bytes, and evicts the least recently used entry first. It is the whole
// cache where the Cache API does nothing (workers.dev, or standalone
// workerd without a cache service), and the first tier elsewhere.
type lruStore struct {
	maxEntries int
	maxBytes   int
	now        func() time.Time

	mu    sync.Mutex
	ll    *list.List // of *lruItem, most recent first
	items map[string]*list.Element
	bytes int
}

type lruItem struct {
	url     string
	e       cacheEntry
	expires time.Time // dropped after this (keep)
}

func newLRUStore(maxEntries, maxBytes int, now func() time.Time) *lruStore {
	return &lruStore{maxEntries: maxEntries, maxBytes: maxBytes, now: now, ll: list.New(), items: map[string]*list.Element{}}
}

func (s *lruStore) Name() string { return "isolate" }

// Get implements cacheStore.
func (s *lruStore) Get(_ context.Context, url string) (cacheEntry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	el, ok := s.items[url]
	if !ok {
		return cacheEntry{}, false
	}
	it := el.Value.(*lruItem)
	if !s.now().Before(it.expires) {
		s.remove(el)
		return cacheEntry{}, false
	}
	s.ll.MoveToFront(el)
	return it.e, true
}

// Put implements cacheStore. An entry larger than maxBytes is not stored.
func (s *lruStore) Put(_ context.Context, url string, e cacheEntry, keep time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if el, ok := s.items[url]; ok {
		s.remove(el)
	}
	if len(e.Body) > s.maxBytes || keep <= 0 {
		return
	}
	s.items[url] = s.ll.PushFront(&lruItem{url: url, e: e, expires: s.now().Add(keep)})
	s.bytes += len(e.Body)
	for s.ll.Len() > s.maxEntries || s.bytes > s.maxBytes {
		s.remove(s.ll.Back())
	}
}

func (s *lruStore) remove(el *list.Element) {
	it := el.Value.(*lruItem)
	s.ll.Remove(el)
	delete(s.items, it.url)
	s.bytes -= len(it.e.Body)
}

// Len returns the number of entries and their bytes.
func (s *lruStore) Len() (entries, bytes int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ll.Len(), s.bytes
}
