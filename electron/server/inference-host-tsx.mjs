// Entry of the inference host process for the TypeScript sources run by tsx (CLI, npm run web /
// serve, tests): registers tsx, then starts the host. The desktop build bundles host.ts instead.
import { register } from 'tsx/esm/api';

register();
await import('../backbone/inference/host.ts');
