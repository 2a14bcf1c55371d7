import { redirect } from 'next/navigation';
import { isAppError } from '@/lib/errors';
import { endsRequest } from './error-codes';

/**
 * Wraps a hosted page's loader: a sign-in request that ran out of time (or ended after too many
 * wrong codes) sends the browser to the auth-code-expired page (Melody's view: start again from
 * the app) instead of an error code.
 */
export function expiredToPage<T>(requestId: string | undefined, load: () => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await load();
    } catch (error) {
      if (isAppError(error) && endsRequest(error.code)) {
        redirect(`/identity/v1/auth-code-expired${requestId ? `?request=${encodeURIComponent(requestId)}` : ''}`);
      }
      throw error;
    }
  };
}
