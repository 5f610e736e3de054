-- Marsad archive on PostgreSQL, schema version 1: the embedded archive's tables (SQLite) with the
-- constraints that keep them whole, the search terms as a weighted tsvector, the LSH band table of
-- the story clusters, merged events with their changes feed, and the ingest queue.

CREATE TABLE meta(key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE documents(
  seq          bigserial PRIMARY KEY,
  id           text NOT NULL UNIQUE,                 -- content id: sha256 of the normalised body, 16 hex
  external_id  text, source text, url text,
  outlet       text, outlet_key text,                -- outlet as written (facets) and lower-cased (filter)
  category     text, category_key text,
  author       text,
  title        text NOT NULL, subtitle text, published date,
  text         text NOT NULL,                        -- title, sub-title, body as analysed
  body_start   integer NOT NULL CHECK (body_start >= 0),
  minhash      bytea CHECK (minhash IS NULL OR length(minhash) = 256),
  cluster_id   text,                                 -- the id of the cluster's first document
  ingested_at  timestamptz NOT NULL DEFAULT now(),
  analysis     jsonb NOT NULL,                       -- marsad.analysis/1 without its text
  terms        tsvector NOT NULL,                    -- Marsad's analyzer terms: title weight A, body D
  analyzer     text NOT NULL                         -- AnalyzerFactory.Signature the terms were made with
);
CREATE INDEX documents_terms ON documents USING gin(terms);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_outlet ON documents(outlet_key);
CREATE INDEX documents_category ON documents(category_key);
CREATE INDEX documents_cluster ON documents(cluster_id) WHERE cluster_id IS NOT NULL;
CREATE INDEX documents_external ON documents(external_id) WHERE external_id IS NOT NULL;

CREATE TABLE entities(
  key text PRIMARY KEY, type text NOT NULL, subtype text, name text NOT NULL, name_en text,
  lat double precision, lon double precision, country text);

-- The entity keys of each document (the entity filter and facet).
CREATE TABLE document_entities(
  doc_seq    bigint NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  entity_key text NOT NULL REFERENCES entities(key),
  PRIMARY KEY (entity_key, doc_seq));
CREATE INDEX document_entities_doc ON document_entities(doc_seq);

CREATE TABLE mentions(
  doc_seq    bigint NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  entity_key text NOT NULL REFERENCES entities(key),
  local_id   text NOT NULL,
  start_at   integer NOT NULL, end_at integer NOT NULL CHECK (end_at >= start_at),
  text       text NOT NULL,
  FOREIGN KEY (entity_key, doc_seq) REFERENCES document_entities(entity_key, doc_seq) ON DELETE CASCADE);
CREATE INDEX mentions_doc ON mentions(doc_seq);

CREATE TABLE times(
  doc_seq  bigint NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  start_at integer NOT NULL, end_at integer NOT NULL, text text NOT NULL, value text NOT NULL, anchor text NOT NULL);
CREATE INDEX times_doc ON times(doc_seq);

CREATE TABLE doc_events(
  doc_seq bigint NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  local_id text NOT NULL, type text NOT NULL, type_key text NOT NULL, mode text, modality text NOT NULL,
  trigger_start integer NOT NULL, trigger_end integer NOT NULL, trigger_text text NOT NULL,
  sentence_start integer NOT NULL, sentence_end integer NOT NULL,
  time text, location_key text, actor_keys jsonb NOT NULL, target_keys jsonb NOT NULL,
  participants bigint, fatalities bigint, injured bigint, geo_precision text, context text,
  PRIMARY KEY (doc_seq, local_id));
CREATE INDEX doc_events_type ON doc_events(type_key, doc_seq);

-- Story clusters: each signed document's 16 MinHash band hashes (locality-sensitive hashing).
-- A new document's candidates are the documents sharing a band; clusters are assigned under one
-- advisory lock at the end of each ingest transaction, so concurrent writers see each other's documents.
CREATE TABLE lsh_bands(
  band    smallint NOT NULL CHECK (band BETWEEN 0 AND 15),
  hash    bigint NOT NULL,
  doc_seq bigint NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  PRIMARY KEY (band, hash, doc_seq));

-- Merged (cross-document) events and their reports.
CREATE TABLE merged_events(
  id text PRIMARY KEY, type text NOT NULL, mode text, date date NOT NULL, location_key text,
  actor_keys jsonb NOT NULL, target_keys jsonb NOT NULL, fatalities bigint, injured bigint, sources integer NOT NULL,
  country text, location_name text, lat double precision, lon double precision, location_subtype text, geo_precision text,
  actor_names jsonb NOT NULL, target_names jsonb NOT NULL, reports integer NOT NULL, time_precision integer NOT NULL,
  context text, first_report text NOT NULL, fingerprint text NOT NULL, updated_at timestamptz NOT NULL);
CREATE INDEX merged_events_date ON merged_events(date);
CREATE TABLE merged_event_sources(
  event_id text NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
  doc_seq  bigint NOT NULL,
  local_id text NOT NULL,
  PRIMARY KEY (doc_seq, local_id),
  FOREIGN KEY (doc_seq, local_id) REFERENCES doc_events(doc_seq, local_id) ON DELETE CASCADE);
CREATE INDEX merged_event_sources_event ON merged_event_sources(event_id);
-- The changes feed: one row per event added, changed or removed, in commit order.
CREATE TABLE event_changes(
  seq bigserial PRIMARY KEY, event_id text NOT NULL, change text NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
  at timestamptz NOT NULL DEFAULT now());
CREATE INDEX event_changes_at ON event_changes(at);

-- The database's change counter: bumped by every ingest transaction that stored documents
-- (readers such as several API servers invalidate their caches when it moves).
INSERT INTO meta(key, value) VALUES ('change_counter', '0');

-- The ingest queue: inputs split into batches of articles; workers claim one with
-- FOR UPDATE SKIP LOCKED and hold it under a lease, so a killed worker's batch is taken over.
CREATE TABLE queue_batches(
  id          bigserial PRIMARY KEY,
  input       text NOT NULL,                          -- where the articles were read (file, URL)
  first_item  integer NOT NULL,                       -- the batch's first article in that input (0-based)
  articles    jsonb NOT NULL,                         -- the articles (marsad ArticleInput objects)
  state       text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
  worker      text, lease_until timestamptz, attempts integer NOT NULL DEFAULT 0,
  stored      integer, duplicates integer, rejected integer,
  created_at  timestamptz NOT NULL DEFAULT now(), done_at timestamptz,
  UNIQUE (input, first_item));
CREATE INDEX queue_batches_pending ON queue_batches(id) WHERE state = 'pending';
