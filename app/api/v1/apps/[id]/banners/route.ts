import { handle } from '@/lib/api/define';
import { setAppBannersRoute } from '@/lib/api/routes/app-banners';

export const dynamic = 'force-dynamic';
export const PUT = handle(setAppBannersRoute);
