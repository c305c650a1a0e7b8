/** Before the Chromium benchmarks: the production builds they load (build-web.ts). */
import { buildBenchWeb } from './build-web';

export default async function globalSetup(): Promise<void> {
  if (process.env.BENCH_SKIP_BUILD === '1') return;
  const started = Date.now();
  await buildBenchWeb();
  console.log(
    `bench: production builds (dist, pane, harness) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
