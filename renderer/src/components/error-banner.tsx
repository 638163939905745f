/** A failed search: the message the backbone gave, above the (possibly empty) results. */
import type { ApiError } from '../api/api-error';
import { STRINGS } from '../strings';
import { errorText } from '../api/api-error';

export function ErrorBanner({ error }: { error: ApiError }) {
  return (
    <div className="error-banner" role="alert" data-testid="error" data-code={error.code}>
      <strong>{STRINGS.searchFailed}</strong>
      <span data-testid="error-message">{errorText(error)}</span>
    </div>
  );
}
