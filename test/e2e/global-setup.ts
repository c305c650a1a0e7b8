/**
 * Before any spec: the services' ports, then one development build of the task pane configured for them,
 * shared by every worker (there is one: see playwright.config.ts).
 */
import { buildPane, chooseServicePorts } from './build-pane';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  await buildPane(await chooseServicePorts());
  console.log(`e2e: task pane built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
