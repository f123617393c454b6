import type { AppRegistration, AppRegistrationView } from './model.js';

/** A registration without its key share: what admins, audit events and logs may see. */
export function viewOf(registration: AppRegistration): AppRegistrationView {
  const { keyShare: _keyShare, ...view } = registration;
  return view;
}
