'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useCan } from '../AdminProviders';
import { useApiMutation, useApiQuery } from '../query';
import { useRemovalConfirm } from '../use-removal-confirm';
import { QueryBlock, UserSection } from './QueryBlock';

export function ItemList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul className="flex flex-col divide-y divide-border rounded-control border border-border" aria-label={label}>
      {children}
    </ul>
  );
}

export function Item({ title, details, action }: { title: ReactNode; details?: ReactNode; action?: ReactNode }) {
  return (
    <li className="flex flex-col gap-2 px-3 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="user-item">
      <div className="min-w-0">
        <p className="text-sm font-medium break-words">{title}</p>
        {details ? <p className="text-sm text-muted-foreground break-words">{details}</p> : null}
      </div>
      {action ? <div className="flex shrink-0 gap-2">{action}</div> : null}
    </li>
  );
}

export interface RemovableItemsSectionProps<K extends string, T> {
  /** The section's heading, also the accessible name of the section and of its list. */
  title: string;
  description?: ReactNode;
  /**
   * The list's API path. An item is removed with DELETE `<path>/<itemKey>`: it leaves the list at
   * once, comes back if the server refuses, and the list is read again either way.
   */
  path: string;
  /** The key of the array in the list's response, e.g. `passkeys` for `{ passkeys: [...] }`. */
  listKey: K;
  /** The item's ID: its React key and the last segment of its DELETE path. */
  itemKey: (item: T) => string;
  itemTitle: (item: T) => ReactNode;
  itemDetails: (item: T) => ReactNode;
  /** Text of the item's button and of the dialog's confirm button (Delete, Revoke, …). */
  actionLabel: string;
  /** The item's button's accessible name (which item it removes). */
  actionAriaLabel: (item: T) => string;
  confirmTitle: (item: T) => string;
  confirmDescription: string;
  /** Toast after the removal. */
  removedMessage: (item: T) => string;
  emptyText: string;
}

/**
 * One list of a user's account (passkeys, consents, sessions, …) read from the API, where a
 * write_user admin removes an item after confirming it: the dialog closes as the item leaves the
 * list, and the focus goes to the section's heading. Without write_user the list is read-only.
 */
export function RemovableItemsSection<K extends string, T>({
  title,
  description,
  path,
  listKey,
  itemKey,
  itemTitle,
  itemDetails,
  actionLabel,
  actionAriaLabel,
  confirmTitle,
  confirmDescription,
  removedMessage,
  emptyText,
}: RemovableItemsSectionProps<K, T>) {
  const tCommon = useTranslations('admin.common');
  const canWrite = useCan('write_user');
  const query = useApiQuery<Record<K, T[]>>(path);
  const confirm = useRemovalConfirm(query.data?.[listKey], itemKey);
  const remove = useApiMutation<void, T>({
    request: (item) => ({ path: `${path}/${itemKey(item)}`, method: 'DELETE' }),
    successMessage: (_, item) => removedMessage(item),
    // Once allowed, the removal cannot turn out otherwise: no need to wait for the server to show it.
    optimistic: {
      path,
      update: (current: Record<K, T[]>, item) => ({ ...current, [listKey]: current[listKey].filter((other) => itemKey(other) !== itemKey(item)) }),
    },
  });
  return (
    <UserSection title={title} description={description} headingRef={confirm.focusTarget}>
      <QueryBlock query={query}>
        {(data) =>
          data[listKey].length ? (
            <ItemList label={title}>
              {data[listKey].map((item) => (
                <Item
                  key={itemKey(item)}
                  title={itemTitle(item)}
                  details={itemDetails(item)}
                  action={
                    canWrite ? (
                      <Button size="sm" variant="secondary" className="text-danger" onClick={() => confirm.ask(item)} aria-label={actionAriaLabel(item)}>
                        {actionLabel}
                      </Button>
                    ) : null
                  }
                />
              ))}
            </ItemList>
          ) : (
            <p className="text-sm text-muted-foreground">{emptyText}</p>
          )
        }
      </QueryBlock>
      {canWrite ? (
        <ConfirmDialog
          open={!!confirm.pending}
          onOpenChange={(open) => (open ? undefined : confirm.clear())}
          title={confirm.pending ? confirmTitle(confirm.pending) : ''}
          description={confirmDescription}
          confirmLabel={actionLabel}
          cancelLabel={tCommon('cancel')}
          closeLabel={tCommon('close')}
          pending={remove.isPending}
          onConfirm={() => confirm.pending && remove.mutate(confirm.pending)}
        />
      ) : null}
    </UserSection>
  );
}
