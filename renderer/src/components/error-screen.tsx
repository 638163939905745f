/** Shown instead of the search when the library cannot be used (e.g. a damaged database). */
import { isDatabaseError } from '../format';
import { STRINGS } from '../strings';

interface Props {
  error: { code: string; message: string };
}

export function ErrorScreen({ error }: Props) {
  const database = isDatabaseError(error.code);
  return (
    <section className="panel error-screen" role="alert" data-testid="error" data-code={error.code}>
      <h2>{database ? STRINGS.errorTitleDatabase : STRINGS.errorTitleGeneric}</h2>
      <p className="error-screen__hint">{database ? STRINGS.errorHintDatabase : STRINGS.errorHintGeneric}</p>
      <p className="error-screen__message" data-testid="error-message">
        {error.message}
      </p>
      <p className="error-screen__code">{STRINGS.errorCode(error.code)}</p>
    </section>
  );
}
