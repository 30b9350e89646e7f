import type { JourneySettings } from '../../../workflows/journey/settings';

/** What the closed settings card lists: only the settings that differ from "no limit". */
export function journeySettingsSummary(settings: JourneySettings) {
  return {
    reentry: settings.reentry,
    period: settings.reentryPeriod,
    goal: settings.goal?.eventName || null,
    quietHours: settings.quietHours,
    emailCap: settings.emailCap,
  };
}
