// Type-checks every example app (examples/<name>/tsconfig.json) with the repository's TypeScript
// and node_modules (the examples are excluded from the root tsconfig: each has its own settings).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const examples = path.join(root, 'examples');
let failed = 0;
for (const name of fs.readdirSync(examples).sort()) {
  if (!fs.existsSync(path.join(examples, name, 'tsconfig.json'))) continue;
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', path.join('examples', name)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`[typecheck] examples/${name} failed`);
  }
}
process.exit(failed ? 1 : 0);
