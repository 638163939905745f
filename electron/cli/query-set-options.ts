/**
 * The options every measuring command (eval, select) shares: which query file, which split of it,
 * which library and which model folders.
 */
export const QUERY_SET_OPTIONS = {
  queries: { type: 'string' },
  split: { type: 'string', default: 'validation' },
  seed: { type: 'string', default: '42' },
  db: { type: 'string' },
  models: { type: 'string', multiple: true },
} as const;
