import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_FILES } from './example-files';
import { jsString, PLACEHOLDER_REDIRECT_URI, renderForApp, shellWord, SNIPPETS, snippetsFor } from './snippets';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

const spaApp = {
  issuer: 'https://auth.example.com',
  clientId: 'c1d2e3',
  redirectUris: ['https://app.example.com/callback', 'http://localhost:5173/callback'],
  postLogoutRedirectUris: ['https://app.example.com/'],
  scopes: ['openid', 'profile', 'offline_access'],
};

describe('integration snippets', () => {
  it('every example file is the snippet rendered with the example’s environment reads (npm run examples:sync)', () => {
    for (const file of EXAMPLE_FILES) {
      const current = fs.readFileSync(path.join(ROOT, file.path), 'utf8');
      expect(current, `${file.path} is out of date: run npm run examples:sync`).toBe(file.content());
    }
  });

  it('the curl example is executable', () => {
    const curl = EXAMPLE_FILES.find((file) => file.path.endsWith('.sh'))!;
    expect(fs.statSync(path.join(ROOT, curl.path)).mode & 0o111).not.toBe(0);
  });

  it('fills a SPA’s snippets with its issuer, client ID and first URIs, as literals', () => {
    const snippets = snippetsFor('spa');
    expect(snippets.map((snippet) => snippet.id)).toEqual(['melody-web', 'melody-react', 'authjs', 'oidc-client-ts', 'api-jose']);
    for (const snippet of snippets) {
      const code = renderForApp(snippet, spaApp);
      expect(code).toContain("'https://auth.example.com'");
      expect(code).toContain("'c1d2e3'");
      expect(code).not.toContain('process.env.TESSERA');
      expect(code).not.toContain('import.meta.env');
    }
    const oidc = renderForApp(SNIPPETS.find((snippet) => snippet.id === 'oidc-client-ts')!, spaApp);
    expect(oidc).toContain("redirect_uri: 'https://app.example.com/callback'");
    expect(oidc).toContain("post_logout_redirect_uri: 'https://app.example.com/'");
  });

  it('shows a placeholder where the app has no redirect URI yet', () => {
    const code = renderForApp(SNIPPETS.find((snippet) => snippet.id === 'melody-web')!, { ...spaApp, redirectUris: [], postLogoutRedirectUris: [] });
    expect(code).toContain(`redirectUri: '${PLACEHOLDER_REDIRECT_URI}'`);
  });

  it('never puts an S2S secret in a snippet: it is read from the environment; the app’s scopes are filled in', () => {
    const app = { ...spaApp, redirectUris: [], postLogoutRedirectUris: [], scopes: ['read_user', 'write_user'] };
    expect(snippetsFor('s2s').map((snippet) => snippet.id)).toEqual(['openid-client', 'curl']);
    const node = renderForApp(SNIPPETS.find((snippet) => snippet.id === 'openid-client')!, app);
    expect(node).toContain('process.env.TESSERA_CLIENT_SECRET!');
    expect(node).toContain("{ scope: 'read_user write_user' }");
    const curl = renderForApp(SNIPPETS.find((snippet) => snippet.id === 'curl')!, app);
    expect(curl).toContain("ISSUER='https://auth.example.com'");
    expect(curl).toContain('CLIENT_SECRET="${TESSERA_CLIENT_SECRET:?set TESSERA_CLIENT_SECRET}"');
    expect(curl).toContain("scope='read_user write_user'");
  });

  it('quotes values so that none can break out of its literal', () => {
    expect(jsString("a'b\\c\nd")).toBe("'a\\'b\\\\c\\nd'");
    expect(new Function(`return ${jsString("x'); alert(1); ('")}`)()).toBe("x'); alert(1); ('");
    expect(shellWord("it's $HOME `id`")).toBe(`'it'\\''s $HOME \`id\`'`);
  });
});
