import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, request } from '@playwright/test';
import { checkTemplateSteps } from '../../server/journeys/check-template-steps';
import { compileJourney } from '../../workflows/journey/compiler';
import { readDemoLogin } from '../services/demo-login';
import { freePort } from '../services/free-port';
import { trpcMutation } from '../../e2e/trpc-api';
import { largeJourneyGraph } from './large-journey';

/**
 * `npm run bench -- editor`: the journey editor with a 300-step journey. Prints figures;
 * nothing is asserted.
 *
 * 1. Compile time of the graph (what Publish runs on the server and what the editor runs
 *    in the browser on every settled edit), median of 30.
 * 2. Time to open the journey in the editor until it is interactive: from navigation to
 *    steps drawn, and to a click on a step showing its settings, in Debian's Chromium
 *    against the whole stack (`scripts/start.ts` on ports of its own, a fresh data
 *    directory). The web app runs `next dev`, as under `npm start` (development React), or
 *    with `WEB_MODE=production` a production build, as the e2e suite runs it. The first open
 *    (which under `next dev` compiles the page) is reported apart; the figure is the median
 *    of the next five.
 */
const steps = 300;
const opens = 5;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

function compileFigures() {
  const graph = largeJourneyGraph(steps);
  const context = {
    journeyId: 'bench',
    workspaceId: 'bench',
    version: 1,
    templateIds: new Set<string>(),
    rewardIds: new Set<string>(),
    tierIds: new Set<string>(),
  };
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    const result = compileJourney(graph, context);
    checkTemplateSteps(graph, new Map());
    times.push(performance.now() - started);
    if (!result.ok) throw new Error(`the bench journey does not compile: ${result.errors[0]?.message}`);
  }
  console.log(
    `editor  compile a ${steps}-step journey: median ${ms(median(times))} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}, 30 runs)`,
  );
}

async function waitForHealth(url: string, stack: ChildProcess, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (stack.exitCode !== null) throw new Error(`the stack exited with ${stack.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`the stack did not answer ${url}/api/health within ${timeoutMs / 1000} s`);
}

async function openFigures() {
  // Inside the clone like the e2e stack's: embedded Postgres runs as a user that cannot enter root's temp dirs.
  const dataDir = path.resolve('.data/bench-editor');
  await rm(dataDir, { recursive: true, force: true });
  const [web, postgres, temporal, temporalUi, smtp] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const baseURL = `http://127.0.0.1:${web}`;
  const stack = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      RESET_DATA: '1',
      NEXT_DIST_DIR: '.next-bench',
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      TEMPORAL_UI_URL: '',
      SMTP_URL: '',
      PORT: String(web),
      POSTGRES_PORT: String(postgres),
      TEMPORAL_PORT: String(temporal),
      TEMPORAL_UI_PORT: String(temporalUi),
      SMTP_SINK_PORT: String(smtp),
      APP_URL: baseURL,
      ANALYTICS_REFRESH_SECONDS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const startedAt = performance.now();
    await waitForHealth(baseURL, stack, 300_000);
    console.log(`editor  stack up in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
    const login = await readDemoLogin(dataDir);
    if (!login) throw new Error(`no demo login in ${dataDir}`);
    const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
    const signedIn = await api.post('/api/auth/sign-in/email', { data: login });
    if (!signedIn.ok()) throw new Error(`sign-in failed: HTTP ${signedIn.status()}`);
    const { id } = await trpcMutation<{ id: string }>(api, 'journeys.create', { name: `${steps} steps` });
    await trpcMutation(api, 'journeys.saveDraft', { id, graph: largeJourneyGraph(steps) });
    // The same page with a 3-step journey: what the page costs without the steps.
    const { id: smallId } = await trpcMutation<{ id: string }>(api, 'journeys.create', { name: '3 steps' });
    await trpcMutation(api, 'journeys.saveDraft', { id: smallId, graph: largeJourneyGraph(3) });
    const storageState = await api.storageState();
    await api.dispose();

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const context = await browser.newContext({ storageState, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const open = async (journeyId = id) => {
        const started = performance.now();
        await page.goto(`${baseURL}/journeys/${journeyId}`);
        await page.locator('.react-flow__node').first().waitFor();
        const drawn = performance.now() - started;
        await page.locator('.react-flow__node-award_points .journey-node__head').first().click();
        await page.getByTestId('remove-step').waitFor();
        return { drawn, interactive: performance.now() - started };
      };
      const first = await open();
      console.log(
        `editor  first open (under next dev it compiles the page): interactive in ${ms(first.interactive)}`,
      );
      const runs = [];
      for (let i = 0; i < opens; i++) runs.push(await open());
      const rendered = await page.locator('.react-flow__node').count();
      const small = [];
      for (let i = 0; i < opens; i++) small.push(await open(smallId));
      console.log(
        `editor  open a ${steps}-step journey: steps drawn in ${ms(median(runs.map((r) => r.drawn)))}, ` +
          `interactive (a click shows the step's settings) in ${ms(median(runs.map((r) => r.interactive)))} ` +
          `(median of ${opens}; ${rendered} of ${steps} steps in view are drawn, the rest as they scroll in)`,
      );
      console.log(
        `editor  the same page with a 3-step journey: drawn in ${ms(median(small.map((r) => r.drawn)))}, ` +
          `interactive in ${ms(median(small.map((r) => r.interactive)))}`,
      );
    } finally {
      await browser.close();
    }
  } finally {
    stack.kill('SIGTERM');
    await new Promise((resolve) => stack.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

compileFigures();
await openFigures();
