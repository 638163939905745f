// Worker entry for the TypeScript sources run by tsx (npm run web / serve): registers tsx inside the
// worker thread, then runs the import worker. The desktop build bundles import-worker.ts instead.
import { register } from 'tsx/esm/api';

register();
await import('../backbone/import-worker.ts');
