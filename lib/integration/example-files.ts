// The example files rendered from the integration snippets (lib/integration/snippets.ts), with
// the environment reads each example uses in place of the dashboard's literal values.
// `npm run examples:sync` writes them; example-files.test.ts fails when a file drifts.
import { SECRET_ENV, SNIPPETS, type S2sSlots, type Snippet, type SnippetId, type SpaSlots } from './snippets';

const vite = (name: string) => `import.meta.env.VITE_TESSERA_${name}`;
const viteSpa: SpaSlots = {
  issuer: vite('ISSUER'),
  clientId: vite('CLIENT_ID'),
  redirectUri: vite('REDIRECT_URI'),
  postLogoutRedirectUri: vite('POST_LOGOUT_REDIRECT_URI'),
};

/** Per snippet: the example's slot expressions. */
const EXAMPLE_SLOTS: Record<SnippetId, SpaSlots | S2sSlots> = {
  'melody-web': viteSpa,
  'melody-react': viteSpa,
  'oidc-client-ts': viteSpa,
  // Auth.js's own naming for a provider with id "tessera"
  authjs: {
    issuer: 'process.env.AUTH_TESSERA_ISSUER!',
    clientId: 'process.env.AUTH_TESSERA_ID!',
    redirectUri: "''",
    postLogoutRedirectUri: 'process.env.TESSERA_POST_LOGOUT_REDIRECT_URI!',
  },
  'api-jose': { issuer: 'process.env.TESSERA_ISSUER!', clientId: 'process.env.TESSERA_AUDIENCE!', redirectUri: "''", postLogoutRedirectUri: "''" },
  'openid-client': {
    issuer: 'process.env.TESSERA_ISSUER!',
    clientId: 'process.env.TESSERA_CLIENT_ID!',
    clientSecret: SECRET_ENV.ts,
    scope: "process.env.TESSERA_SCOPE ?? 'read_user'",
  },
  curl: {
    issuer: '"${TESSERA_ISSUER:?set TESSERA_ISSUER}"',
    clientId: '"${TESSERA_CLIENT_ID:?set TESSERA_CLIENT_ID}"',
    clientSecret: SECRET_ENV.sh,
    scope: '"${TESSERA_SCOPE:-read_user}"',
  },
};

function header(snippet: Snippet): string {
  const comment = snippet.language === 'sh' ? '#' : '//';
  return (
    `${comment} Generated from lib/integration/snippets.ts (snippet "${snippet.id}") by \`npm run examples:sync\`:\n` +
    `${comment} the dashboard's Integrate tab shows this same code with an app's own values. Edit the snippet, not this file.\n`
  );
}

/** The content of a snippet's example file. */
export function exampleFileContent(snippet: Snippet): string {
  const slots = EXAMPLE_SLOTS[snippet.id];
  const code = snippet.appType === 'spa' ? snippet.render(slots as SpaSlots) : snippet.render(slots as S2sSlots);
  if (code.startsWith('#!')) {
    const newline = code.indexOf('\n') + 1;
    return code.slice(0, newline) + header(snippet) + code.slice(newline);
  }
  return header(snippet) + code;
}

export const EXAMPLE_FILES: readonly { path: string; content: () => string; executable: boolean }[] = SNIPPETS.map((snippet) => ({
  path: snippet.exampleFile,
  content: () => exampleFileContent(snippet),
  executable: snippet.language === 'sh',
}));
