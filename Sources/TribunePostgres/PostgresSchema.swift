#if Postgres
    /// The PostgreSQL schema: the same tables and columns as SQLite's, migrations applied once,
    /// in order, under an advisory lock so that two processes never migrate at once.
    ///
    /// Codes and days are `COLLATE "C"` so that prefix ranges (`>= 'PAK' AND < 'PAL'`) use
    /// their indexes whatever the database's locale. Full-text search uses generated
    /// `tsvector` columns (English stemming) with GIN indexes; a tsvector holds at most 1 MB,
    /// so only the first 200,000 characters of a text are indexed.
    enum PostgresSchema {
        static let migrations: [(String, [String])] = [("v1: documents, annotations, failures, search", v1)]

        static let v1 = [
            """
            CREATE TABLE documents (
              seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              id TEXT COLLATE "C" NOT NULL UNIQUE,
              uri TEXT NOT NULL,
              format TEXT NOT NULL,
              title TEXT,
              published TEXT,
              site TEXT,
              language TEXT,
              day TEXT COLLATE "C" NOT NULL,
              text TEXT NOT NULL,
              annotations BYTEA NOT NULL,
              ingested_at TEXT NOT NULL,
              coded_at TEXT NOT NULL,
              tsv tsvector GENERATED ALWAYS AS
                (to_tsvector('english', left(coalesce(title, '') || ' ' || text, 200000))) STORED
            )
            """,
            "CREATE INDEX documents_uri ON documents(uri)",
            "CREATE INDEX documents_day ON documents(day)",
            "CREATE INDEX documents_tsv ON documents USING GIN (tsv)",
            """
            CREATE TABLE sources (
              doc BIGINT PRIMARY KEY REFERENCES documents(seq) ON DELETE CASCADE,
              content TEXT NOT NULL,
              title TEXT,
              published TEXT,
              site TEXT,
              bytes BYTEA NOT NULL
            )
            """,
            """
            CREATE TABLE entities (
              doc BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              id TEXT NOT NULL,
              type TEXT NOT NULL,
              name TEXT NOT NULL,
              actor_code TEXT COLLATE "C",
              actor_country TEXT,
              actor_sector TEXT,
              titles TEXT NOT NULL,
              place BIGINT,
              PRIMARY KEY (doc, id)
            )
            """,
            "CREATE INDEX entities_actor ON entities(actor_code)",
            "CREATE INDEX entities_name ON entities(lower(name))",
            """
            CREATE TABLE mentions (
              doc BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              entity TEXT NOT NULL,
              span_start BIGINT NOT NULL,
              span_end BIGINT NOT NULL
            )
            """,
            "CREATE INDEX mentions_doc ON mentions(doc, entity)",
            """
            CREATE TABLE events (
              seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              doc BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              id TEXT NOT NULL,
              sentence BIGINT NOT NULL,
              source TEXT,
              target TEXT,
              source_code TEXT COLLATE "C",
              target_code TEXT COLLATE "C",
              cameo TEXT COLLATE "C" NOT NULL,
              root TEXT COLLATE "C" NOT NULL,
              quad BIGINT NOT NULL,
              goldstein DOUBLE PRECISION NOT NULL,
              plover_type TEXT COLLATE "C",
              plover_mode TEXT,
              plover_context TEXT,
              trigger_start BIGINT NOT NULL,
              trigger_end BIGINT NOT NULL,
              span_start BIGINT NOT NULL,
              span_end BIGINT NOT NULL,
              date TEXT,
              day TEXT COLLATE "C" NOT NULL,
              place TEXT,
              place_name TEXT,
              place_key TEXT COLLATE "C",
              admin1 TEXT,
              admin1_key TEXT COLLATE "C",
              country TEXT COLLATE "C",
              lat DOUBLE PRECISION,
              lon DOUBLE PRECISION,
              geonameid BIGINT,
              modality TEXT NOT NULL,
              attribution TEXT,
              confidence DOUBLE PRECISION NOT NULL,
              source_name TEXT,
              target_name TEXT,
              text TEXT NOT NULL
            )
            """,
            "CREATE INDEX events_doc ON events(doc)",
            "CREATE INDEX events_day ON events(day, seq)",
            "CREATE INDEX events_source ON events(source_code, day, seq)",
            "CREATE INDEX events_target ON events(target_code, day, seq)",
            "CREATE INDEX events_cameo ON events(cameo, day, seq)",
            "CREATE INDEX events_root ON events(root, day, seq)",
            "CREATE INDEX events_country ON events(country, day, seq)",
            "CREATE INDEX events_plover ON events(plover_type, day, seq)",
            "CREATE INDEX events_place ON events(place_key)",
            "CREATE INDEX events_admin1 ON events(admin1_key)",
            "CREATE INDEX events_lat ON events(lat)",
            """
            CREATE TABLE quotes (
              seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              doc BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              id TEXT NOT NULL,
              kind TEXT NOT NULL,
              text TEXT NOT NULL,
              span_start BIGINT NOT NULL,
              span_end BIGINT NOT NULL,
              speaker TEXT,
              speaker_text TEXT,
              speaker_name TEXT,
              speaker_key TEXT NOT NULL,
              cue TEXT,
              cue_start BIGINT,
              cue_end BIGINT,
              date TEXT,
              day TEXT COLLATE "C" NOT NULL,
              tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', left(text, 200000))) STORED
            )
            """,
            "CREATE INDEX quotes_doc ON quotes(doc)",
            "CREATE INDEX quotes_day ON quotes(day, seq)",
            "CREATE INDEX quotes_tsv ON quotes USING GIN (tsv)",
            """
            CREATE TABLE times (
              doc BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              span_start BIGINT NOT NULL,
              span_end BIGINT NOT NULL,
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
              doc BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              entity TEXT NOT NULL,
              name TEXT NOT NULL,
              geonameid BIGINT NOT NULL,
              lat DOUBLE PRECISION NOT NULL,
              lon DOUBLE PRECISION NOT NULL,
              country TEXT,
              admin1 TEXT,
              feature_class TEXT,
              confidence DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE INDEX places_doc ON places(doc)",
            "CREATE INDEX places_geonameid ON places(geonameid)",
            """
            CREATE TABLE counts (
              doc BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              span_start BIGINT NOT NULL,
              span_end BIGINT NOT NULL,
              kind TEXT NOT NULL,
              value BIGINT NOT NULL,
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
        ]
    }
#endif
