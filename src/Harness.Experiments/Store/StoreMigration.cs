using Microsoft.Data.Sqlite;

namespace Harness.Experiments.Store;

/// <summary>One step of the store's schema: the version it leads to, what it adds, its DDL and any step the DDL cannot
/// say (run in the same transaction).</summary>
public sealed record StoreMigration(int Version, string Adds, string Sql, Action<SqliteConnection, SqliteTransaction>? Then = null);
