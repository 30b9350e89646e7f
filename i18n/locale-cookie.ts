/**
 * The cookie that remembers the viewer's UI language. It is per browser for now: there are
 * no user accounts yet; once there are, the choice moves to the user's profile.
 */
export const localeCookie = 'locale';

/** A year, like the workspace cookie: a language choice is not something to ask again soon. */
export const localeCookieMaxAgeSeconds = 60 * 60 * 24 * 365;
