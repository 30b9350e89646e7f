'use client';

import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import type { RedeemableReward } from '../../../db/rewards/redeemable';
import { useRewardKindLabel, useRewardValueText } from '../../loyalty/rewards/reward-labels';

interface Issued {
  code: string;
  rewardName: string;
  expiresAt: string | null;
}

type Failure = { kind: 'refused'; reason: string } | { kind: 'failed' };

/**
 * The rewards a member can trade points for. Redeeming takes two taps (choose, confirm);
 * the confirmation carries a key made once, so a double tap or a retried request redeems
 * once. The new voucher code is shown at the top until the member closes it.
 */
export function RewardsCard({
  token,
  rewards,
  currency,
}: {
  token: string;
  rewards: RedeemableReward[];
  currency: string;
}) {
  const t = useTranslations('memberRewards');
  const format = useFormatter();
  const router = useRouter();
  const kindLabel = useRewardKindLabel();
  const valueText = useRewardValueText(currency);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [copied, setCopied] = useState(false);
  const idempotencyKey = useRef<string | null>(null);
  // Rewards that ended can never become redeemable again: no point listing them.
  const shown = rewards.filter((reward) => reward.reason !== 'ended');

  function choose(rewardId: string | null) {
    setConfirming(rewardId);
    setFailure(null);
    // One key per confirmation: a second tap on "Confirm" reuses it, a new choice does not.
    idempotencyKey.current = rewardId ? crypto.randomUUID() : null;
  }

  async function redeem(reward: RedeemableReward) {
    if (pending || !idempotencyKey.current) return;
    setPending(true);
    setFailure(null);
    try {
      const response = await fetch(`/api/member/${encodeURIComponent(token)}/redemptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rewardId: reward.id, idempotencyKey: idempotencyKey.current }),
      });
      const body = (await response.json().catch(() => null)) as
        (Partial<Issued> & { error?: string; reason?: string }) | null;
      if (response.ok && body?.code && body.rewardName !== undefined) {
        setIssued({ code: body.code, rewardName: body.rewardName, expiresAt: body.expiresAt ?? null });
        setCopied(false);
        choose(null);
        router.refresh();
      } else if (body?.error === 'unavailable' && body.reason) {
        setFailure({ kind: 'refused', reason: body.reason });
        router.refresh();
      } else {
        setFailure({ kind: 'failed' });
      }
    } catch {
      // No answer: the key stays, so trying again cannot redeem twice.
      setFailure({ kind: 'failed' });
    } finally {
      setPending(false);
    }
  }

  function whyNot(reward: RedeemableReward): string {
    switch (reward.reason) {
      case 'insufficient_points':
        return t('needMore', { points: reward.pointsShort });
      case 'tier_required':
        return t('tierOnly', { tier: reward.minTierName ?? '' });
      case 'out_of_stock':
        return t('soldOut');
      case 'limit_reached':
        return t('limitReached');
      case 'not_started':
        return reward.availableFrom
          ? t('availableFrom', { date: format.dateTime(reward.availableFrom, { dateStyle: 'medium' }) })
          : t('notYet');
      default:
        return t('unavailable');
    }
  }

  function refusalText(reason: string): string {
    switch (reason) {
      case 'insufficient_points':
        return t('refused.insufficient_points');
      case 'out_of_stock':
        return t('refused.out_of_stock');
      case 'limit_reached':
        return t('refused.limit_reached');
      case 'tier_required':
        return t('refused.tier_required');
      default:
        return t('refused.other');
    }
  }

  async function copy(code: string) {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <section className="customer-card" data-testid="member-rewards">
      <h2>{t('title')}</h2>
      {issued && (
        <div className="member-voucher-issued" role="status" data-testid="member-voucher-issued">
          <p className="member-voucher-issued__title">{t('issuedTitle', { reward: issued.rewardName })}</p>
          <p className="member-voucher-code" data-testid="member-voucher-code">
            {issued.code}
          </p>
          <p className="muted">
            {issued.expiresAt
              ? t('issuedValidUntil', {
                  date: format.dateTime(new Date(issued.expiresAt), { dateStyle: 'medium' }),
                })
              : t('issuedNoExpiry')}
          </p>
          <div className="member-reward__actions">
            <button
              type="button"
              className="button button--primary member-button"
              onClick={() => void copy(issued.code)}
            >
              {copied ? t('copied') : t('copy')}
            </button>
            <button type="button" className="button member-button" onClick={() => setIssued(null)}>
              {t('close')}
            </button>
          </div>
        </div>
      )}
      {shown.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ul className="member-rewards" data-testid="member-reward-list">
          {shown.map((reward) => (
            <li
              key={reward.id}
              className="member-reward"
              data-testid="member-reward"
              data-reward-id={reward.id}
              data-eligible={reward.eligible}
            >
              <div className="member-reward__main">
                <span className="member-reward__name">{reward.name}</span>
                {reward.value !== null && (
                  <span className="muted">
                    {kindLabel(reward.kind)} · {valueText(reward.kind, reward.value)}
                  </span>
                )}
                {reward.description && <span className="muted">{reward.description}</span>}
                <span className="member-reward__cost" data-testid="member-reward-cost">
                  {t('cost', { points: reward.pointsCost })}
                </span>
              </div>
              {confirming === reward.id ? (
                <div className="member-reward__confirm" data-testid="member-reward-confirm">
                  <p>{t('confirmText', { reward: reward.name, points: reward.pointsCost })}</p>
                  <div className="member-reward__actions">
                    <button
                      type="button"
                      className="button button--primary member-button"
                      disabled={pending}
                      onClick={() => void redeem(reward)}
                      data-testid="member-reward-confirm-button"
                    >
                      {pending ? t('redeeming') : t('confirm')}
                    </button>
                    <button
                      type="button"
                      className="button member-button"
                      disabled={pending}
                      onClick={() => choose(null)}
                    >
                      {t('cancel')}
                    </button>
                  </div>
                  {failure && (
                    <p className="member-reward__error" role="alert" data-testid="member-reward-error">
                      {failure.kind === 'refused' ? refusalText(failure.reason) : t('failed')}
                    </p>
                  )}
                </div>
              ) : reward.eligible ? (
                <button
                  type="button"
                  className="button button--primary member-button"
                  onClick={() => choose(reward.id)}
                  data-testid="member-reward-redeem"
                >
                  {t('redeem')}
                </button>
              ) : (
                <span
                  className="member-reward__why"
                  data-testid="member-reward-why"
                  data-reason={reward.reason}
                >
                  {whyNot(reward)}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
