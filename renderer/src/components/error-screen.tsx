/**
 * Shown instead of the search when the library cannot be used (e.g. a damaged database). A
 * database error also says what to do, step by step, and where the file is (db-error-help.tsx).
 */
import type { Api } from '../../../electron/contract/api';
import { isDatabaseError } from '../format';
import { STRINGS } from '../strings';
import { DbErrorHelp } from './db-error-help';
import { errorText } from '../api/api-error';

interface Props {
  error: { code: string; message: string; messageZh?: string };
  /** Given, a database error shows where the file is (the `locations` method). */
  api?: Api;
}

export function ErrorScreen({ error, api }: Props) {
  const database = isDatabaseError(error.code);
  return (
    <section className="panel error-screen" role="alert" data-testid="error" data-code={error.code}>
      <h2>{database ? STRINGS.errorTitleDatabase : STRINGS.errorTitleGeneric}</h2>
      <p className="error-screen__hint">{database ? STRINGS.errorHintDatabase : STRINGS.errorHintGeneric}</p>
      <p className="error-screen__message" data-testid="error-message">
        {errorText(error)}
      </p>
      {database && api && <DbErrorHelp api={api} />}
      <p className="error-screen__code">{STRINGS.errorCode(error.code)}</p>
    </section>
  );
}
