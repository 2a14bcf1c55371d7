import { handle } from '@/lib/api/define';
import { deleteSamlIdpRoute, getSamlIdpRoute, updateSamlIdpRoute } from '@/lib/api/routes/saml-idps';

export const dynamic = 'force-dynamic';
export const GET = handle(getSamlIdpRoute);
export const PUT = handle(updateSamlIdpRoute);
export const DELETE = handle(deleteSamlIdpRoute);
