import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { createTheme, defaultVariantColorsResolver, MantineProvider, parseThemeColor, type CSSVariablesResolver, type VariantColorsResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiProblem } from '../api/client';

// Light tints of these colors are too pale for their own shade 9 as text (under 4.5:1): such
// badges and buttons take near-black text on the tint instead.
const paleColors = new Set(['green', 'yellow', 'orange', 'lime', 'teal', 'cyan']);

/**
 * Mantine's colors with WCAG AA contrast for text: light and subtle variants (badges, the active
 * navigation link, quiet buttons) write their text in the color's darkest shade.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light' && input.variant !== 'subtle') return colors;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  const text = paleColors.has(parsed.color) ? 'var(--mantine-color-dark-7)' : `var(--mantine-color-${parsed.color}-9)`;
  return { ...colors, color: text, hoverColor: text };
};

// Dimmed text (descriptions, captions, hints) and field errors darker than Mantine's, for 4.5:1 on white.
const cssVariablesResolver: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-8)' }, dark: {} });

const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 rather than Mantine's 6: links and white text on filled buttons keep 4.5:1.
  primaryShade: { light: 8, dark: 5 },
  variantColorResolver,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
});

/** Refusals (4xx) are answers, not hiccups: retrying them only delays the message. */
function retry(failures: number, error: unknown): boolean {
  if (error instanceof ApiProblem && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

/** One query client per page load. */
export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry, staleTime: 15_000, refetchOnWindowFocus: false }, mutations: { retry: false } } });
}

/** Mantine, notifications and TanStack Query, as both apps use them. */
export function Providers({ client, children }: { readonly client: QueryClient; readonly children: ReactNode }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
