/**
 * Readers for what the editor exports write, so tests check numbers read back rather than strings:
 * a strict XML parse (sax in strict mode throws on anything not well-formed), FCPXML asset-clips,
 * MLT playlist entries and CMX 3600 event lines.
 */
import sax from 'sax';
import { type FrameRate, parseRationalTime, parseTimecode } from '../../shared/core/editorExport/index.js';

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Text directly inside the element (entities decoded). */
  text: string;
  /** Names of the enclosing elements, outermost first. */
  readonly ancestors: readonly string[];
}

/** Every element of a document in document order. @throws Error when the XML is not well-formed. */
export function xmlElements(xml: string): XmlElement[] {
  const parser = sax.parser(true, {});
  const elements: XmlElement[] = [];
  const open: XmlElement[] = [];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => {
    const attributes = Object.fromEntries(Object.entries(tag.attributes).map(([key, value]) => [key, String(value)]));
    const element: XmlElement = { name: tag.name, attributes, text: '', ancestors: open.map((parent) => parent.name) };
    elements.push(element);
    open.push(element);
  };
  parser.ontext = (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
  };
  parser.onclosetag = () => {
    open.pop();
  };
  parser.write(xml).close();
  return elements;
}

export interface FcpxmlClip {
  readonly name: string;
  /** Seconds. */
  readonly offset: number;
  readonly start: number;
  readonly duration: number;
  readonly markers: readonly { start: number; value: string }[];
}

/** The asset-clips of an FCPXML spine, times in seconds. */
export function fcpxmlClips(xml: string): FcpxmlClip[] {
  const clips: { name: string; offset: number; start: number; duration: number; markers: { start: number; value: string }[] }[] = [];
  for (const element of xmlElements(xml)) {
    const { attributes } = element;
    if (element.name === 'asset-clip') {
      clips.push({
        name: attributes.name ?? '',
        offset: parseRationalTime(attributes.offset ?? '0s'),
        start: parseRationalTime(attributes.start ?? '0s'),
        duration: parseRationalTime(attributes.duration ?? '0s'),
        markers: [],
      });
    } else if (element.name === 'marker' && element.ancestors.at(-1) === 'asset-clip') {
      clips.at(-1)?.markers.push({ start: parseRationalTime(attributes.start ?? '0s'), value: attributes.value ?? '' });
    }
  }
  return clips;
}

export interface MltEntry {
  readonly in: number;
  /** Inclusive, as MLT counts. */
  readonly out: number;
  readonly title: string;
}

/** The entries of an MLT document's playlists. */
export function mltEntries(xml: string): MltEntry[] {
  const entries: { in: number; out: number; title: string }[] = [];
  for (const element of xmlElements(xml)) {
    if (element.name === 'entry') entries.push({ in: Number(element.attributes.in), out: Number(element.attributes.out), title: '' });
    const entry = entries.at(-1);
    if (element.name === 'property' && element.attributes.name === 'postshow:title' && element.ancestors.at(-1) === 'entry' && entry) entry.title = element.text;
  }
  return entries;
}

export interface EdlEvent {
  readonly number: number;
  readonly reel: string;
  readonly channels: string;
  /** Frame indexes (timecodes converted back at the list's rate); out points exclusive. */
  readonly sourceIn: number;
  readonly sourceOut: number;
  readonly recordIn: number;
  readonly recordOut: number;
  readonly comments: string[];
}

/** The cut events of a CMX 3600 list and the comment lines under each. */
export function edlEvents(edl: string, rate: FrameRate): EdlEvent[] {
  const events: EdlEvent[] = [];
  for (const line of edl.split('\n')) {
    const event = /^(\d{3})\s+(\S+)\s+(\S+)\s+C\s+(\S+) (\S+) (\S+) (\S+)$/.exec(line);
    if (event) {
      const [sourceIn, sourceOut, recordIn, recordOut] = event.slice(4, 8).map((timecode) => parseTimecode(timecode ?? '', rate)) as [number, number, number, number];
      events.push({ number: Number(event[1]), reel: event[2] ?? '', channels: event[3] ?? '', sourceIn, sourceOut, recordIn, recordOut, comments: [] });
    } else if (line.startsWith('* ')) {
      events.at(-1)?.comments.push(line.slice(2));
    }
  }
  return events;
}
