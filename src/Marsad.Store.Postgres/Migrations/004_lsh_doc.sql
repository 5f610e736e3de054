-- Schema version 4: the LSH band rows of a document by the document, so deleting a document
-- (ON DELETE CASCADE) and the check find its bands through an index rather than a scan.
CREATE INDEX lsh_bands_doc ON lsh_bands(doc_seq);
