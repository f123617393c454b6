/** One installed program or package, as a corporate device reports it. */
export interface InstalledSoftware {
  readonly name: string;
  readonly version: string;
  /** Where it came from: dpkg, rpm, flatpak, snap, app (macOS), msi/registry (Windows). */
  readonly source: string;
}
