import { handle } from '@/lib/api/define';
import { deleteAppBannerRoute, getAppBannerRoute, updateAppBannerRoute } from '@/lib/api/routes/app-banners';

export const dynamic = 'force-dynamic';
export const GET = handle(getAppBannerRoute);
export const PUT = handle(updateAppBannerRoute);
export const DELETE = handle(deleteAppBannerRoute);
