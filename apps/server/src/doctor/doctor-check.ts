/** The outcome of one `ward doctor` check. */
export interface DoctorCheck {
  readonly ok: boolean;
  /** What was checked: `Database`, `TLS certificate`. */
  readonly title: string;
  /** What was found, or what is wrong and what to do. */
  readonly detail: string;
}

/** A passed check. */
export const passed = (title: string, detail: string): DoctorCheck => ({ ok: true, title, detail });
/** A failed check. */
export const failed = (title: string, detail: string): DoctorCheck => ({ ok: false, title, detail });
