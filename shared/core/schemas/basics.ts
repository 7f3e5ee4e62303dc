/**
 * Building blocks of the stored shapes. Objects and arrays are read-only, like the domain types always
 * were: a parsed artifact is a record of what a stage wrote, not a scratch pad.
 */
import { z } from 'zod';

/** An object schema whose parsed value (and inferred type) is read-only. */
export const readonlyObject = <Shape extends z.ZodRawShape>(shape: Shape) => z.object(shape).readonly();

/** An array schema whose parsed value (and inferred type) is a read-only array. */
export const readonlyArray = <Item extends z.ZodType>(item: Item) => z.array(item).readonly();

/** Languages the core understands. `auto` is resolved to one of these at ingest. */
export const languageSchema = z.enum(['en', 'zh']);
export type Language = z.infer<typeof languageSchema>;

/** Fields of a half-open interval [start, end) in seconds, for shapes that extend it. */
export const timeRangeShape = { start: z.number(), end: z.number() };

/** A half-open interval [start, end) in seconds. */
export const timeRangeSchema = readonlyObject(timeRangeShape);
export type TimeRange = z.infer<typeof timeRangeSchema>;

/** Where a line of text came from: the host's speech or the audience's chat. */
export const textSourceSchema = z.enum(['speech', 'chat']);
