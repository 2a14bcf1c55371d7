import express, { type NextFunction, type Request, type Response } from 'express';
import { hasRole, hasScope, verifyAccessToken, type AccessToken } from './verify-token';

// An API that accepts Tessera access tokens (RFC 6750 bearer tokens):
//   GET /api/health   public
//   GET /api/me       any valid token of TESSERA_AUDIENCE's users          (else 401)
//   GET /api/reports  the token must carry the scope read:reports          (else 403)
//   GET /api/admin    the user must hold the role ADMIN_ROLE ("admin")     (else 403)
const port = Number(process.env.PORT ?? 4000);
const corsOrigin = process.env.CORS_ORIGIN;
const adminRole = process.env.ADMIN_ROLE ?? 'admin';

type Authenticated = Response<unknown, { token: AccessToken }>;

const app = express();
app.disable('x-powered-by');

// The browser app's origin may call the API with an Authorization header (no cookies).
app.use((request, response, next) => {
  if (corsOrigin && request.get('origin') === corsOrigin) {
    response.set({ 'access-control-allow-origin': corsOrigin, 'access-control-allow-headers': 'Authorization', vary: 'Origin' });
  }
  if (request.method === 'OPTIONS') return void response.sendStatus(204);
  next();
});

/** 401 without a valid token (RFC 6750 §3: WWW-Authenticate says why), else the claims in response.locals.token. */
async function requireToken(request: Request, response: Authenticated, next: NextFunction) {
  const bearer = /^Bearer ([\w.~+/-]+=*)$/i.exec(request.get('authorization') ?? '')?.[1];
  if (!bearer) {
    response.status(401).set('www-authenticate', 'Bearer realm="api"').json({ error: 'unauthorized' });
    return;
  }
  try {
    response.locals.token = await verifyAccessToken(bearer);
  } catch {
    // bad signature, other issuer or audience, expired, not an access token
    response.status(401).set('www-authenticate', 'Bearer realm="api", error="invalid_token"').json({ error: 'invalid_token' });
    return;
  }
  next();
}

/** 403 unless the token carries `scope`. */
const requireScope = (scope: string) => (_request: Request, response: Authenticated, next: NextFunction) => {
  if (hasScope(response.locals.token, scope)) return next();
  response.status(403).set('www-authenticate', `Bearer realm="api", error="insufficient_scope", scope="${scope}"`).json({ error: 'insufficient_scope', scope });
};

/** 403 unless the user holds `role` (the token's roles claim). */
const requireRole = (role: string) => (_request: Request, response: Authenticated, next: NextFunction) => {
  if (hasRole(response.locals.token, role)) return next();
  response.status(403).json({ error: 'forbidden', role });
};

app.get('/api/health', (_request, response) => {
  response.json({ ok: true });
});

app.get('/api/me', requireToken, (_request, response: Authenticated) => {
  const { sub, scope, roles } = response.locals.token;
  response.json({ sub, scope, roles: roles ?? [] });
});

app.get('/api/reports', requireToken, requireScope('read:reports'), (_request, response: Authenticated) => {
  response.json({ reports: [{ id: 1, title: 'Quarterly sign-ins' }], for: response.locals.token.sub });
});

app.get('/api/admin', requireToken, requireRole(adminRole), (_request, response: Authenticated) => {
  response.json({ admin: true, sub: response.locals.token.sub });
});

app.listen(port, () => console.log(`API listening on http://localhost:${port}`));
