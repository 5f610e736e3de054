-- Schema version 3: the cross-document event merge kept current by every ingest transaction
-- (PostgresEventMerge.cs), with the embedded archive's changes feed.

-- Each event mention's day as the merge places it (null: no day, not merged) and its place in the
-- document's analysis (the merge order's last tie-break): the span a batch touches is found by day.
ALTER TABLE doc_events ADD COLUMN day date, ADD COLUMN ord integer;
CREATE INDEX doc_events_day ON doc_events(type, day) WHERE modality = 'asserted' AND day IS NOT NULL;

-- An event's last report day: an event is open to new reports until the window after it.
ALTER TABLE merged_events ADD COLUMN last_date date;
UPDATE merged_events SET last_date = date;
ALTER TABLE merged_events ALTER COLUMN last_date SET NOT NULL;
ALTER TABLE merged_events ADD CHECK (last_date >= date);
CREATE INDEX merged_events_type_date ON merged_events(type, date);
CREATE INDEX merged_events_type_last ON merged_events(type, last_date);

-- The order of an event's reports (merge order), as the embedded archive lists them.
ALTER TABLE merged_event_sources ADD COLUMN position integer NOT NULL DEFAULT 0;

-- The changes feed as the embedded archive keeps it: added, changed, merged (into another event) or deleted.
ALTER TABLE event_changes DROP CONSTRAINT event_changes_change_check;
ALTER TABLE event_changes ADD COLUMN merged_into text;
ALTER TABLE event_changes ADD CONSTRAINT event_changes_change_check CHECK (change IN ('added', 'changed', 'merged', 'deleted'));
