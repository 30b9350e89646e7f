import {
  Cake,
  CalendarDays,
  Circle,
  CircleMinus,
  Ear,
  Gift,
  GitFork,
  Hourglass,
  IdCard,
  LogOut,
  Mail,
  Medal,
  MousePointerClick,
  Scale,
  Shuffle,
  Star,
  Timer,
  TrendingUp,
  Users,
  Webhook,
  Zap,
  type LucideIcon,
} from 'lucide-react';

/**
 * The step types' icons, drawn as SVG (lucide): the catalog's emoji rendered as empty boxes
 * where the system has no emoji font (Debian's Chromium, many Linux desktops), and differ in
 * look from one system to the next. Keyed by node type; a type without one gets a plain dot.
 */
const icons: Record<string, LucideIcon> = {
  trigger_birthday: Cake,
  trigger_date_anniversary: CalendarDays,
  trigger_event: Zap,
  trigger_manual: MousePointerClick,
  trigger_points_expiring: Hourglass,
  trigger_segment_entered: Users,
  trigger_tier_changed: TrendingUp,
  award_points: Star,
  deduct_points: CircleMinus,
  issue_reward: Gift,
  recalculate_tier: Medal,
  send_email: Mail,
  update_profile: IdCard,
  webhook: Webhook,
  delay: Timer,
  wait_for_event: Ear,
  condition: GitFork,
  loyalty_condition: Scale,
  random_split: Shuffle,
  exit: LogOut,
};

export function NodeIcon({ type, size = 16 }: { type: string; size?: number }) {
  const Icon = icons[type] ?? Circle;
  return <Icon aria-hidden focusable={false} size={size} strokeWidth={2} className="node-icon" />;
}
