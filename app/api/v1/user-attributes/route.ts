import { handle } from '@/lib/api/define';
import { createUserAttributeRoute, listUserAttributesRoute } from '@/lib/api/routes/user-attributes';

export const dynamic = 'force-dynamic';
export const GET = handle(listUserAttributesRoute);
export const POST = handle(createUserAttributeRoute);
