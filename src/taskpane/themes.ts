/** The dark and high-contrast themes: loaded only when the host asks for them (the light one is in the first bundle). */
import { teamsHighContrastTheme, webDarkTheme } from '@fluentui/react-components';

export const darkTheme = webDarkTheme;
export const contrastTheme = teamsHighContrastTheme;
