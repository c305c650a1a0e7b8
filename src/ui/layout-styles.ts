/** Griffel style objects several views lay out alike (each view still makes its own classes with makeStyles). */
import { tokens, type GriffelStyle } from '@fluentui/react-components';

/** A line of things pushed to both ends, wrapping on a narrow pane. */
export const spreadLine: GriffelStyle = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  justifyContent: 'space-between',
  columnGap: tokens.spacingHorizontalS,
  rowGap: tokens.spacingVerticalXS,
};

/** A row of buttons, wrapping on a narrow pane. */
export const buttonRow: GriffelStyle = {
  display: 'flex',
  flexWrap: 'wrap',
  columnGap: tokens.spacingHorizontalS,
  rowGap: tokens.spacingVerticalXS,
};
