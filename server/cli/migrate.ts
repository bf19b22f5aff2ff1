import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';

/** `npm run db:migrate` applies pending migrations; `npm run db:rollback` undoes the last batch. */
const config = loadConfig(process.env, 'tool');
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  if (process.argv.includes('--down')) {
    const [batch, names] = (await db.knex.migrate.rollback()) as [number, string[]];
    console.log(names.length ? `Rolled back batch ${batch}: ${names.join(', ')}` : 'Nothing to roll back');
  } else {
    const [, names] = (await db.knex.migrate.latest()) as [number, string[]];
    console.log(names.length ? `Applied ${names.length} migrations: ${names.join(', ')}` : 'Already up to date');
  }
} finally {
  await db.close();
}
