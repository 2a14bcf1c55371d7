import { handle } from '@/lib/api/define';
import { listUserOrgsRoute, replaceUserOrgsRoute } from '@/lib/api/routes/user-orgs';

export const dynamic = 'force-dynamic';
export const GET = handle(listUserOrgsRoute);
export const POST = handle(replaceUserOrgsRoute);
