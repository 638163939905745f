import { dirname, join } from 'node:path';
import type { DataLocations } from '../contract/shell-types';

/**
 * Where this library's files are: the user data folder (the database's folder), the library and
 * research databases, and the user's models folder. Answered even when the library cannot be
 * opened, so an error screen can say which file to move aside.
 */
export function dataLocations(dbPath: string, researchDbPath?: string): DataLocations {
  const dataDir = dirname(dbPath);
  return { dataDir, dbPath, researchDbPath: researchDbPath ?? join(dataDir, 'research.db'), userModelsDir: join(dataDir, 'models') };
}
