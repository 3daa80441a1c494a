/** A Teams-like host config (light theme): Segoe UI, Teams' brand and status colours, compact spacing. */
export const TEAMS_HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E1DFDD' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: {
      default: { default: '#242424', subtle: '#616161' }, accent: { default: '#5B5FC7', subtle: '#5B5FC7' },
      attention: { default: '#C4314B', subtle: '#C4314B' }, good: { default: '#237B4B', subtle: '#237B4B' }, warning: { default: '#835C00', subtle: '#835C00' },
    } },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: { default: { default: '#242424', subtle: '#616161' } } },
    good: { backgroundColor: '#E7F2DA' }, attention: { backgroundColor: '#FCF4F6' }, warning: { backgroundColor: '#FBF6D9' }, accent: { backgroundColor: '#E8EBFA' },
  },
  actions: { maxActions: 6, buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left', showCard: { actionMode: 'inline' } },
  table: { cellSpacing: 6 },
};
