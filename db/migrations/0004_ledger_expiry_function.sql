-- When a lot earned at `earned_at` expires under an expiry rule (see db/ledger/expiry-rule.ts),
-- with calendar math in the workspace's zone: "12 months" keeps the local time of day and
-- clamps to the month's end (31 Jan + 1 month = 28 Feb), "end of period" is the start of the
-- next local month, quarter or year (a lot is due once expires_at <= now). In SQL, so an
-- award resolves its expiry inside the one statement that writes it. An unknown rule raises
-- CASE_NOT_FOUND instead of guessing.
CREATE OR REPLACE FUNCTION ledger_expires_at(rule jsonb, earned_at timestamptz, time_zone text)
RETURNS timestamptz
LANGUAGE plpgsql STABLE
AS $$
DECLARE
  local_earned timestamp := earned_at AT TIME ZONE time_zone;
BEGIN
  CASE rule->>'kind'
    WHEN 'never' THEN
      RETURN NULL;
    WHEN 'months' THEN
      RETURN (local_earned + make_interval(months => (rule->>'months')::integer)) AT TIME ZONE time_zone;
    WHEN 'end_of_period' THEN
      CASE rule->>'period'
        WHEN 'month' THEN
          RETURN (date_trunc('month', local_earned) + interval '1 month') AT TIME ZONE time_zone;
        WHEN 'quarter' THEN
          RETURN (date_trunc('quarter', local_earned) + interval '3 months') AT TIME ZONE time_zone;
        WHEN 'year' THEN
          RETURN (date_trunc('year', local_earned) + interval '1 year') AT TIME ZONE time_zone;
      END CASE;
  END CASE;
END;
$$;
