'use client';

import { PolicyActionButton } from './PolicyActionButton';

export interface RevokeSessionButtonProps {
  requestId: string;
  kind: 'browser' | 'app';
  sessionId: string;
  label: string;
  /** Names the session for screen readers ("Sign out Chrome on Linux"). */
  accessibleLabel: string;
}

/** Ends one session; the page reloads with the list. */
export function RevokeSessionButton({ requestId, kind, sessionId, label, accessibleLabel }: RevokeSessionButtonProps) {
  return (
    <PolicyActionButton
      requestId={requestId}
      action="/identity/v1/policy/revoke-session"
      body={{ kind, sessionId }}
      label={label}
      aria-label={accessibleLabel}
      variant="secondary"
      size="sm"
      alertPlacement="below"
      containerClassName="shrink-0 items-end"
    />
  );
}

/** "Sign out everywhere else". */
export function RevokeOtherSessionsButton({ requestId, label }: { requestId: string; label: string }) {
  return <PolicyActionButton requestId={requestId} action="/identity/v1/policy/revoke-other-sessions" label={label} variant="danger" size="lg" fullWidth />;
}
