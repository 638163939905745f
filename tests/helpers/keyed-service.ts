/**
 * The HTTP service wired as `npm run serve` wires it (access-setup → service-ops → http-server), in
 * this process on 127.0.0.1, over the fixture library without models: for tests of keys, scopes and
 * the plain routes. Each served instance opens the applications file itself, as the service does.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createAppService, type AppService } from '../../electron/backbone/app-service';
import { Library } from '../../electron/backbone/library';
import { httpRoute } from '../../electron/contract/methods';
import { accessSetup, type AccessFlagValues, type AccessSetup } from '../../electron/server/access-setup';
import { createHttpServer } from '../../electron/server/http-server';
import type { ApiMiddleware } from '../../electron/server/middleware';
import { createServiceOps } from '../../electron/server/service-ops';
import { ROOT } from './run-cli';
import { FIXTURE_CORPUS } from './temp';

const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');

/** The app service over a fresh copy of the fixture library in `dir` (lexbone.db), started and idle. */
export async function fixtureService(dir: string): Promise<AppService> {
  const dbPath = join(dir, 'lexbone.db');
  const lib = new Library(dbPath);
  lib.import(FIXTURE_CORPUS);
  lib.close();
  const service = createAppService({ dbPath, corpusPath: null, importWorkerPath: WORKER, evaluationPath: null });
  service.start();
  await service.idle();
  return service;
}

export interface Served {
  base: string;
  access: AccessSetup;
}

type AccessFlags = Partial<AccessFlagValues> & { 'apps-db': string };

/**
 * Serves `service` with the access flags given (`apps-db` named: the service's own default is beside
 * the library); closed after the file's tests. `inner` runs after the access middleware.
 */
export function useKeyedServers(): (service: AppService, flags: AccessFlags, inner?: ApiMiddleware[]) => Promise<Served> {
  const open: { server: Server; access: AccessSetup }[] = [];
  afterAll(async () => {
    for (const { server, access } of open.splice(0)) {
      await new Promise((r) => server.close(r));
      access.close();
    }
  });
  return async (service, flags, inner = []) => {
    const access = accessSetup({ host: '127.0.0.1', ...flags }, flags['apps-db']);
    const ops = createServiceOps({
      maxInflight: 4, maxQueue: 16, requestTimeoutMs: 0, audit: null, health: () => service.health(), metricsAccess: access.metricsAccess,
    });
    const server = createHttpServer({ handlers: service.handlers, middleware: ops.middleware([...access.middleware, ...inner]), routes: ops.routes });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    open.push({ server, access });
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, access };
  };
}

/** POST /api/v1/<method> with a JSON body. */
export function callApi(base: string, method: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(base + httpRoute(method as never), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
