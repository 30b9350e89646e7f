import { redirect } from 'next/navigation';

export default function LoyaltyPage() {
  redirect('/loyalty/earning');
}
