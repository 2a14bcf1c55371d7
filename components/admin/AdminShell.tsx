import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { Card, CardContent, CardHeader } from '@/components/ui/Card';

/**
 * Frame of the admin dashboard's pages until the dashboard UI lands: product name, page title
 * and a card with the content. Server Component.
 */
export async function AdminShell({ title, children }: { title: ReactNode; children: ReactNode }) {
  const tCommon = await getTranslations('common');
  const t = await getTranslations('admin');
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-8 sm:py-12">
      <main className="w-full max-w-[40rem]">
        <Card>
          <CardHeader>
            <p className="text-sm font-medium text-muted-foreground">
              {tCommon('appName')} · {t('title')}
            </p>
            <h1 className="mt-1 text-2xl font-semibold tracking-tight text-balance text-surface-foreground">{title}</h1>
          </CardHeader>
          <CardContent>{children}</CardContent>
        </Card>
      </main>
    </div>
  );
}

/** The dashboard's sign-out: a same-origin form POST carrying the session's CSRF token. */
export async function SignOutForm({ csrfToken }: { csrfToken: string }) {
  const t = await getTranslations('admin');
  return (
    <form method="post" action="/admin/auth/logout">
      <input type="hidden" name="csrf" value={csrfToken} />
      <button
        type="submit"
        className="inline-flex h-10 items-center justify-center rounded-control border border-input bg-surface px-4 text-sm font-medium text-surface-foreground shadow-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      >
        {t('signOut')}
      </button>
    </form>
  );
}
