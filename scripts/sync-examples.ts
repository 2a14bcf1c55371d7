// npm run examples:sync — writes the example files rendered from the integration snippets
// (lib/integration/example-files.ts). `--check` only reports drift (exit 1), as the unit test does.
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLE_FILES } from '../lib/integration/example-files';

const root = path.resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
let drifted = 0;
for (const file of EXAMPLE_FILES) {
  const target = path.join(root, file.path);
  const wanted = file.content();
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (current === wanted) continue;
  drifted++;
  if (check) {
    console.log(`out of date: ${file.path}`);
    continue;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, wanted, { mode: file.executable ? 0o755 : 0o644 });
  console.log(`wrote ${file.path}`);
}
if (check && drifted) process.exit(1);
if (!drifted) console.log('examples are up to date');
