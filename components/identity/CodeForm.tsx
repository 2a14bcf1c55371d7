'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { FormStatus } from './FormStatus';
import { useCredentialForm } from './use-credential-form';
import { useHydrated } from './use-hydrated';

const CODE = /^\d{6}$/;

export interface CodeFormLabels {
  code: string;
  hint: string;
  submit: string;
  /** Shown when a submit fails for an unexpected reason. */
  error: string;
}

export interface CodeFormProps {
  /** POST `{ …body, code }`. */
  action: string;
  body: Record<string, unknown>;
  /** Set inside a sign-in request (an expired request goes to the auth-code-expired page). */
  requestId?: string;
  labels: CodeFormLabels;
  /** redirect: follow the server's redirectTo; done: the server answers 204 and `done` is shown. */
  mode?: 'redirect' | 'done';
  done?: string;
  /** Whether a live code was already sent; if not, only the send button shows until it is. */
  codeSent?: boolean;
  /** "Send a new code" (POST body → 204), and its status message. */
  resend?: { action: string; label: string; firstLabel?: string; notice: string };
  /** Other ways out, each a POST body → redirectTo ("Later", "Use another address"). */
  secondary?: Array<{ action: string; label: string }>;
  /** Magic-link mode: the email carries a link, there is never a code field (resend stays secondary). */
  linkMode?: boolean;
  /** A checkbox sent as `{ [name]: checked }` with the code (MFA's "remember this device"). */
  toggle?: { name: string; label: string };
  testId?: string;
}

/**
 * A 6-digit code from an email: one numeric field (one-time-code autofill), submit, resend and
 * secondary actions. A malformed or wrong code is reported on the field, which gets focus.
 */
export function CodeForm({ action, body, requestId, labels, mode = 'redirect', done, codeSent = true, resend, secondary = [], linkMode = false, toggle, testId }: CodeFormProps) {
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const form = useCredentialForm({ requestId, fallback: labels.error });
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(codeSent);
  const [finished, setFinished] = useState(false);
  const [toggled, setToggled] = useState(false);
  const toggleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const firstRender = useRef(true);

  // After "send", the field appears (or stays): the user types the code next.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (sent) inputRef.current?.focus();
  }, [sent, form.notice]);

  function showFieldError(message: string) {
    setError(message);
    inputRef.current?.focus();
  }

  const onFields = (fields: Record<string, string>) => {
    if (!fields.code) return false;
    showFieldError(fields.code);
    return true;
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = code.replace(/\s+/g, '');
    if (!CODE.test(value)) return showFieldError(form.fieldText('code_format'));
    setError(null);
    const payload = { ...body, code: value, ...(toggle ? { [toggle.name]: toggled } : {}) };
    if (mode === 'redirect') return form.submit(action, payload, onFields);
    if (await form.send(action, payload, onFields, 'submit')) setFinished(true);
  }

  async function onResend() {
    if (!resend) return;
    if (await form.send(resend.action, body)) {
      if (!linkMode) setSent(true);
      setError(null);
      form.setNotice(resend.notice);
    }
  }

  if (finished) {
    return (
      <p role="status" className="text-center text-sm text-pretty text-muted-foreground" data-testid={testId ? `${testId}-done` : undefined}>
        {done}
      </p>
    );
  }

  return (
    <form method="post" action={action} noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid={testId}>
      <FormStatus error={form.formError} notice={form.notice} alertRef={form.alertRef} />
      {sent ? (
        <>
          <TextField
            ref={inputRef}
            label={labels.code}
            hint={labels.hint}
            name="code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={8}
            required
            error={error ?? undefined}
            className="font-mono text-lg tracking-[0.3em] sm:text-lg"
          />
          {toggle ? (
            <div className="flex items-start gap-3">
              <input
                id={toggleId}
                type="checkbox"
                name={toggle.name}
                checked={toggled}
                onChange={(event) => setToggled(event.target.checked)}
                className="mt-0.5 size-4 shrink-0 accent-(--brand)"
              />
              <label htmlFor={toggleId} className="text-sm text-surface-foreground">
                {toggle.label}
              </label>
            </div>
          ) : null}
          <Button type="submit" fullWidth size="lg" loading={form.pending === 'submit'} loadingLabel={tCommon('loading')} disabled={!hydrated || (form.busy && form.pending !== 'submit')}>
            {labels.submit}
          </Button>
        </>
      ) : null}
      {resend || secondary.length ? (
        <div className="flex flex-col gap-3">
          {resend ? (
            <Button
              type="button"
              variant={sent || linkMode ? 'secondary' : 'primary'}
              size={sent || linkMode ? 'md' : 'lg'}
              fullWidth
              onClick={onResend}
              loading={form.pending === 'send'}
              loadingLabel={tCommon('loading')}
              disabled={!hydrated || (form.busy && form.pending !== 'send')}
            >
              {sent || linkMode ? resend.label : (resend.firstLabel ?? resend.label)}
            </Button>
          ) : null}
          {secondary.map((entry) => (
            <Button
              key={entry.action}
              type="button"
              variant="ghost"
              fullWidth
              onClick={() => form.submit(entry.action, body, undefined, entry.action)}
              loading={form.pending === entry.action}
              loadingLabel={tCommon('loading')}
              disabled={!hydrated || (form.busy && form.pending !== entry.action)}
            >
              {entry.label}
            </Button>
          ))}
        </div>
      ) : null}
    </form>
  );
}
