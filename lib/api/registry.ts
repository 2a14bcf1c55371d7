import type { ApiRoute } from './define';
import * as apiKeys from './routes/api-keys';
import * as appBanners from './routes/app-banners';
import * as apps from './routes/apps';
import * as auditEvents from './routes/audit-events';
import * as logs from './routes/logs';
import * as orgGroups from './routes/org-groups';
import * as orgs from './routes/orgs';
import * as roles from './routes/roles';
import * as samlIdps from './routes/saml-idps';
import * as scopes from './routes/scopes';
import * as signingKeys from './routes/signing-keys';
import * as stats from './routes/stats';
import * as userAccount from './routes/user-account';
import * as userAttributes from './routes/user-attributes';
import * as userInvitations from './routes/user-invitations';
import * as userOrgs from './routes/user-orgs';
import * as users from './routes/users';
import * as webhooks from './routes/webhooks';

/** Every S2S API operation, in document order: the OpenAPI document is built from this list. */
export const apiRoutes: readonly ApiRoute[] = [...Object.values(scopes), ...Object.values(apps), ...Object.values(roles), ...Object.values(appBanners), ...Object.values(logs), ...Object.values(samlIdps), ...Object.values(signingKeys), ...Object.values(users), ...Object.values(userAccount), ...Object.values(userInvitations), ...Object.values(orgs), ...Object.values(orgGroups), ...Object.values(userOrgs), ...Object.values(userAttributes), ...Object.values(auditEvents), ...Object.values(stats), ...Object.values(webhooks), ...Object.values(apiKeys)];
