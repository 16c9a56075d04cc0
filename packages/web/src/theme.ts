import {
  CloseButton,
  ColorInput,
  ColorPicker,
  createTheme,
  darken,
  DEFAULT_THEME,
  Drawer,
  Input,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  Modal,
  MultiSelect,
  Notification,
  PasswordInput,
  SegmentedControl,
  Select,
} from '@mantine/core';
import { contrastRatio } from '@parley/protocol';
import type { MessageKey } from './i18n';
import classes from './theme.module.css';

/**
 * The manager UI's look, and the one place where its colours are made to pass WCAG 2.2 AA: every text colour
 * Mantine derives from a palette (filled buttons and badges use shade 8, text in a colour uses it too, light
 * badges shade 9 on shade 1) reaches 4.5:1 on the lightest greys the pages use, and dimmed text is dark enough.
 */

/** The darkest background that text sits on in the app (gray.1: sections, the chat list, system bubbles). */
const GREY_BACKGROUND = DEFAULT_THEME.colors.gray[1];
const TARGET = 4.6;

/** Darkens a shade just enough that text in it (or white text on it) reaches the target on `background`. */
function readable(shade: string, background: string): string {
  let colour = shade;
  for (let step = 0; step < 40 && contrastRatio(colour, background) < TARGET; step++)
    colour = darken(colour, 0.04);
  return colour;
}

function readablePalette(palette: MantineColorsTuple): MantineColorsTuple {
  const shades = [...palette];
  shades[8] = readable(shades[8]!, GREY_BACKGROUND);
  // Light variants: shade 9 text on a shade 1 background.
  shades[9] = readable(shades[9]!, shades[1]!);
  if (contrastRatio(shades[9]!, GREY_BACKGROUND) < TARGET) shades[9] = readable(shades[9]!, GREY_BACKGROUND);
  return shades as unknown as MantineColorsTuple;
}

const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors).map(([name, palette]) => [
    name,
    name === 'dark' ? palette : readablePalette(palette),
  ]),
);

/** Dimmed text: gray.7 passes on every background of the app (gray.6 had 3.2:1). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-8)',
  },
  dark: {},
});

// Mantine keeps closed dropdowns in the DOM, labelled like their input; unmounting them keeps every field's
// label pointing at exactly one element (what assistive tech and `getByLabel` expect).
const closedDropdownsUnmounted = { comboboxProps: { keepMounted: false } };

/** The theme in the user's language: Mantine's own buttons (close, eyedropper, …) get names from it. */
export function buildTheme(t: (key: MessageKey) => string) {
  const close = { 'aria-label': t('common.close') };
  return createTheme({
    colors,
    primaryColor: 'indigo',
    primaryShade: 8,
    // Text on filled yellow, lime, … is black where white would not be readable.
    autoContrast: true,
    defaultRadius: 'sm',
    cursorType: 'pointer',
    components: {
      PasswordInput: PasswordInput.extend({
        // Mantine's default label ("Toggle password visibility") would also match a search for the "Password" field.
        defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.showHideCharacters') } },
      }),
      Input: Input.extend({ classNames: { input: classes.input } }),
      SegmentedControl: SegmentedControl.extend({ classNames: { label: classes.segmentLabel } }),
      Select: Select.extend({ defaultProps: closedDropdownsUnmounted }),
      MultiSelect: MultiSelect.extend({ defaultProps: closedDropdownsUnmounted }),
      Modal: Modal.extend({ defaultProps: { closeButtonProps: close } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps: close } }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps: close } }),
      CloseButton: CloseButton.extend({ defaultProps: close }),
      ColorInput: ColorInput.extend({
        defaultProps: {
          eyeDropperButtonProps: {
            'aria-label': t('common.pickColourFromScreen'),
            title: t('common.pickColourFromScreen'),
          },
        },
      }),
      // The picker inside ColorInput reads its sliders' names from here.
      ColorPicker: ColorPicker.extend({
        defaultProps: {
          saturationLabel: t('common.colourSaturation'),
          hueLabel: t('common.colourHue'),
          alphaLabel: t('common.colourAlpha'),
        },
      }),
    },
  });
}
