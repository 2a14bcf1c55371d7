'use client';

import { useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import { TextField, type TextFieldProps } from '@/components/ui/TextField';

/**
 * A new-password field: the rule as its hint (lib/users/password-policy), and a "Show password"
 * toggle instead of a confirmation field (aria-pressed, controls the input; the typed value is
 * kept). Server and client share the rule, so the hint says exactly what is checked.
 */
export function PasswordField({ hint, ...props }: Omit<TextFieldProps, 'type'>) {
  const t = useTranslations('password');
  const generatedId = useId();
  const id = props.id ?? `password-${generatedId}`;
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <TextField {...props} id={id} type={visible ? 'text' : 'password'} hint={hint ?? t('rule')} autoCapitalize="none" autoCorrect="off" spellCheck={false} />
      <button
        type="button"
        aria-controls={id}
        aria-pressed={visible}
        onClick={() => setVisible((shown) => !shown)}
        className="absolute top-0 right-0 rounded-sm text-sm font-medium text-brand underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      >
        {visible ? t('hide') : t('show')}
      </button>
    </div>
  );
}
