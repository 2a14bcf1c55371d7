import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/Alert';
import { bannersForApp } from '@/lib/banners/public';

/**
 * The app's active banners (ENABLE_APP_BANNER) above a hosted form, in the request's locale: one
 * Alert per banner in its type's colors, role="status" (present on load, not urgent), inside a
 * labelled region. Text only: React escapes it. Server Component; renders nothing without banners.
 */
export async function AppBanners({ appId, locale }: { appId: string; locale: string }) {
  const banners = await bannersForApp(appId, locale);
  if (!banners.length) return null;
  const t = await getTranslations('banners');
  return (
    <section aria-label={t('region')} className="mb-5 flex flex-col gap-2" data-testid="app-banners">
      {banners.map((banner) => (
        <Alert key={banner.id} variant={banner.type} role="status" data-banner-type={banner.type}>
          {/* A fallback text in another language is marked as such for screen readers. */}
          <span className="whitespace-pre-line" lang={banner.lang === locale ? undefined : banner.lang}>
            {banner.text}
          </span>
        </Alert>
      ))}
    </section>
  );
}
