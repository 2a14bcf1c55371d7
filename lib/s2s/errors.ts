import { defineErrors } from '@/lib/errors';

export const S2sErrors = defineErrors({
  s2s_app_required: { status: 403, message: 'This endpoint needs an access token issued to an S2S app.' },
});
