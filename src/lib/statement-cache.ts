// Prepared statements by SQL text, each prepared once per database: preparing costs more than
// running most of backfile's queries. Each SQL text is used in one mode (plain, .pluck() or .raw()).

import type Database from 'better-sqlite3';

export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
