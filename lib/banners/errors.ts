import { defineErrors } from '@/lib/errors';

export const BannerErrors = defineErrors({
  banner_not_found: { status: 404, message: 'No app banner with this id.' },
  unknown_app: { status: 400, message: 'An app does not exist.' },
  unknown_banner: { status: 400, message: 'A banner does not exist.' },
  feature_disabled: { status: 400, message: 'App banners are disabled (ENABLE_APP_BANNER=false).' },
  spa_app_not_found: { status: 404, message: 'No active SPA app with this client_id.' },
});
