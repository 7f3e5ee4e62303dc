/**
 * A marketer's edits to a clip (`clips/{clipId}/edit.json`) and its review state (`clips/{clipId}/review.json`).
 * An edit holds every change asked for so far, merged: the clip stage renders the highlight with these laid
 * over it, from the recording, as the next version.
 */
import { z } from 'zod';
import { RUN_SETTINGS } from '../settings/runSettings.js';
import { readonlyArray, readonlyObject } from './basics.js';

/** What an edit may change. Absent fields keep the detector's (or the run's) value. */
export const clipChangesSchema = readonlyObject({
  /** The clip's window in recording seconds; anywhere inside the recording. */
  start: z.number().min(0).optional(),
  end: z.number().positive().optional(),
  title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
  description: z.string().max(2000, 'must be at most 2000 characters').optional(),
  hashtags: z.array(z.string().trim().min(1).max(100)).max(30, 'must be at most 30').readonly().optional(),
  /** Storage key of corrected captions (SRT), timed from the clip's start; trusted as the platform's captions are. */
  captions: z.string().optional(),
  captionStyle: RUN_SETTINGS.captionStyle.unwrap().optional(),
  aspects: RUN_SETTINGS.aspects,
  reframe: RUN_SETTINGS.reframe.unwrap().optional(),
  trim: RUN_SETTINGS.trim.unwrap().optional(),
});
export type ClipChanges = z.infer<typeof clipChangesSchema>;

/** One line of a clip's history: which version, when, and the fields it changed. */
export const clipHistoryEntrySchema = readonlyObject({
  version: z.number().int().min(1),
  at: z.iso.datetime(),
  changed: readonlyArray(z.string()),
});
export type ClipHistoryEntry = z.infer<typeof clipHistoryEntrySchema>;

/** How many history lines a clip keeps: enough to see what happened lately, not an audit log. */
export const CLIP_HISTORY_LENGTH = 10;

/** `clips/{clipId}/edit.json`: the version asked for and every change so far. */
export const clipEditSchema = readonlyObject({
  /** The run whose clip was edited: a re-run of the show starts from its own cut again. */
  runId: z.string(),
  version: z.number().int().min(2),
  changes: clipChangesSchema,
  history: readonlyArray(clipHistoryEntrySchema),
});
export type ClipEdit = z.infer<typeof clipEditSchema>;

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const reviewStatusSchema = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

/** `clips/{clipId}/review.json`: a marketer's verdict on a clip; absent means pending. */
export const clipReviewSchema = readonlyObject({
  status: reviewStatusSchema,
  note: z.string().max(1000).optional(),
  at: z.iso.datetime(),
  /** The clip version the verdict was given on; an edit after it sends the clip back to pending. */
  version: z.number().int().min(1),
});
export type ClipReview = z.infer<typeof clipReviewSchema>;
