-- Schema version 2: finding entities by name as the embedded archive does. name_norm is the entity's name
-- at Marsad's search normalisation (Marsad.Text's ArabicNormalizer, NormalizationLevel.Search: hamza seats,
-- taa marbuta, diacritics), computed by the store in C# (never by a SQL fold): written at ingest, and filled
-- on open for rows stored before this version. Mentions get an index by entity for the entity pages.
ALTER TABLE entities ADD COLUMN name_norm text;
CREATE INDEX entities_name_norm ON entities(name_norm);
CREATE INDEX mentions_entity ON mentions(entity_key, doc_seq);
