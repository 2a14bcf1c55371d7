import { handle } from '@/lib/api/define';
import { createAppBannerRoute, listAppBannersRoute } from '@/lib/api/routes/app-banners';

export const dynamic = 'force-dynamic';
export const GET = handle(listAppBannersRoute);
export const POST = handle(createAppBannerRoute);
