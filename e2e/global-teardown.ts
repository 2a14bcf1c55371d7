// Playwright global teardown: stops the server that global setup started (its whole process group)
// and removes its temporary data. Nothing to do when the suite ran against E2E_BASE_URL.
import { stopServer } from './support/server';

export default async function globalTeardown(): Promise<void> {
  await stopServer();
}
