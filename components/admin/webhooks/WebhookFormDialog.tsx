'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';
import { CheckboxField } from '@/components/ui/fields';
import { ErrorState, LoadingState } from '@/components/ui/States';
import { createWebhookInput } from '@/lib/webhooks/schemas';
import { useApiForm, useFieldErrorText } from '../forms';
import { useApiQuery } from '../query';
import type { ShownWebhookSecret } from './SecretDialog';
import { WEBHOOKS_PATH, type WebhookEndpoint } from './types';

interface EventType {
  type: string;
  version: number;
  description: string;
}

/** Add an endpoint: name, URL and the event types it receives (none ticked: all); the secret is shown after. */
export function WebhookFormDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (shown: ShownWebhookSecret) => void }) {
  const t = useTranslations('adminWebhooks');
  const tCommon = useTranslations('admin.common');
  const types = useApiQuery<{ eventTypes: EventType[] }>(`${WEBHOOKS_PATH}/event-types`, undefined, { enabled: open });
  let body = null;
  if (open && types.error) body = <ErrorState title={t('loadFailed')} message={types.error.message} retryLabel={tCommon('retry')} onRetry={() => types.refetch()} retrying={types.isFetching} />;
  else if (open && !types.data) body = <LoadingState label={tCommon('loading')} bars={['h-10', 'h-10', 'h-40']} className="gap-3" />;
  else if (open && types.data) body = <WebhookForm eventTypes={types.data.eventTypes} onDone={onClose} onCreated={onCreated} />;
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onClose())} title={t('createTitle')} description={t('createDescription')} closeLabel={tCommon('close')}>
      {body}
    </Dialog>
  );
}

function WebhookForm({ eventTypes, onDone, onCreated }: { eventTypes: EventType[]; onDone: () => void; onCreated: (shown: ShownWebhookSecret) => void }) {
  const t = useTranslations('adminWebhooks');
  const tCommon = useTranslations('admin.common');
  const errorText = useFieldErrorText();
  const { form, mutation, onSubmit } = useApiForm<typeof createWebhookInput, { webhook: WebhookEndpoint; secret: string }>({
    schema: createWebhookInput,
    defaultValues: { name: '', url: '', events: [] },
    fields: ['name', 'url', 'events'],
    fieldErrors: { invalid_webhook_url: { field: 'url', message: t('invalidUrl') } },
    request: (values) => ({ path: WEBHOOKS_PATH, method: 'POST', body: values }),
    invalidates: [WEBHOOKS_PATH],
    successMessage: (data) => t('created', { name: data.webhook.name || data.webhook.url }),
    onSuccess: (data) => {
      onDone();
      onCreated({ name: data.webhook.name || data.webhook.url, secret: data.secret });
    },
  });
  const {
    register,
    formState: { errors },
  } = form;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <TextField label={t('name')} error={errorText(errors.name)} autoComplete="off" {...register('name')} />
      <TextField label={t('url')} hint={t('urlHint')} error={errorText(errors.url)} required type="url" inputMode="url" autoComplete="off" spellCheck={false} {...register('url')} />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">{t('events')}</legend>
        <p className="text-sm text-muted-foreground">{t('eventsHint')}</p>
        <div className="grid gap-2 sm:grid-cols-2">
          {eventTypes.map((eventType) => (
            <CheckboxField key={eventType.type} label={eventType.type} title={eventType.description} value={eventType.type} {...register('events')} />
          ))}
        </div>
      </fieldset>
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">{tCommon('cancel')}</Button>
        </DialogClose>
        <Button type="submit" loading={mutation.isPending} loadingLabel={tCommon('loading')}>
          {tCommon('create')}
        </Button>
      </DialogActions>
    </form>
  );
}
