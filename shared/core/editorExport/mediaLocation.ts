/**
 * The recording's location in the two forms editors take: a `file://` URL (FCPXML) and a plain path
 * (MLT, EDL comments). Pure string work: no file system access.
 */

/** `/shows/a b/秀.mp4` to `file:///shows/a%20b/%E7%A7%80.mp4`; a `file://` URL is returned as is. */
export function fileUrlOf(location: string): string {
  if (location.startsWith('file://')) return location;
  const windowsDrive = /^([A-Za-z]:)[\\/]/.exec(location);
  const path = windowsDrive ? `/${windowsDrive[1]}/${location.slice(3)}`.replace(/\\/g, '/') : location;
  // Encode each segment whole: `#`, `?` and `%` in a file name would otherwise end or corrupt the URL.
  const encoded = path
    .split('/')
    .map((segment, index) => (windowsDrive && index === 1 ? segment : encodeURIComponent(segment)))
    .join('/');
  return `file://${encoded}`;
}

/** The file system path of a location given as a path or a `file://` URL. */
export function filePathOf(location: string): string {
  if (!location.startsWith('file://')) return location;
  const path = decodeURIComponent(new URL(location).pathname);
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

/** The file name at the end of a path or URL. */
export function fileNameOf(location: string): string {
  const path = filePathOf(location);
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
