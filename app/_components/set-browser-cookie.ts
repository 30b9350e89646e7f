/**
 * Sets a first-party cookie for the whole app from the browser: path=/ so every route's
 * server render sees it, SameSite=Lax so it travels on normal navigation only.
 */
export function setBrowserCookie(name: string, value: string, maxAgeSeconds: number): void {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${maxAgeSeconds}; samesite=lax`;
}
