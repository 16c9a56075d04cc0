import { createTheme, MultiSelect, PasswordInput, Select } from '@mantine/core';

// Mantine keeps closed dropdowns in the DOM, labelled like their input; unmounting them keeps every field's
// label pointing at exactly one element (what assistive tech and `getByLabel` expect).
const closedDropdownsUnmounted = { comboboxProps: { keepMounted: false } };

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    PasswordInput: PasswordInput.extend({
      // Mantine's default label ("Toggle password visibility") would also match a search for the "Password" field.
      defaultProps: { visibilityToggleButtonProps: { 'aria-label': 'Show or hide characters' } },
    }),
    Select: Select.extend({ defaultProps: closedDropdownsUnmounted }),
    MultiSelect: MultiSelect.extend({ defaultProps: closedDropdownsUnmounted }),
  },
});
