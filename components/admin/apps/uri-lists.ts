import { appUriList } from '@/lib/apps/schemas';
import { redirectUriProblem } from '@/lib/apps/redirect-uris';

/**
 * The API's URI list schema plus the server's registration rule (absolute, https or loopback http,
 * no fragment or user info), so the form marks the exact entry the server would refuse.
 */
export function checkedUriList(message: string) {
  return appUriList.superRefine((uris, context) => {
    uris.forEach((uri, index) => {
      if (uri.trim() && redirectUriProblem(uri.trim())) context.addIssue({ code: 'custom', message, path: [index] });
    });
  });
}

/** Per-entry errors of a ListField from react-hook-form's array errors. */
export function itemErrors(errors: unknown, text: (error: never) => string | undefined): Record<number, string | undefined> {
  if (!errors || typeof errors !== 'object') return {};
  return Object.fromEntries(
    Object.entries(errors)
      .filter(([key]) => /^\d+$/.test(key))
      .map(([key, value]) => [Number(key), text(value as never)]),
  );
}
