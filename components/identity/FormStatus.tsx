import type { Ref } from 'react';
import { Alert } from '@/components/ui/Alert';

/**
 * The two messages a hosted form shows above its fields: an error alert (focused by the form when
 * it appears) and a polite status (e.g. "a new code was sent"), in a live region that is always
 * present so screen readers announce it.
 */
export function FormStatus({ error, notice, alertRef }: { error: string | null; notice: string | null; alertRef: Ref<HTMLDivElement> }) {
  return (
    <>
      {error ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {error}
        </Alert>
      ) : null}
      <div role="status" aria-live="polite" className="empty:hidden">
        {notice ? (
          <Alert variant="success" role="none">
            {notice}
          </Alert>
        ) : null}
      </div>
    </>
  );
}
