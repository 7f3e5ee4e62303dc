/** Options every editor export takes. */
export interface EditorExportOptions {
  /** Name of the edit (FCPXML project, EDL `TITLE:`, MLT title). @default "<recording name> clips" */
  readonly title?: string;
}

/** The edit's name: the option, or the recording's name with " clips". */
export function exportTitle(recordingName: string, options: EditorExportOptions): string {
  return options.title?.trim() || `${recordingName} clips`;
}

/** The name of one event: the clip's title, with "(2/3)" when it is one of a trimmed clip's kept spans. */
export function eventName(title: string, part: number, parts: number): string {
  return parts > 1 ? `${title} (${part + 1}/${parts})` : title;
}
