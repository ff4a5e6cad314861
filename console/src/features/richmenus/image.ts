// The menu image, checked in the browser before it is uploaded: JPEG or PNG, at
// most 1 MB, exactly the menu's size (the API checks the same and answers 413/415/422).
import type { MenuSize } from "../../api/models";

export const MAX_IMAGE_BYTES = 1024 * 1024;
export const IMAGE_TYPES = ["image/png", "image/jpeg"];

export type ImageProblem =
  | { key: "type" }
  | { key: "bytes" }
  | { key: "unreadable" }
  | { key: "size"; params: { width: number; height: number; menuWidth: number; menuHeight: number } };

/** What is wrong with an image file for a menu of `size`, or null. */
export function imageProblem(file: { type: string; size: number }, dims: MenuSize | null, size: MenuSize): ImageProblem | null {
  if (!IMAGE_TYPES.includes(file.type)) return { key: "type" };
  if (file.size > MAX_IMAGE_BYTES) return { key: "bytes" };
  if (!dims) return { key: "unreadable" };
  if (dims.width !== size.width || dims.height !== size.height)
    return { key: "size", params: { width: dims.width, height: dims.height, menuWidth: size.width, menuHeight: size.height } };
  return null;
}

/** The pixel size of an image file (null when the browser cannot read it). */
export async function imageSize(file: Blob): Promise<MenuSize | null> {
  try {
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return null;
  }
}
