/** A page's error: its message in the UI language (and, optionally, a heading), with the code for tests and support. */
import type { ReactNode } from 'react';
import { errorText } from '../api/api-error';

interface Props {
  error: { code: string; message: string; messageZh?: string };
  testId?: string;
  heading?: ReactNode;
  /** Shown instead of the error's own message. */
  message?: ReactNode;
}

export function ErrorBanner({ error, testId = 'error', heading, message }: Props) {
  return (
    <div className="error-banner" role="alert" data-testid={testId} data-code={error.code}>
      {heading && <strong>{heading}</strong>}
      <span data-testid="error-message">{message ?? errorText(error)}</span>
    </div>
  );
}
