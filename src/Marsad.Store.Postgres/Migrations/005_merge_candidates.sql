-- Schema version 5: the merged events a batch's report could join are found by the report's day
-- (PostgresEventMerge.cs, MergeCandidates). An event open on day D (a report within the 3-day window)
-- either lasts at most 8 days, and then ends in [D - 3, D + 11] (merged_events_type_last), or lasts
-- longer: those few long events have their own index, so the lookup never scans every earlier event.
-- The 8 is PostgresArchive.LongEventDays.
CREATE INDEX merged_events_long ON merged_events(type, last_date) WHERE last_date - date > 8;
