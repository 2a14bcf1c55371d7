import { handle } from '@/lib/api/define';
import { createSamlIdpRoute, listSamlIdpsRoute } from '@/lib/api/routes/saml-idps';

export const dynamic = 'force-dynamic';
export const GET = handle(listSamlIdpsRoute);
export const POST = handle(createSamlIdpRoute);
