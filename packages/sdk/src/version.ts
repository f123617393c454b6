/** The version of this SDK, as it reports it (`sdkVersion`) and as `minSdkVersion` compares it. */
export const SDK_VERSION = '1.0.0';
