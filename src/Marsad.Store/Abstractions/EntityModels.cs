namespace Marsad.Store;

/// <summary>An entity of the archive with how often it is mentioned and in how many documents.</summary>
/// <param name="Key">The archive-wide key (<see cref="StoreKeys.Entity"/>).</param>
/// <param name="Country">The ISO 3166 alpha-2 code of the country it is in or is (null when unknown).</param>
public sealed record EntityInfo(string Key, string Type, string? Subtype, string Name, string? NameEn,
    double? Lat, double? Lon, string? Country, long Mentions, long Documents);

/// <summary>A document mentioning an entity, with its first mention between the text before and after it (one line, cut at words).</summary>
public sealed record EntityMentionDoc(string Id, string Title, DateOnly? Published, string Before, string Text, string After);

/// <summary>An entity mentioned in the same documents as another, and in how many of them.</summary>
public sealed record CoEntity(string Key, string Name, string Type, long Documents);
