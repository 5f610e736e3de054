using Marsad.Store.Index;
using NpgsqlTypes;

namespace Marsad.Store.Postgres;

public sealed partial class PostgresArchive
{
    /// <summary>
    /// Makes the search terms again, with this build's analyzer, for every document whose terms another analyzer
    /// made or that has none although it has words (what <see cref="Check"/> reports); returns the documents redone.
    /// </summary>
    public long RebuildTerms()
    {
        long done = 0, after = 0;
        while (true)
        {
            var page = new List<(long Seq, string Title, string Body)>();
            using (var cmd = _db.CreateCommand("""
                SELECT seq, title, text, body_start FROM documents
                WHERE seq > $1 AND (analyzer <> $2 OR (length(terms) = 0 AND text ~ '[[:alpha:]]{2}'))
                ORDER BY seq LIMIT 200
                """))
            {
                cmd.Parameters.AddWithValue(after);
                cmd.Parameters.AddWithValue(AnalyzerFactory.Signature);
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    var text = r.GetString(2);
                    page.Add((r.GetInt64(0), r.GetString(1), text[Math.Clamp(r.GetInt32(3), 0, text.Length)..]));
                }
            }
            if (page.Count == 0) return done;
            foreach (var (seq, title, body) in page)
            {
                using var up = _db.CreateCommand("UPDATE documents SET terms = $1::tsvector, analyzer = $2 WHERE seq = $3");
                up.Parameters.Add(Param(SearchTerms.Build(_analyzer, title, body), NpgsqlDbType.Text));
                up.Parameters.AddWithValue(AnalyzerFactory.Signature);
                up.Parameters.AddWithValue(seq);
                up.ExecuteNonQuery();
                done++;
            }
            after = page[^1].Seq;
        }
    }
}
