-- Analytics rollups, fed incrementally (see db/schema/analytics.ts and db/analytics/README.md).
-- Statement-level AFTER triggers with transition tables append one grouped delta row per
-- (workspace, metric, day, dimensions) to the pending tables; `refreshRollups` consumes them.
-- Each `analytics_scratch_*` function computes the same facts from the source tables as they
-- are now: the backfill below uses them, and the tests compare the incremental path with them.
-- Days are local dates in the workspace's time zone.

CREATE OR REPLACE FUNCTION analytics_tier_at(p_customer text, p_at timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce((
    SELECT tc.to_tier_id FROM tier_changes tc JOIN loyalty_accounts la ON la.id = tc.account_id
    WHERE la.customer_id = p_customer AND tc.created_at < p_at
    ORDER BY tc.created_at DESC, tc.id DESC LIMIT 1), '')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_score(p_properties jsonb) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN (p_properties->>'score') ~ '^(10|[0-9])$' THEN (p_properties->>'score')::int END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_scratch_daily(p_ws text)
RETURNS TABLE (workspace_id text, metric text, day date, dim1 text, dim2 text, count bigint, amount bigint)
LANGUAGE sql STABLE AS $$
  SELECT f.workspace_id, f.metric, f.day, f.dim1, f.dim2, sum(f.count)::bigint, sum(f.amount)::bigint FROM (
    SELECT c.workspace_id, 'customers_created' AS metric, (c.created_at AT TIME ZONE w.time_zone)::date AS day,
           '' AS dim1, '' AS dim2, 1 AS count, 0::bigint AS amount
      FROM customers c JOIN workspaces w ON w.id = c.workspace_id
    UNION ALL
    SELECT la.workspace_id, 'members_joined', (c.created_at AT TIME ZONE w.time_zone)::date, '', '', 1, 0
      FROM loyalty_accounts la JOIN customers c ON c.id = la.customer_id JOIN workspaces w ON w.id = la.workspace_id
    UNION ALL
    SELECT o.workspace_id, 'orders_by_tier', (o.placed_at AT TIME ZONE w.time_zone)::date,
           analytics_tier_at(o.customer_id, o.placed_at), '', 1, o.amount
      FROM orders o JOIN workspaces w ON w.id = o.workspace_id
    UNION ALL
    SELECT f.workspace_id, 'first_orders', (f.first_at AT TIME ZONE w.time_zone)::date, '', '', 1, 0
      FROM (SELECT workspace_id, customer_id, min(placed_at) AS first_at FROM orders GROUP BY 1, 2) f
      JOIN workspaces w ON w.id = f.workspace_id
    UNION ALL
    SELECT r.workspace_id, 'refunds', (r.created_at AT TIME ZONE w.time_zone)::date, '', '', 1, r.amount
      FROM order_refunds r JOIN workspaces w ON w.id = r.workspace_id
    UNION ALL
    SELECT e.workspace_id, 'points', (e.created_at AT TIME ZONE w.time_zone)::date, e.kind::text,
           CASE WHEN e.points >= 0 THEN 'credit' ELSE 'debit' END, 1, e.points
      FROM ledger_entries e JOIN workspaces w ON w.id = e.workspace_id
    UNION ALL
    SELECT t.workspace_id, 'tier_moves', (t.created_at AT TIME ZONE w.time_zone)::date,
           coalesce(t.from_tier_id, ''), coalesce(t.to_tier_id, ''), 1, 0
      FROM tier_changes t JOIN workspaces w ON w.id = t.workspace_id
    UNION ALL
    SELECT v.workspace_id, 'rewards_issued', (v.created_at AT TIME ZONE w.time_zone)::date, v.reward_id, '', 1, v.points_spent
      FROM vouchers v JOIN workspaces w ON w.id = v.workspace_id
    UNION ALL
    SELECT e.workspace_id, 'nps', (e.occurred_at AT TIME ZONE w.time_zone)::date,
           CASE WHEN analytics_score(e.properties) >= 9 THEN 'promoter'
                WHEN analytics_score(e.properties) >= 7 THEN 'passive' ELSE 'detractor' END, '', 1,
           analytics_score(e.properties)
      FROM events e JOIN workspaces w ON w.id = e.workspace_id
      WHERE e.name = 'survey_response' AND analytics_score(e.properties) IS NOT NULL
    UNION ALL
    SELECT m.workspace_id, 'email_' || m.status::text, (m.created_at AT TIME ZONE w.time_zone)::date,
           m.template_id, coalesce(m.meta->>'journeyId', ''), 1, 0
      FROM message_log m JOIN workspaces w ON w.id = m.workspace_id
    UNION ALL
    SELECT r.workspace_id, 'journey_runs_emailed', (r.first_at AT TIME ZONE w.time_zone)::date, '', r.journey_id, 1, 0
      FROM (SELECT workspace_id, run_id, min(coalesce(meta->>'journeyId', '')) AS journey_id, min(created_at) AS first_at
              FROM message_log GROUP BY 1, 2) r
      JOIN workspaces w ON w.id = r.workspace_id
    UNION ALL
    SELECT m.workspace_id, x.metric, (m.created_at AT TIME ZONE w.time_zone)::date,
           m.template_id, coalesce(m.meta->>'journeyId', ''), 1, 0
      FROM message_engagement_totals t
      JOIN message_log m ON m.id = t.message_log_id
      JOIN workspaces w ON w.id = m.workspace_id
      CROSS JOIN LATERAL (VALUES ('email_opened', t.first_opened_at), ('email_clicked', t.first_clicked_at)) x(metric, at)
      WHERE x.at IS NOT NULL
    UNION ALL
    SELECT m.workspace_id, 'email_' || s.reason, (m.created_at AT TIME ZONE w.time_zone)::date,
           m.template_id, coalesce(m.meta->>'journeyId', ''), 1, 0
      FROM email_suppressions s
      JOIN message_log m ON m.id = s.message_log_id AND m.workspace_id = s.workspace_id
      JOIN workspaces w ON w.id = m.workspace_id
  ) f
  WHERE p_ws IS NULL OR f.workspace_id = p_ws
  GROUP BY 1, 2, 3, 4, 5
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_scratch_customer_days(p_ws text)
RETURNS TABLE (workspace_id text, customer_id text, day date, orders int, revenue bigint, refunded bigint,
               points_earned bigint, points_spent bigint)
LANGUAGE sql STABLE AS $$
  SELECT f.workspace_id, f.customer_id, f.day, sum(f.orders)::int, sum(f.revenue)::bigint, sum(f.refunded)::bigint,
         sum(f.points_earned)::bigint, sum(f.points_spent)::bigint FROM (
    SELECT o.workspace_id, o.customer_id, (o.placed_at AT TIME ZONE w.time_zone)::date AS day,
           1 AS orders, o.amount AS revenue, 0::bigint AS refunded, 0::bigint AS points_earned, 0::bigint AS points_spent
      FROM orders o JOIN workspaces w ON w.id = o.workspace_id
    UNION ALL
    SELECT r.workspace_id, o.customer_id, (r.created_at AT TIME ZONE w.time_zone)::date, 0, 0, r.amount, 0, 0
      FROM order_refunds r JOIN orders o ON o.id = r.order_id JOIN workspaces w ON w.id = r.workspace_id
    UNION ALL
    SELECT e.workspace_id, la.customer_id, (e.created_at AT TIME ZONE w.time_zone)::date, 0, 0, 0,
           CASE WHEN e.kind = 'earn' THEN e.points ELSE 0 END, CASE WHEN e.kind = 'redeem' THEN -e.points ELSE 0 END
      FROM ledger_entries e JOIN loyalty_accounts la ON la.id = e.account_id JOIN workspaces w ON w.id = e.workspace_id
      WHERE e.kind IN ('earn', 'redeem')
  ) f
  WHERE p_ws IS NULL OR f.workspace_id = p_ws
  GROUP BY 1, 2, 3
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_on_customers_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, count)
  SELECT n.workspace_id, 'customers_created', (n.created_at AT TIME ZONE w.time_zone)::date, count(*)
    FROM new_rows n JOIN workspaces w ON w.id = n.workspace_id GROUP BY 1, 3;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_customers_insert AFTER INSERT ON customers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_customers_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_on_loyalty_accounts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, count)
  SELECT n.workspace_id, 'members_joined', (c.created_at AT TIME ZONE w.time_zone)::date, count(*)
    FROM new_rows n JOIN customers c ON c.id = n.customer_id JOIN workspaces w ON w.id = n.workspace_id GROUP BY 1, 3;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_loyalty_accounts_insert AFTER INSERT ON loyalty_accounts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_loyalty_accounts_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_on_orders_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim1, count, amount)
  SELECT n.workspace_id, 'orders_by_tier', (n.placed_at AT TIME ZONE w.time_zone)::date,
         analytics_tier_at(n.customer_id, n.placed_at), count(*), sum(n.amount)
    FROM new_rows n JOIN workspaces w ON w.id = n.workspace_id GROUP BY 1, 3, 4;
  INSERT INTO analytics_pending_customer_days (workspace_id, customer_id, day, orders, revenue)
  SELECT n.workspace_id, n.customer_id, (n.placed_at AT TIME ZONE w.time_zone)::date, count(*), sum(n.amount)
    FROM new_rows n JOIN workspaces w ON w.id = n.workspace_id GROUP BY 1, 2, 3;
  -- A customer's first order counts once, on its day; an older order recorded later moves it.
  -- (Transition tables have no index: they are joined by hash, never probed per row.)
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, count)
  WITH firsts AS (
    SELECT workspace_id, customer_id, min(placed_at) AS new_first FROM new_rows GROUP BY 1, 2
  ), earlier AS (
    SELECT o.workspace_id, o.customer_id, min(o.placed_at) AS old_first
      FROM orders o
      JOIN firsts f ON f.customer_id = o.customer_id AND f.workspace_id = o.workspace_id
      LEFT JOIN new_rows x ON x.id = o.id
     WHERE x.id IS NULL
     GROUP BY 1, 2
  ), moves AS (
    SELECT f.workspace_id, e.old_first AS at, -1 AS sign
      FROM firsts f JOIN earlier e USING (workspace_id, customer_id) WHERE f.new_first < e.old_first
    UNION ALL
    SELECT f.workspace_id, f.new_first, 1
      FROM firsts f LEFT JOIN earlier e USING (workspace_id, customer_id)
     WHERE e.old_first IS NULL OR f.new_first < e.old_first
  )
  SELECT m.workspace_id, 'first_orders', (m.at AT TIME ZONE w.time_zone)::date, sum(m.sign)
    FROM moves m JOIN workspaces w ON w.id = m.workspace_id
   GROUP BY 1, 3;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_orders_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_orders_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_on_order_refunds_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, count, amount)
  SELECT n.workspace_id, 'refunds', (n.created_at AT TIME ZONE w.time_zone)::date, count(*), sum(n.amount)
    FROM new_rows n JOIN workspaces w ON w.id = n.workspace_id GROUP BY 1, 3;
  INSERT INTO analytics_pending_customer_days (workspace_id, customer_id, day, refunded)
  SELECT n.workspace_id, o.customer_id, (n.created_at AT TIME ZONE w.time_zone)::date, sum(n.amount)
    FROM new_rows n JOIN orders o ON o.id = n.order_id JOIN workspaces w ON w.id = n.workspace_id GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_order_refunds_insert AFTER INSERT ON order_refunds REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_order_refunds_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_on_ledger_entries_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim1, dim2, count, amount)
  SELECT n.workspace_id, 'points', (n.created_at AT TIME ZONE w.time_zone)::date, n.kind::text,
         CASE WHEN n.points >= 0 THEN 'credit' ELSE 'debit' END, count(*), sum(n.points)
    FROM new_rows n JOIN workspaces w ON w.id = n.workspace_id GROUP BY 1, 3, 4, 5;
  INSERT INTO analytics_pending_customer_days (workspace_id, customer_id, day, points_earned, points_spent)
  SELECT n.workspace_id, la.customer_id, (n.created_at AT TIME ZONE w.time_zone)::date,
         sum(CASE WHEN n.kind = 'earn' THEN n.points ELSE 0 END), sum(CASE WHEN n.kind = 'redeem' THEN -n.points ELSE 0 END)
    FROM new_rows n JOIN loyalty_accounts la ON la.id = n.account_id JOIN workspaces w ON w.id = n.workspace_id
    WHERE n.kind IN ('earn', 'redeem') GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_ledger_entries_insert AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_ledger_entries_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_on_tier_changes_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim1, dim2, count)
  SELECT n.workspace_id, 'tier_moves', (n.created_at AT TIME ZONE w.time_zone)::date,
         coalesce(n.from_tier_id, ''), coalesce(n.to_tier_id, ''), count(*)
    FROM new_rows n JOIN workspaces w ON w.id = n.workspace_id GROUP BY 1, 3, 4, 5;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_tier_changes_insert AFTER INSERT ON tier_changes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_tier_changes_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_on_vouchers_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim1, count, amount)
  SELECT n.workspace_id, 'rewards_issued', (n.created_at AT TIME ZONE w.time_zone)::date, n.reward_id, count(*), sum(n.points_spent)
    FROM new_rows n JOIN workspaces w ON w.id = n.workspace_id GROUP BY 1, 3, 4;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_vouchers_insert AFTER INSERT ON vouchers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_vouchers_insert();
--> statement-breakpoint
-- A row trigger with a WHEN clause: the condition is checked without calling any function and
-- nothing is captured for other events, so tracking ingestion pays next to nothing for it.
CREATE OR REPLACE FUNCTION analytics_on_survey_response() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim1, count, amount)
  SELECT NEW.workspace_id, 'nps', (NEW.occurred_at AT TIME ZONE w.time_zone)::date,
         CASE WHEN analytics_score(NEW.properties) >= 9 THEN 'promoter'
              WHEN analytics_score(NEW.properties) >= 7 THEN 'passive' ELSE 'detractor' END,
         1, analytics_score(NEW.properties)
    FROM workspaces w
   WHERE w.id = NEW.workspace_id AND analytics_score(NEW.properties) IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_events_insert AFTER INSERT ON events
  FOR EACH ROW WHEN (NEW.name = 'survey_response') EXECUTE FUNCTION analytics_on_survey_response();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_on_message_log_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim1, dim2, count)
  SELECT n.workspace_id, 'email_' || n.status::text, (n.created_at AT TIME ZONE w.time_zone)::date,
         n.template_id, coalesce(n.meta->>'journeyId', ''), count(*)
    FROM new_rows n JOIN workspaces w ON w.id = n.workspace_id GROUP BY 1, 2, 3, 4, 5;
  -- A run's first message: the runs a journey reached by email (runs themselves live in Temporal).
  -- A run's steps send one after another, so two first messages of one run never race.
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim2, count)
  WITH runs AS (
    SELECT workspace_id, run_id, min(coalesce(meta->>'journeyId', '')) AS journey_id, min(created_at) AS first_at
      FROM new_rows GROUP BY 1, 2
  ), seen AS (
    SELECT DISTINCT m.workspace_id, m.run_id
      FROM message_log m
      JOIN runs r ON r.workspace_id = m.workspace_id AND r.run_id = m.run_id
      LEFT JOIN new_rows x ON x.id = m.id
     WHERE x.id IS NULL
  )
  SELECT r.workspace_id, 'journey_runs_emailed', (r.first_at AT TIME ZONE w.time_zone)::date, r.journey_id, count(*)
    FROM runs r
    JOIN workspaces w ON w.id = r.workspace_id
    LEFT JOIN seen s ON s.workspace_id = r.workspace_id AND s.run_id = r.run_id
   WHERE s.run_id IS NULL
   GROUP BY 1, 3, 4;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_message_log_insert AFTER INSERT ON message_log REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_message_log_insert();
--> statement-breakpoint
-- A status change (queued → sent) moves the message from one count to the other.
CREATE OR REPLACE FUNCTION analytics_on_message_log_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim1, dim2, count)
  SELECT r.workspace_id, 'email_' || r.status::text, (r.created_at AT TIME ZONE w.time_zone)::date,
         r.template_id, coalesce(r.meta->>'journeyId', ''), sum(r.sign)
    FROM (
      SELECT o.workspace_id, o.status, o.created_at, o.template_id, o.meta, -1 AS sign
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.status, o.created_at, o.template_id, o.meta->>'journeyId', o.workspace_id)
              IS DISTINCT FROM (n.status, n.created_at, n.template_id, n.meta->>'journeyId', n.workspace_id)
      UNION ALL
      SELECT n.workspace_id, n.status, n.created_at, n.template_id, n.meta, 1
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.status, o.created_at, o.template_id, o.meta->>'journeyId', o.workspace_id)
              IS DISTINCT FROM (n.status, n.created_at, n.template_id, n.meta->>'journeyId', n.workspace_id)
    ) r JOIN workspaces w ON w.id = r.workspace_id
    GROUP BY 1, 2, 3, 4, 5;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_message_log_update AFTER UPDATE ON message_log
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_message_log_update();
--> statement-breakpoint
-- The first open and the first click of a message count once, on the day it was sent.
CREATE OR REPLACE FUNCTION analytics_on_engagement_totals_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim1, dim2, count)
  SELECT m.workspace_id, x.metric, (m.created_at AT TIME ZONE w.time_zone)::date,
         m.template_id, coalesce(m.meta->>'journeyId', ''), count(*)
    FROM new_rows n JOIN message_log m ON m.id = n.message_log_id JOIN workspaces w ON w.id = m.workspace_id
    CROSS JOIN LATERAL (VALUES ('email_opened', n.first_opened_at), ('email_clicked', n.first_clicked_at)) x(metric, at)
    WHERE x.at IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO analytics_clicks (message_log_id, workspace_id, customer_id, template_id, journey_id, clicked_at)
  SELECT m.id, m.workspace_id, m.customer_id, m.template_id, coalesce(m.meta->>'journeyId', ''), n.first_clicked_at
    FROM new_rows n JOIN message_log m ON m.id = n.message_log_id
    WHERE n.first_clicked_at IS NOT NULL
  ON CONFLICT (message_log_id) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_engagement_totals_insert AFTER INSERT ON message_engagement_totals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_engagement_totals_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_on_engagement_totals_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim1, dim2, count)
  SELECT m.workspace_id, x.metric, (m.created_at AT TIME ZONE w.time_zone)::date,
         m.template_id, coalesce(m.meta->>'journeyId', ''), sum(x.sign)
    FROM old_rows o JOIN new_rows n ON n.message_log_id = o.message_log_id
    JOIN message_log m ON m.id = n.message_log_id JOIN workspaces w ON w.id = m.workspace_id
    CROSS JOIN LATERAL (VALUES
      ('email_opened', (n.first_opened_at IS NOT NULL)::int - (o.first_opened_at IS NOT NULL)::int),
      ('email_clicked', (n.first_clicked_at IS NOT NULL)::int - (o.first_clicked_at IS NOT NULL)::int)) x(metric, sign)
    WHERE x.sign <> 0 GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO analytics_clicks (message_log_id, workspace_id, customer_id, template_id, journey_id, clicked_at)
  SELECT m.id, m.workspace_id, m.customer_id, m.template_id, coalesce(m.meta->>'journeyId', ''), n.first_clicked_at
    FROM old_rows o JOIN new_rows n ON n.message_log_id = o.message_log_id JOIN message_log m ON m.id = n.message_log_id
    WHERE o.first_clicked_at IS NULL AND n.first_clicked_at IS NOT NULL
  ON CONFLICT (message_log_id) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_engagement_totals_update AFTER UPDATE ON message_engagement_totals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_engagement_totals_update();
--> statement-breakpoint
-- Bounces, complaints and unsubscribes that name the message they came from.
CREATE OR REPLACE FUNCTION analytics_on_suppressions_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim1, dim2, count)
    SELECT m.workspace_id, 'email_' || n.reason, (m.created_at AT TIME ZONE w.time_zone)::date,
           m.template_id, coalesce(m.meta->>'journeyId', ''), count(*)
      FROM new_rows n JOIN message_log m ON m.id = n.message_log_id AND m.workspace_id = n.workspace_id
      JOIN workspaces w ON w.id = m.workspace_id GROUP BY 1, 2, 3, 4, 5;
  ELSE
    INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim1, dim2, count)
    SELECT m.workspace_id, 'email_' || r.reason, (m.created_at AT TIME ZONE w.time_zone)::date,
           m.template_id, coalesce(m.meta->>'journeyId', ''), sum(r.sign)
      FROM (
        SELECT o.workspace_id, o.reason, o.message_log_id, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.reason, o.message_log_id) IS DISTINCT FROM (n.reason, n.message_log_id)
        UNION ALL
        SELECT n.workspace_id, n.reason, n.message_log_id, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.reason, o.message_log_id) IS DISTINCT FROM (n.reason, n.message_log_id)
      ) r
      JOIN message_log m ON m.id = r.message_log_id AND m.workspace_id = r.workspace_id
      JOIN workspaces w ON w.id = m.workspace_id GROUP BY 1, 2, 3, 4, 5;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_suppressions_insert AFTER INSERT ON email_suppressions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_suppressions_change();
--> statement-breakpoint
CREATE TRIGGER analytics_suppressions_update AFTER UPDATE ON email_suppressions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_suppressions_change();
--> statement-breakpoint
-- Backfill: everything already there becomes pending deltas, added by the first refresh.
INSERT INTO analytics_pending_daily (workspace_id, metric, day, dim1, dim2, count, amount)
  SELECT * FROM analytics_scratch_daily(NULL);
--> statement-breakpoint
INSERT INTO analytics_pending_customer_days (workspace_id, customer_id, day, orders, revenue, refunded, points_earned, points_spent)
  SELECT * FROM analytics_scratch_customer_days(NULL);
--> statement-breakpoint
INSERT INTO analytics_clicks (message_log_id, workspace_id, customer_id, template_id, journey_id, clicked_at)
  SELECT m.id, m.workspace_id, m.customer_id, m.template_id, coalesce(m.meta->>'journeyId', ''), t.first_clicked_at
    FROM message_engagement_totals t JOIN message_log m ON m.id = t.message_log_id
   WHERE t.first_clicked_at IS NOT NULL
ON CONFLICT (message_log_id) DO NOTHING;
