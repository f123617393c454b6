import type { Answer } from '../api/types';

// The portal's own API answers (`/api/v1/me/*`), named once for its pages.
export type MyAccount = Answer<'getMyAccount'>;
export type MyDevice = Answer<'listMyDevices'>['items'][number];
export type MyDeviceDetail = Answer<'getMyDevice'>;
export type MyDeviceCompliance = Answer<'explainMyDeviceCompliance'>;
export type MyRule = MyDeviceCompliance['policies'][number]['rules'][number];
export type MyEnrollment = Answer<'createMyEnrollment', 201>;
