import { bundleSections, type BundleSection, type Failure } from '@ward/core';
import { lineColumnOf, locateField } from './locate-field.js';
import { profileFieldInFile } from './policy-file-layout.js';
import { isUnknownField, type BundleOrigin } from './policy-files-to-bundle.js';
import type { PolicyProblem } from './policy-problem.js';

/** What a core refusal points at, when it names a bundle object. */
export interface FailureTarget {
  readonly section: BundleSection;
  readonly index: number;
}

function targetOf(details: Readonly<Record<string, unknown>> | undefined): FailureTarget | undefined {
  const section = details?.section;
  const index = details?.index;
  if (typeof section !== 'string' || !(bundleSections as readonly string[]).includes(section) || typeof index !== 'number') return undefined;
  return { section: section as BundleSection, index };
}

/**
 * The field a core refusal is about, as a path below the object. Validators put it in
 * `details.field`; a setting refused by the catalog names only the setting, which sits in the
 * profile's `body.settings`.
 */
function fieldOf(failure: Failure, section: BundleSection): string {
  const field = failure.details?.field;
  if (typeof field === 'string') return field;
  const setting = failure.details?.setting;
  if (section === 'profiles' && typeof setting === 'string') return `body.settings.${setting}`;
  return '';
}

/**
 * The core prefixes a located message with the object (`profiles[2] "Wi-Fi" (profiles/wifi.yaml:1): `);
 * the file position says that better, so it is dropped.
 */
function bareMessage(message: string): string {
  return message.replace(/^[A-Za-z]+\[\d+\](?: "(?:[^"\\]|\\.)*")?(?: \([^)]*:\d+\))?: /, '');
}

/**
 * A core refusal as a problem at the file, line and column of the field it names: the object's
 * origin gives the file and node, the failure's field path is followed down the YAML nodes.
 * Undefined when the failure is not about one object of the bundle (a write conflict, say).
 */
export function locateBundleFailure(failure: Failure, origins: Readonly<Record<BundleSection, readonly BundleOrigin[]>>): PolicyProblem | undefined {
  const target = targetOf(failure.details);
  if (target === undefined) return undefined;
  const origin = origins[target.section][target.index];
  if (origin === undefined) return undefined;
  return problemAt(origin, target.section, fieldOf(failure, target.section), bareMessage(failure.message), failure.code);
}

/** A problem at a bundle object's field (given as the API names it). */
export function problemAt(origin: BundleOrigin, section: BundleSection, apiField: string, message: string, code?: string): PolicyProblem {
  const inFile = origin.toFilePath(section === 'profiles' ? profileFieldInFile(apiField) : apiField);
  const { line, column } = lineColumnOf(origin.file.lines, locateField(origin.node, inFile, isUnknownField(message) ? 'key' : 'value'));
  // Validators start their message with the field path; say it as the file does.
  const text = apiField !== '' && inFile !== apiField && message.startsWith(`${apiField}: `) ? `${inFile === '' ? 'this entry' : inFile}: ${message.slice(apiField.length + 2)}` : message;
  return { file: origin.file.path, line, column, message: text, ...(code === undefined ? {} : { code }) };
}
