import { redirect } from 'next/navigation';

/** The section opens on the dashboard, keeping a period given in the URL. */
export default async function AnalyticsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    if (typeof value === 'string') params.set(key, value);
  }
  const query = params.toString();
  redirect(query ? `/analytics/dashboard?${query}` : '/analytics/dashboard');
}
