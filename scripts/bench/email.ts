import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createMailActivities } from '../../activities/mail';
import { connectDatabase, type Database } from '../../db/client';
import { newId } from '../../db/ids';
import { migrateDatabase } from '../../db/migrate';
import { customers } from '../../db/schema';
import { compileEmailTemplate } from '../../emails/compile';
import { createEmailRenderer } from '../../emails/render';
import { starterTemplates } from '../../emails/starter-templates';
import { createMailTransport, sendMail } from '../../emails/transport';
import { freePort } from '../services/free-port';
import { startEmbeddedPostgres } from '../services/postgres';
import { createTestTemplate, createTestWorkspace } from '../test/fixtures';

/**
 * `npm run bench -- email`: the mail pipeline's two promises, measured in one run.
 *
 * 1. Per recipient only Liquid runs: a render from the cache against a full compile (MJML,
 *    text part, Liquid parses) of the same template. Target: ≥ 50× faster.
 * 2. Emails per second through the whole send activity (customer lock, consent and
 *    suppression, message-log claim, render, tracking, SMTP, mark sent) into the SMTP sink,
 *    against a bare nodemailer loop sending the same rendered mail into the same sink at the
 *    same concurrency. Target: ≥ 80 %. Both pay the sink's own storing of each message; the
 *    sink runs in a process of its own, as under `npm start` (the worker never hosts it).
 */
const compiles = 40;
const renders = 4_000;
const mails = 1_500;
const concurrency = 20;

const birthday = starterTemplates.find((t) => t.key === 'birthday')!;

function variablesFor(i: number) {
  return {
    customer: { first_name: `Ada ${i}`, last_name: 'Lovelace', email: `ada${i}@example.test`, locale: 'en' },
    loyalty: { balance: 1000 + i, tier: 'Gold', next_tier: null, points_to_next_tier: null },
    workspace: { name: 'Bench Shop', postal_address: 'Musterstraße 1 · 10115 Berlin' },
    links: {
      member_page: `http://localhost:3000/member/t${i}`,
      unsubscribe: `http://localhost:3000/unsubscribe/t${i}`,
      preferences: `http://localhost:3000/preferences/t${i}`,
    },
    voucher: null,
    event: null,
    steps: {},
  };
}

async function benchRender(): Promise<void> {
  const source = { id: 'bench-birthday', subject: birthday.subject, mjml: birthday.mjml };
  // Warm the MJML code paths once, so the figure is the steady-state compile.
  await compileEmailTemplate({ ...source, id: 'warm-up' });
  let started = performance.now();
  for (let i = 0; i < compiles; i++) await compileEmailTemplate({ ...source, id: `bench-${i}` });
  const compileMs = (performance.now() - started) / compiles;

  const renderer = createEmailRenderer();
  await renderer.prepare(source);
  started = performance.now();
  let bytes = 0;
  for (let i = 0; i < renders; i++) bytes += (await renderer.render(source, variablesFor(i))).html.length;
  const renderMs = (performance.now() - started) / renders;
  console.log('1. Render per recipient vs full compile (birthday starter, English)');
  console.log(
    `   full compile (MJML + text part + Liquid parses): ${compileMs.toFixed(2)} ms (mean of ${compiles})`,
  );
  console.log(
    `   render from cache (subject, HTML, text):          ${renderMs.toFixed(3)} ms (mean of ${renders}, ${Math.round(bytes / renders / 1024)} KB HTML)`,
  );
  console.log(`   ratio: ${(compileMs / renderMs).toFixed(0)}× faster (target ≥ 50×)\n`);
}

/** Emails per second, and this process's CPU milliseconds per email (the sink's are not in it). */
async function runPool(
  count: number,
  work: (i: number) => Promise<void>,
): Promise<{ perSecond: number; cpuMs: number }> {
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    perSecond: count / ((performance.now() - started) / 1000),
    cpuMs: (used.user + used.system) / 1000 / count,
  };
}

async function benchPipeline(db: Database, sinkUrl: string): Promise<void> {
  const workspaceId = await createTestWorkspace(db, 'Bench Shop');
  const templateId = await createTestTemplate(db, workspaceId, {
    subject: birthday.subject,
    mjml: birthday.mjml,
    name: 'Birthday',
  });
  const ids = Array.from({ length: mails }, () => newId('cus'));
  for (let offset = 0; offset < ids.length; offset += 500) {
    await db.insert(customers).values(
      ids.slice(offset, offset + 500).map((id, i) => ({
        id,
        workspaceId,
        externalId: id,
        email: `bench${offset + i}@example.test`,
        firstName: `Ada ${offset + i}`,
        marketingConsent: true,
        marketingConsentAt: new Date(),
      })),
    );
  }

  const transport = createMailTransport(sinkUrl);
  try {
    const renderer = createEmailRenderer();
    const source = { id: 'bare', subject: birthday.subject, mjml: birthday.mjml };
    const sample = await renderer.render(source, variablesFor(0));
    // The bare loop: nodemailer and the sink, nothing of ours.
    const bare = await runPool(mails, async (i) => {
      await sendMail(transport, {
        from: 'Bench <bench@demo-shop.test>',
        to: { address: `bare${i}@example.test` },
        subject: sample.subject,
        html: sample.html,
        text: sample.text,
        messageId: `<bare-${i}-${newId('m')}@demo-shop.test>`,
      });
    });

    const { sendEmail } = createMailActivities({
      db,
      transport,
      mailFrom: 'Bench <bench@demo-shop.test>',
      appUrl: 'http://localhost:3000',
      appSecret: 'bench-secret-0123456789abcdef0123456789',
    });
    const runTag = newId('run');
    let notSent = 0;
    const pipeline = await runPool(mails, async (i) => {
      const result = await sendEmail({
        workspaceId,
        journeyId: 'jrn_bench',
        journeyVersion: 1,
        customerId: ids[i]!,
        runId: `journey:jrn_bench:${ids[i]}:${runTag}`,
        stepId: 'email',
        templateId,
      });
      if (result.status !== 'sent') notSent++;
    });
    console.log(`2. Emails per second into the SMTP sink (${mails} mails, ${concurrency} at a time)`);
    console.log(
      `   bare nodemailer loop:  ${bare.perSecond.toFixed(0)} emails/s (${bare.cpuMs.toFixed(2)} ms CPU per email in the sender)`,
    );
    console.log(
      `   whole send pipeline:   ${pipeline.perSecond.toFixed(0)} emails/s (${pipeline.cpuMs.toFixed(2)} ms CPU per email in the sender)${notSent ? ` (${notSent} not sent!)` : ''}`,
    );
    console.log(`   ratio: ${((pipeline.perSecond / bare.perSecond) * 100).toFixed(0)} % (target ≥ 80 %)`);
  } finally {
    transport.close();
  }
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs\n`);
  await benchRender();

  const dir = await mkdtemp(path.join(os.tmpdir(), 'journeys-bench-email-'));
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort() });
  const handle = connectDatabase(pg.url, { max: 10 });
  try {
    await migrateDatabase(pg.url);
    // The sink in a process of its own, as `npm start` runs it apart from the worker.
    const sinkPort = await freePort();
    const here = path.dirname(fileURLToPath(import.meta.url));
    const sink = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'smtp-sink-process.ts'), pg.url, String(sinkPort)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const [ready] = (await once(sink.stdout!, 'data')) as [Buffer];
      if (!ready.toString().startsWith('ready'))
        throw new Error(`the SMTP sink did not start: ${ready.toString()}`);
      await benchPipeline(handle.db, `smtp://127.0.0.1:${sinkPort}`);
    } finally {
      sink.kill('SIGTERM');
      await once(sink, 'exit');
    }
  } finally {
    await handle.close();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
