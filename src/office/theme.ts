/**
 * Office's display language and theme, so the pane can match the host. Outside Office: undefined, and the UI
 * uses the browser's languages and its own light theme.
 */
import { officeContext } from './host';

export { officeDisplayLanguage } from './office-ready';

export interface OfficeThemeColors {
  readonly bodyBackgroundColor: string;
  readonly bodyForegroundColor: string;
  readonly controlBackgroundColor: string;
  readonly controlForegroundColor: string;
  /**
   * Whether the host is in a dark theme. Outlook does not set `isDarkTheme`, so it is worked out from the
   * body background's luminance when the host does not say.
   */
  readonly isDark: boolean;
}

/** Relative luminance (0 black … 1 white) of a `#rrggbb` or `#rgb` colour, or undefined if it is not one. */
export function luminanceOf(color: string): number | undefined {
  const hex = color.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return undefined;
  const channel = (offset: number): number => {
    const value = parseInt(full.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** The host's theme colours, or undefined outside Office or when the host gives none. */
export function getOfficeTheme(): OfficeThemeColors | undefined {
  const context = officeContext();
  let theme: Office.OfficeTheme | undefined;
  try {
    theme = context?.officeTheme;
  } catch {
    return undefined;
  }
  if (theme === undefined || theme === null || typeof theme.bodyBackgroundColor !== 'string')
    return undefined;
  const declared: unknown = (theme as Partial<Office.OfficeTheme>).isDarkTheme;
  const luminance = luminanceOf(theme.bodyBackgroundColor);
  return {
    bodyBackgroundColor: theme.bodyBackgroundColor,
    bodyForegroundColor: String(theme.bodyForegroundColor ?? ''),
    controlBackgroundColor: String(theme.controlBackgroundColor ?? ''),
    controlForegroundColor: String(theme.controlForegroundColor ?? ''),
    isDark: typeof declared === 'boolean' ? declared : luminance !== undefined && luminance < 0.2,
  };
}
