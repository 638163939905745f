import type { Migration } from './sqlite-file';

/**
 * Schema migrations of the statute library. PRAGMA user_version holds the schema version, PRAGMA
 * application_id marks the file as Lexbone's. Frozen: plain SQL that never changes once released
 * (add a new migration instead); derived data (the lexical index, references, anchors) is named in
 * `rebuilds` and built by store/derived-data.ts with today's code (store/sqlite-file.ts runs both).
 */
export const APPLICATION_ID = 0x4c58424e; // "LXBN"

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'laws, articles, lexical index, import log',
    up(db) {
      db.exec(`
        CREATE TABLE laws (
          id            INTEGER PRIMARY KEY,
          title         TEXT NOT NULL,
          short_title   TEXT NOT NULL,
          -- normalised title without 中华人民共和国 anywhere: what lookups and version grouping use
          law_key       TEXT NOT NULL,
          category      TEXT NOT NULL,
          version_date  TEXT,
          -- '' when the source gives no date; with law_key it identifies one version of one law
          version_key   TEXT NOT NULL,
          status        TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'superseded')),
          superseded_by INTEGER REFERENCES laws(id) ON DELETE SET NULL,
          history       TEXT NOT NULL DEFAULT '[]',
          source        TEXT NOT NULL,
          UNIQUE (law_key, version_key)
        );
        CREATE INDEX laws_category ON laws(category, status);
        CREATE INDEX laws_status ON laws(status);

        -- A law arrives in one or more parts (the Civil Code's books); the hash tells whether a re-import changed it.
        CREATE TABLE law_parts (
          law_id INTEGER NOT NULL REFERENCES laws(id) ON DELETE CASCADE,
          part   TEXT NOT NULL,
          hash   TEXT NOT NULL,
          PRIMARY KEY (law_id, part)
        );

        CREATE TABLE articles (
          id      INTEGER PRIMARY KEY,
          law_id  INTEGER NOT NULL REFERENCES laws(id) ON DELETE CASCADE,
          part    TEXT NOT NULL DEFAULT '',
          label   TEXT NOT NULL,
          number  INTEGER NOT NULL,
          sub     INTEGER NOT NULL DEFAULT 0,
          ordinal INTEGER NOT NULL,
          path    TEXT NOT NULL DEFAULT '[]',
          text    TEXT NOT NULL,
          hash    TEXT NOT NULL,
          UNIQUE (law_id, number, sub)
        );
        CREATE INDEX articles_law_ordinal ON articles(law_id, ordinal);

        -- Contentless FTS5 over pre-tokenised text (Han bigrams): body = article text, head = law title + headings.
        -- Current versions and superseded versions are indexed apart (see store/fts-tables.ts).
        CREATE VIRTUAL TABLE articles_fts USING fts5(
          body, head, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
        );
        CREATE VIRTUAL TABLE superseded_fts USING fts5(
          body, head, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
        );

        -- Document frequency per indexed token of current law, to drop near-ubiquitous query tokens.
        CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');

        CREATE TABLE imports (
          id          INTEGER PRIMARY KEY,
          source      TEXT NOT NULL,
          finished_at TEXT NOT NULL,
          report      TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    description: 'dense vector index registry and active-index pointer',
    up(db) {
      // The per-index tables (a vec0 table and a plain docs table) are created at run time by
      // backbone/vectors, which needs the sqlite-vec extension; these two plain tables do not.
      db.exec(`
        -- One dense index per (embedding model, dimension); vectors of two models never share a table.
        CREATE TABLE vector_indexes (
          key           TEXT PRIMARY KEY,          -- '<model id>@<dimension>'
          model_id      TEXT NOT NULL,
          dimension     INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 8192),
          -- the caller's fingerprint of the model files: a retrained model with the same id differs here
          fingerprint   TEXT NOT NULL,
          table_prefix  TEXT NOT NULL UNIQUE,      -- 'vec_' + 16 hex digits, never user text
          quantization  TEXT NOT NULL CHECK (quantization IN ('float', 'int8', 'bit')),
          state         TEXT NOT NULL CHECK (state IN ('building', 'ready')),
          article_count INTEGER NOT NULL DEFAULT 0,
          created_at    TEXT NOT NULL,
          updated_at    TEXT NOT NULL
        );

        -- The index that serves dense search: at most one row, moved only to a 'ready' index.
        CREATE TABLE vector_active (
          slot      INTEGER PRIMARY KEY CHECK (slot = 1),
          index_key TEXT NOT NULL REFERENCES vector_indexes(key) ON DELETE CASCADE
        );
      `);
    },
  },
  {
    version: 3,
    description: 'backbone versions (embedder + reranker + presets) and their activation log',
    up(db) {
      db.exec(`
        -- A backbone version pins the models and budgets every application of this library uses.
        -- Rows are never edited or deleted, so any earlier version can be activated again.
        CREATE TABLE backbone_versions (
          id          INTEGER PRIMARY KEY,
          label       TEXT NOT NULL,
          embedder_id TEXT,                      -- NULL: lexical only
          reranker_id TEXT,                      -- NULL: no reranking
          presets     TEXT NOT NULL,             -- JSON { quick|standard|research: { k, n } }
          evidence    TEXT NOT NULL DEFAULT '{}',-- JSON: how it was chosen (selection metrics, query set)
          created_at  TEXT NOT NULL
        );

        -- Every activation, in order; the last row is the active version (one INSERT activates).
        -- A rollback is logged as such, so repeated rollbacks step further back.
        CREATE TABLE backbone_activations (
          seq          INTEGER PRIMARY KEY AUTOINCREMENT,
          version_id   INTEGER NOT NULL REFERENCES backbone_versions(id),
          kind         TEXT NOT NULL CHECK (kind IN ('activate', 'rollback')),
          activated_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 4,
    description: 'reverse reference index (which articles cite which), built from the stored articles',
    rebuilds: ['refs'],
    up(db) {
      // Derived data: imports rebuild it in their transaction (store/article-refs.ts).
      db.exec(`
        CREATE TABLE article_refs (
          from_article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          to_article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          ref_start       INTEGER NOT NULL,
          ref_end         INTEGER NOT NULL,
          PRIMARY KEY (to_article_id, from_article_id)
        ) WITHOUT ROWID;
        CREATE INDEX article_refs_from ON article_refs(from_article_id);
      `);
    },
  },
  {
    version: 5,
    description: 'anchor text: a third lexical column with what citing provisions say; references to laws named without 《》; the firm glossary',
    rebuilds: ['lexical', 'refs', 'anchors'],
    up(db) {
      // FTS5 tables cannot gain a column: both are made again with (body, head, anchor) and every
      // stored article indexed again; then the reference index (which now also resolves
      // 依照刑法第X条-style references) and the anchors are built from the stored articles.
      db.exec(`
        DROP TABLE articles_vocab;
        DROP TABLE articles_fts;
        DROP TABLE superseded_fts;
        CREATE VIRTUAL TABLE articles_fts USING fts5(
          body, head, anchor, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
        );
        CREATE VIRTUAL TABLE superseded_fts USING fts5(
          body, head, anchor, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
        );
        CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
        CREATE TABLE article_anchors (
          article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
          text       TEXT NOT NULL
        );
        -- A firm's own glossary (glossary/firm-glossary-import.ts): one row per imported CSV row.
        CREATE TABLE firm_glossary (
          id          INTEGER PRIMARY KEY,
          term        TEXT NOT NULL,
          law         TEXT NOT NULL,   -- the stored title of the law the citation named
          label       TEXT NOT NULL,
          file        TEXT NOT NULL,   -- the file's name: importing a file of that name again replaces its rows
          line        INTEGER NOT NULL,
          imported_at TEXT NOT NULL
        );
        CREATE INDEX firm_glossary_file ON firm_glossary(file);
      `);
    },
  },
];

export const LATEST_SCHEMA = MIGRATIONS[MIGRATIONS.length - 1]!.version;
