/**
 * The "Connect an AI assistant" page (#/assistant): what Lexbone offers an AI assistant over MCP,
 * the configuration a desktop assistant (stdio) and other clients (Streamable HTTP) take, each
 * with a Copy button, and which assistants are connected now (asked every 3 s while the page is
 * open).
 */
import type { Api } from '../../../../electron/contract/api';
import type { AssistantConnection } from '../../../../electron/contract/assistant-types';
import { ErrorBanner } from '../error-banner';
import { useAssistantConnection } from '../../hooks/use-assistant-connection';
import { AssistantStatus } from './assistant-status';
import { ASSISTANT_STRINGS as T, CREATE_KEY_COMMAND, DEFAULT_HTTP_URL } from './assistant-strings';
import { ConfigBlock } from './config-block';
import { httpConfig, stdioConfig } from './mcp-config';
import './assistant.css';

function StdioSection({ connection }: { connection: AssistantConnection }) {
  return (
    <section className="assistant__section" data-testid="assistant-stdio">
      <h3>{T.stdioTitle}</h3>
      <p className="page__lead">{T.stdioHint}</p>
      <ConfigBlock text={stdioConfig(connection.stdio)} testId="assistant-stdio-config" label={T.stdioTitle} />
    </section>
  );
}

function HttpSection({ httpUrl }: { httpUrl: string | null }) {
  return (
    <section className="assistant__section" data-testid="assistant-http">
      <h3>{T.httpTitle}</h3>
      {httpUrl ? (
        <>
          <p className="page__lead">{T.httpHint}</p>
          <ConfigBlock text={httpConfig(httpUrl)} testId="assistant-http-config" label={T.httpTitle} />
          <p className="page__lead">
            {T.createKey} <code data-testid="assistant-create-key">{CREATE_KEY_COMMAND}</code>
          </p>
        </>
      ) : (
        <p className="page__lead" data-testid="assistant-http-none">
          {T.httpNone('npm run serve', DEFAULT_HTTP_URL)}
        </p>
      )}
    </section>
  );
}

export function AssistantPage({ api }: { api: Api }) {
  const { connection, error } = useAssistantConnection(api);
  return (
    <section className="page assistant" data-testid="assistant-page">
      <header>
        <h2 className="page__title">{T.pageTitle}</h2>
        <p className="page__lead">{T.pageIntro}</p>
      </header>
      {error && <ErrorBanner error={error} />}
      {connection && (
        <>
          <StdioSection connection={connection} />
          <HttpSection httpUrl={connection.httpUrl} />
        </>
      )}
      <AssistantStatus connected={connection?.connected ?? null} />
    </section>
  );
}
