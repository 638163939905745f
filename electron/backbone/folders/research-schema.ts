import type { Migration } from '../store/sqlite-file';

/**
 * Schema of the user's research database (research.db), kept apart from the statute library so a
 * re-import, a corrupt library moved aside or a model change never touches the user's work.
 * PRAGMA application_id marks the file as Lexbone research data; user_version is the schema
 * version. Never edit a released migration; add a new one.
 */
export const RESEARCH_APPLICATION_ID = 0x4c585246; // "LXRF"

export const RESEARCH_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'folders, pins, folder queries, search history',
    up(db) {
      db.exec(`
        CREATE TABLE folders (
          id          INTEGER PRIMARY KEY,
          name        TEXT NOT NULL,
          description TEXT NOT NULL DEFAULT '',
          created_at  TEXT NOT NULL,
          updated_at  TEXT NOT NULL
        );
        CREATE INDEX folders_updated ON folders(updated_at);

        -- A pin names its article by (law title, version date or '', label): library ids change on re-import.
        CREATE TABLE pins (
          id            INTEGER PRIMARY KEY,
          folder_id     INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
          law_title     TEXT NOT NULL,
          law_version   TEXT NOT NULL DEFAULT '',
          article_label TEXT NOT NULL,
          citation      TEXT NOT NULL,
          short_title   TEXT NOT NULL,
          path          TEXT NOT NULL DEFAULT '[]',  -- JSON array of headings
          text          TEXT NOT NULL,
          article_id    INTEGER,                     -- library id at pin time: a hint only
          note          TEXT NOT NULL DEFAULT '',
          position      INTEGER NOT NULL,
          pinned_at     TEXT NOT NULL,
          updated_at    TEXT NOT NULL,
          UNIQUE (folder_id, law_title, law_version, article_label)
        );
        CREATE INDEX pins_folder_position ON pins(folder_id, position);

        CREATE TABLE folder_queries (
          id          INTEGER PRIMARY KEY,
          folder_id   INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
          text        TEXT NOT NULL,
          preset      TEXT,
          k           INTEGER,
          n           INTEGER,
          recorded_at TEXT NOT NULL
        );
        CREATE INDEX folder_queries_folder ON folder_queries(folder_id, id);

        CREATE TABLE search_history (
          id           INTEGER PRIMARY KEY AUTOINCREMENT,
          text         TEXT NOT NULL,
          preset       TEXT,
          result_count INTEGER NOT NULL,
          searched_at  TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    description: 'relevance feedback; the results a history search showed',
    up(db) {
      db.exec(`
        -- One row per mark. An article is named like a pin (law title, version or '', label); library ids change on re-import.
        CREATE TABLE feedback (
          id            INTEGER PRIMARY KEY,
          app           TEXT NOT NULL DEFAULT '',   -- the keyed application on the shared service; '' the local user
          query         TEXT NOT NULL,
          mark          TEXT NOT NULL CHECK (mark IN ('relevant', 'not_relevant', 'nothing_here', 'opened')),
          source        TEXT NOT NULL CHECK (source IN ('search', 'research', 'article', 'pin', 'curation', 'import')),
          law_title     TEXT,                       -- NULL only for nothing_here
          law_version   TEXT,
          article_label TEXT,
          citation      TEXT,
          shown         TEXT NOT NULL DEFAULT '[]', -- nothing_here: JSON array of the results shown
          version_id    INTEGER,
          preset        TEXT,
          rank          INTEGER,
          created_at    TEXT NOT NULL,
          updated_at    TEXT NOT NULL,
          CHECK ((mark = 'nothing_here') = (law_title IS NULL))
        );
        CREATE UNIQUE INDEX feedback_article ON feedback(app, query, law_title, law_version, article_label) WHERE law_title IS NOT NULL;
        CREATE UNIQUE INDEX feedback_nothing_here ON feedback(app, query) WHERE law_title IS NULL;
        CREATE INDEX feedback_updated ON feedback(updated_at);

        ALTER TABLE search_history ADD COLUMN shown TEXT NOT NULL DEFAULT '[]';
      `);
    },
  },
];
