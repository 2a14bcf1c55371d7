'use client';

import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { CheckboxField } from '@/components/ui/fields';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import { useCan } from '../AdminProviders';
import type { Banner } from '../banners/types';
import { useApiErrorMessage, useApiMutation, useApiQuery } from '../query';
import type { App } from './types';

const BANNERS_PATH = '/api/v1/app-banners';

/**
 * The banners shown on an app, as the app dialog edits them: the current assignment comes from the
 * banner list, the admin's choice stays local until the dialog saves, and then goes out in one
 * call (PUT /api/v1/apps/{id}/banners, one transaction) only if it differs. Banners show on the
 * sign-in pages of SPA apps only, so S2S apps have none.
 */
export function useAppBanners(app: App | undefined) {
  const t = useTranslations('adminApps');
  const describe = useApiErrorMessage();
  const enabled = app?.type === 'spa';
  const query = useApiQuery<{ appBanners: Banner[] }>(BANNERS_PATH, undefined, { enabled });
  // null until the admin ticks a box: the assignment then follows the server's list as it reloads
  const [picked, setPicked] = useState<string[] | null>(null);
  const assigned = (query.data?.appBanners ?? []).filter((banner) => app && banner.appIds.includes(app.id)).map((banner) => banner.id);
  const selected = picked ?? assigned;
  const changed = picked !== null && (picked.length !== assigned.length || picked.some((id) => !assigned.includes(id)));
  const save = useApiMutation<{ appBanners: Banner[] }, string[]>({
    request: (bannerIds) => ({ path: `/api/v1/apps/${app!.id}/banners`, method: 'PUT', body: { bannerIds } }),
    invalidates: [BANNERS_PATH],
    errorMessage: (error) => t('bannersSaveFailed', { reason: describe(error) }),
  });
  return {
    enabled,
    query,
    selected,
    toggle: (id: string, on: boolean) => setPicked(on ? [...selected.filter((other) => other !== id), id] : selected.filter((other) => other !== id)),
    /** Saves the choice if it changed, then calls `done`; on failure the toast says why and `done` is not called. */
    saveThen: (done: () => void) => (changed ? save.mutate(selected, { onSuccess: done }) : done()),
    isSaving: save.isPending,
  };
}

export type AppBannersState = ReturnType<typeof useAppBanners>;

/** The "Banners" part of the app dialog: checkboxes with write_app, else the list of banners shown. */
export function AppBannersField({ state }: { state: AppBannersState }) {
  const t = useTranslations('adminApps');
  const tBanners = useTranslations('adminBanners');
  const tCommon = useTranslations('admin.common');
  const locale = useLocale();
  const canWrite = useCan('write_app');
  const { query, selected } = state;
  if (!state.enabled) return null;

  const textOf = (banner: Banner) =>
    banner.locales.find((entry) => entry.locale === locale)?.value || banner.text || banner.locales.find((entry) => entry.value)?.value || t('bannerNoText');
  const label = (banner: Banner) => (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span>{textOf(banner)}</span>
      <Badge>{tBanners(`types.${banner.type}`)}</Badge>
      {banner.isActive ? null : <Badge variant="warning">{tBanners('inactiveBadge')}</Badge>}
    </span>
  );
  const banners = query.data?.appBanners ?? [];
  const shown = banners.filter((banner) => selected.includes(banner.id));

  let body;
  if (query.error?.code === 'feature_disabled') {
    body = <p className="text-sm text-muted-foreground">{t('bannersDisabled')}</p>;
  } else if (query.error) {
    body = <ErrorState className="py-4" title={t('bannersLoadFailed')} message={query.error.message} retryLabel={tCommon('retry')} onRetry={() => query.refetch()} retrying={query.isFetching} />;
  } else if (!query.data) {
    body = <LoadingState label={tCommon('loading')} bars={['h-12']} />;
  } else if (!banners.length) {
    body = (
      <EmptyState
        className="py-4"
        title={t('bannersEmpty')}
        action={
          <Link href="/admin/banners" className="text-sm font-medium underline underline-offset-4 hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
            {t('bannersPageLink')}
          </Link>
        }
      />
    );
  } else if (!canWrite) {
    body = shown.length ? (
      <ul className="flex list-disc flex-col gap-1 ps-5 text-sm" aria-label={t('banners')}>
        {shown.map((banner) => (
          <li key={banner.id}>{label(banner)}</li>
        ))}
      </ul>
    ) : (
      <p className="text-sm text-muted-foreground">{t('bannersNone')}</p>
    );
  } else {
    body = (
      <div className="flex flex-col gap-2">
        {banners.map((banner) => (
          <CheckboxField key={banner.id} label={label(banner)} checked={selected.includes(banner.id)} onChange={(event) => state.toggle(banner.id, event.target.checked)} />
        ))}
      </div>
    );
  }

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium">{t('banners')}</legend>
      <p className="text-sm text-muted-foreground">{t('bannersHint')}</p>
      {body}
    </fieldset>
  );
}
