/** What the banner reports: a wipe that happened, or why work notes are unavailable. */
export type BannerKind = 'wiped' | 'blocked' | 'error' | 'info';

/** Shows `text` in the page's alert banner (an ARIA live region, so screen readers announce it). */
export function showBanner(kind: BannerKind, text: string): void {
  const banner = document.getElementById('banner');
  if (banner === null) return;
  banner.dataset.kind = kind;
  banner.textContent = text;
  banner.hidden = false;
}

/** Hides the banner. */
export function hideBanner(): void {
  const banner = document.getElementById('banner');
  if (banner === null) return;
  banner.hidden = true;
  banner.textContent = '';
  delete banner.dataset.kind;
}
