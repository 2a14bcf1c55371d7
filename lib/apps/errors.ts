import { defineErrors } from '@/lib/errors';

export const AppErrors = defineErrors({
  app_not_found: { status: 404, message: 'No app with this id.' },
  invalid_redirect_uri: { status: 400, message: 'A redirect URI is invalid.' },
  unknown_scope: { status: 400, message: 'A scope does not exist.' },
  scope_type_mismatch: { status: 400, message: 'A scope does not fit this app type.' },
});
