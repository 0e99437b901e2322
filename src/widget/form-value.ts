// The element's value in a <form>. Form mode: one File per version of every ready file, under
// `name[version]`, so a plain multipart POST carries them to any backend (Django's
// request.FILES.getlist('photo[thumbnail]'), PHP's $_FILES['photo'], Rails' params[:photo]).
// Upload mode: the upload ids of the files the receiver has, under `name`. And its validity: no
// submit while files are still worked on, nor without one when `required`.
import type { Entry } from './entry.ts';
import type { Translate } from './strings.ts';
import { IMAGE_EXTENSIONS as EXTENSIONS } from '../shared/image-extensions.ts';

/** `IMG_1.jpg` + `thumbnail` as WebP -> `IMG_1-thumbnail.webp`. */
export function versionFileName(source: string, version: string, type: string): string {
  const stem = source.replace(/\.[^.]*$/, '') || 'image';
  return `${stem}-${version}.${EXTENSIONS[type] ?? 'bin'}`;
}

/** Null (nothing submitted) without a name, as a native input without one. */
export function formValue(name: string, mode: 'upload' | 'form', entries: readonly Entry[]): FormData | null {
  if (!name) return null;
  const data = new FormData();
  for (const entry of entries) {
    if (mode === 'upload' && entry.state === 'uploaded' && entry.uploadId) data.append(name, entry.uploadId);
    if (mode !== 'form' || entry.state !== 'ready' || !entry.result) continue;
    for (const [version, variant] of Object.entries(entry.result.variants)) {
      // An original keeps the name the user knows it by.
      const fileName = variant.fingerprint ? versionFileName(entry.name, version, variant.type) : entry.name;
      data.append(`${name}[${version}]`, new File([variant.blob], fileName, { type: variant.type }));
    }
  }
  return data;
}

/** What holds a submit back. */
export interface FormState {
  mode: 'upload' | 'form';
  entries: readonly Entry[];
  /** Files are being processed, uploaded, or checked before they are listed. */
  pending: boolean;
  required: boolean;
}

/** The flags and message for `ElementInternals.setValidity`: none when the form may be submitted. */
export function formValidity(
  { mode, entries, pending, required }: FormState,
  t: Translate,
): [ValidityStateFlags, string?] {
  if (pending) return [{ customError: true }, t(mode === 'upload' ? 'waitUploading' : 'waitProcessing')];
  if (required && !entries.some((entry) => entry.state === 'ready' || entry.state === 'uploaded'))
    return [{ valueMissing: true }, t('required')];
  return [{}];
}
