import { useId } from 'react';
import { useTranslations } from 'next-intl';
import { buttonClasses } from '@/components/ui/Button';
import { safeHttpUrl } from '@/lib/ui/safe-values';
import { cn } from '@/lib/ui/cn';
import { isErrorCode } from './error-codes';

export { ERROR_CODES, type ErrorCode } from './error-codes';

// Only short identifier-like codes are echoed back; anything else is not shown at all.
const DISPLAYABLE_CODE = /^[a-z0-9_.-]{1,64}$/i;

export interface ErrorViewProps {
  /** Stable error code; unknown codes get a generic message. Never pass exception text here. */
  code: string;
  /**
   * Optional "back" link (http(s) or a same-origin path; anything else is dropped). Never point it at
   * a redirect_uri that failed validation.
   */
  backHref?: string;
  /** Defaults to common.back. */
  backLabel?: string;
  /** Heading level: h1 when the view is the page's main content (default). */
  headingLevel?: 'h1' | 'h2';
  className?: string;
}

/**
 * Localized error message for a stable code: heading, message, "Error code: X", optional back link.
 * Works as a Server Component and inside client error boundaries (no async, no server-only APIs;
 * the `errors` and `common` namespaces are in the client messages).
 */
export function ErrorView({ code, backHref, backLabel, headingLevel = 'h1', className }: ErrorViewProps) {
  const t = useTranslations('errors');
  const tCommon = useTranslations('common');
  const Heading = headingLevel;
  const headingId = useId();
  const message = isErrorCode(code) ? t(`codes.${code}`) : t('codes.unknown');
  const href = safeHttpUrl(backHref);

  return (
    <section className={cn('flex flex-col gap-4', className)} aria-labelledby={headingId} data-error-code={code}>
      <div className="flex flex-col items-center gap-3 text-center">
        <span className="flex size-11 items-center justify-center rounded-full bg-error-bg text-error-fg" aria-hidden="true">
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-5">
            <path
              fillRule="evenodd"
              clipRule="evenodd"
              d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 6a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 6Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
            />
          </svg>
        </span>
        <Heading id={headingId} className="text-xl font-semibold tracking-tight text-balance">
          {t('heading')}
        </Heading>
        <p className="text-sm text-muted-foreground text-pretty">{message}</p>
        {DISPLAYABLE_CODE.test(code) ? (
          <p className="font-mono text-xs text-muted-foreground">
            {t('code', { code })}
          </p>
        ) : null}
      </div>
      {href ? (
        <a href={href} className={buttonClasses({ variant: 'secondary', fullWidth: true })}>
          {backLabel ?? tCommon('back')}
        </a>
      ) : null}
    </section>
  );
}
