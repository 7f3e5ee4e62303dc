#!/usr/bin/env bash
# System packages postshow needs on Debian/Ubuntu: ffmpeg (with libx264, libass, ebur128 and the
# pocketsphinx `asr` filter), pocketsphinx_continuous (word times and confidences) with the English
# model, espeak-ng (sample and test speech), Noto CJK fonts so Chinese captions render, Noto colour emoji
# (chat emoji in the workspace and its screenshots), Chromium (the page tests drive it through
# playwright-core, which downloads no browser of its own), and melt (MLT's
# renderer: the editor-export tests render the MLT playlist with it).
# Uses sudo only when not already root.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  ffmpeg pocketsphinx pocketsphinx-en-us pocketsphinx-testdata espeak-ng fonts-noto-cjk fonts-noto-color-emoji melt chromium ca-certificates >/dev/null
# Read the list whole: `grep -q` closing the pipe early would fail the check under pipefail.
filters="$(ffmpeg -hide_banner -filters 2>/dev/null)"
grep -q ' asr ' <<<"$filters" || { echo "ffmpeg lacks the asr filter (pocketsphinx)" >&2; exit 1; }
command -v pocketsphinx_continuous >/dev/null || { echo "pocketsphinx_continuous missing (package pocketsphinx)" >&2; exit 1; }
melt -version >/dev/null 2>&1 || { echo "melt does not run (package melt)" >&2; exit 1; }
chromium --headless --no-sandbox --disable-gpu --dump-dom "data:text/html,<p>ok</p>" 2>/dev/null | grep -q "<p>ok</p>" || { echo "headless chromium does not run (package chromium)" >&2; exit 1; }
echo "system packages ready: $(ffmpeg -version | head -n1)"
