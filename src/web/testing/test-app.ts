// The app under test: the fixture articles in a real in-memory store, searched by the real search.

import { search } from '../../search/search.js';
import { importArticles } from '../../store/import.js';
import { openStore } from '../../store/store.js';
import type { Store } from '../../store/types.js';
import { type AppOptions, createApp, type SearchFn } from '../app.js';
import { FIXTURE_ARTICLES } from './fixtures.js';

/** The fixture articles in a fresh in-memory store. */
export function testStore(): Store {
  const store = openStore(':memory:');
  importArticles(store, FIXTURE_ARTICLES);
  return store;
}

export const testSearch: SearchFn = search;

export function testApp(opts: AppOptions = {}) {
  const store = testStore();
  return { store, app: createApp(store, { logError: () => {}, ...opts }) };
}
