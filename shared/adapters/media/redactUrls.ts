/**
 * Removes every URL's query string from ffmpeg's and ffprobe's output before it reaches an error message or a
 * log: a presigned S3 URL carries its signature and credentials there.
 */
export const redactUrls = (text: string): string => text.replace(/(https?:\/\/[^\s?'"]+)\?[^\s'"]*/gi, '$1');
