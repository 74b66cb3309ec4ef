import GRDB

/// The SQLite schema, as GRDB migrations: each one runs once, in order, in a transaction.
///
/// Text for search lives once, in `documents.text` and `quotes.text`; the FTS5 tables index it
/// (`content=` tables). The store fills them with one statement per batch rather than a trigger
/// per row: FTS5 flushes its pending terms at every statement that writes it, and a flush per
/// document cost more than analyzing the document. Empty string rather than NULL in `day`
/// columns keeps "latest first" orders served by the same indexes on both backends.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents, annotations, failures, search") { db in
            for statement in v1 { try db.execute(sql: statement) }
        }
        return migrator
    }

    static let v1 = [
        """
        CREATE TABLE documents (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          uri TEXT NOT NULL,
          format TEXT NOT NULL,
          title TEXT,
          published TEXT,
          site TEXT,
          language TEXT,
          day TEXT NOT NULL,
          text TEXT NOT NULL,
          annotations BLOB NOT NULL,
          ingested_at TEXT NOT NULL,
          coded_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX documents_uri ON documents(uri)",
        "CREATE INDEX documents_day ON documents(day)",
        """
        CREATE TABLE sources (
          doc INTEGER PRIMARY KEY REFERENCES documents(seq) ON DELETE CASCADE,
          content TEXT NOT NULL,
          title TEXT,
          published TEXT,
          site TEXT,
          bytes BLOB NOT NULL
        )
        """,
        """
        CREATE TABLE entities (
          doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
          id TEXT NOT NULL,
          type TEXT NOT NULL,
          name TEXT NOT NULL,
          actor_code TEXT,
          actor_country TEXT,
          actor_sector TEXT,
          titles TEXT NOT NULL,
          place INTEGER,
          PRIMARY KEY (doc, id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX entities_actor ON entities(actor_code)",
        "CREATE INDEX entities_name ON entities(name COLLATE NOCASE)",
        """
        CREATE TABLE mentions (
          doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
          entity TEXT NOT NULL,
          span_start INTEGER NOT NULL,
          span_end INTEGER NOT NULL
        )
        """,
        "CREATE INDEX mentions_doc ON mentions(doc, entity)",
        """
        CREATE TABLE events (
          seq INTEGER PRIMARY KEY,
          doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
          id TEXT NOT NULL,
          sentence INTEGER NOT NULL,
          source TEXT,
          target TEXT,
          source_code TEXT,
          target_code TEXT,
          cameo TEXT NOT NULL,
          root TEXT NOT NULL,
          quad INTEGER NOT NULL,
          goldstein REAL NOT NULL,
          plover_type TEXT,
          plover_mode TEXT,
          plover_context TEXT,
          trigger_start INTEGER NOT NULL,
          trigger_end INTEGER NOT NULL,
          span_start INTEGER NOT NULL,
          span_end INTEGER NOT NULL,
          date TEXT,
          day TEXT NOT NULL,
          place TEXT,
          place_name TEXT,
          place_key TEXT,
          admin1 TEXT,
          admin1_key TEXT,
          country TEXT,
          lat REAL,
          lon REAL,
          geonameid INTEGER,
          modality TEXT NOT NULL,
          attribution TEXT,
          confidence REAL NOT NULL,
          source_name TEXT,
          target_name TEXT,
          text TEXT NOT NULL
        )
        """,
        "CREATE INDEX events_doc ON events(doc)",
        "CREATE INDEX events_day ON events(day)",
        "CREATE INDEX events_source ON events(source_code, day)",
        "CREATE INDEX events_target ON events(target_code, day)",
        "CREATE INDEX events_cameo ON events(cameo, day)",
        "CREATE INDEX events_root ON events(root, day)",
        "CREATE INDEX events_country ON events(country, day)",
        "CREATE INDEX events_plover ON events(plover_type, day)",
        "CREATE INDEX events_place ON events(place_key)",
        "CREATE INDEX events_admin1 ON events(admin1_key)",
        "CREATE INDEX events_lat ON events(lat)",
        """
        CREATE TABLE quotes (
          seq INTEGER PRIMARY KEY,
          doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
          id TEXT NOT NULL,
          kind TEXT NOT NULL,
          text TEXT NOT NULL,
          span_start INTEGER NOT NULL,
          span_end INTEGER NOT NULL,
          speaker TEXT,
          speaker_text TEXT,
          speaker_name TEXT,
          speaker_key TEXT NOT NULL,
          cue TEXT,
          cue_start INTEGER,
          cue_end INTEGER,
          date TEXT,
          day TEXT NOT NULL
        )
        """,
        "CREATE INDEX quotes_doc ON quotes(doc)",
        "CREATE INDEX quotes_day ON quotes(day)",
        """
        CREATE TABLE times (
          doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
          span_start INTEGER NOT NULL,
          span_end INTEGER NOT NULL,
          text TEXT NOT NULL,
          type TEXT NOT NULL,
          value TEXT NOT NULL,
          mod TEXT
        )
        """,
        "CREATE INDEX times_doc ON times(doc)",
        "CREATE INDEX times_value ON times(value)",
        """
        CREATE TABLE places (
          doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
          entity TEXT NOT NULL,
          name TEXT NOT NULL,
          geonameid INTEGER NOT NULL,
          lat REAL NOT NULL,
          lon REAL NOT NULL,
          country TEXT,
          admin1 TEXT,
          feature_class TEXT,
          confidence REAL NOT NULL
        )
        """,
        "CREATE INDEX places_doc ON places(doc)",
        "CREATE INDEX places_geonameid ON places(geonameid)",
        """
        CREATE TABLE counts (
          doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
          span_start INTEGER NOT NULL,
          span_end INTEGER NOT NULL,
          kind TEXT NOT NULL,
          value INTEGER NOT NULL,
          qualifier TEXT,
          subject TEXT,
          event TEXT
        )
        """,
        "CREATE INDEX counts_doc ON counts(doc)",
        """
        CREATE TABLE failures (
          uri TEXT PRIMARY KEY,
          reason TEXT NOT NULL,
          failed_at TEXT NOT NULL
        )
        """,
        """
        CREATE VIRTUAL TABLE documents_fts USING fts5(
          title, text, content='documents', content_rowid='seq', tokenize='porter unicode61')
        """,
        """
        CREATE VIRTUAL TABLE quotes_fts USING fts5(
          text, content='quotes', content_rowid='seq', tokenize='porter unicode61')
        """,
    ]
}
