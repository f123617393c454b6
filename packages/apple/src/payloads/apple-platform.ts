/** The Apple platforms Ward manages with MDM profiles. */
export const applePlatforms = ['ios', 'ipados', 'macos'] as const;
export type ApplePlatform = (typeof applePlatforms)[number];
