import type { AccountMessages } from './account.vi';

/** English strings of the account screens; typed against the Vietnamese source. */
export const accountEn: AccountMessages = {
  open: 'Change password',
  title: 'Change password',
  required:
    'An administrator set your password. Choose a password of your own before using the system.',
  current: 'Current password',
  next: 'New password',
  repeat: 'Repeat the new password',
  policy: 'At least {{min}} characters, not the username, not a common password.',
  problemsLabel: 'The new password does not meet the rules',
  acceptable: 'The new password meets the rules.',
  mismatch: 'The two new passwords differ.',
  currentMissing: 'Type your current password.',
  submit: 'Change password',
  cancel: 'Cancel',
  done: 'Your password was changed. Your other sessions were signed out.',
  failed: 'Could not change the password',
  errors: {
    wrong_password: 'The current password is not right.',
    same_password: 'The new password must differ from the current one.',
    weak_password: 'The new password does not meet the rules.',
  },
};
