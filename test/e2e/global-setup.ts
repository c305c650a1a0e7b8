/** Before any spec: one development build of the task pane, shared by every worker. */
import { buildPane } from './build-pane';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  await buildPane();
  console.log(`e2e: task pane built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
