import type { Knex } from 'knex';

/**
 * Runs a script of SQL statements one at a time: PGlite's query protocol takes one statement per
 * call. Statements are split at a semicolon that ends a line, so a script keeps one statement per
 * ';\n' and never puts such a sequence inside a string literal.
 */
export async function runSql(knex: Knex, script: string): Promise<void> {
  const statements = script
    .split(/;\s*\n/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
  for (const statement of statements) {
    await knex.raw(statement.replace(/;\s*$/, ''));
  }
}
