import { useTranslations } from 'next-intl';
import { isErrorCode } from './error-codes';

/**
 * Text for a failed JSON submit, in the page's language: a catalog message when the error code is
 * one we know (the server's `message` may be in another language), else the server's message, else
 * the caller's fallback.
 */
export function useErrorMessage(): (error: string, serverMessage: string | undefined, fallback: string) => string {
  const tSignIn = useTranslations('signIn.errors');
  const tErrors = useTranslations('errors');
  return (error, serverMessage, fallback) => {
    switch (error) {
      case 'invalid_credentials':
        return tSignIn('invalidCredentials');
      case 'account_disabled':
        return tSignIn('accountDisabled');
      case 'account_locked':
        return tSignIn('accountLocked');
      case 'too_many_requests':
        return tSignIn('tooManyRequests');
      case 'network_error':
      case 'invalid_response':
      case 'server_error':
        return fallback;
    }
    if (isErrorCode(error)) return tErrors(`codes.${error}`);
    return serverMessage ?? fallback;
  };
}
