/** "Send a code by email instead" (ALLOW_EMAIL_MFA_AS_BACKUP): the email-mfa page in fallback mode. */
export function EmailFallbackLink({ requestId, locale, label }: { requestId: string; locale: string; label: string }) {
  return (
    <a
      href={`/identity/v1/email-mfa?${new URLSearchParams({ request: requestId, locale, fallback: '1' })}`}
      className="text-center text-sm font-medium text-brand underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      data-testid="mfa-email-fallback"
    >
      {label}
    </a>
  );
}
