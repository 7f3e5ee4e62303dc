#!/usr/bin/env bash
# System packages postshow needs on Debian/Ubuntu: ffmpeg (with libx264, libass, ebur128 and the
# pocketsphinx `asr` filter), pocketsphinx_continuous (word times and confidences) with the English
# model, espeak-ng (sample and test speech), and Noto CJK fonts so Chinese captions render.
# Uses sudo only when not already root.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  ffmpeg pocketsphinx pocketsphinx-en-us pocketsphinx-testdata espeak-ng fonts-noto-cjk ca-certificates >/dev/null
# Read the list whole: `grep -q` closing the pipe early would fail the check under pipefail.
filters="$(ffmpeg -hide_banner -filters 2>/dev/null)"
grep -q ' asr ' <<<"$filters" || { echo "ffmpeg lacks the asr filter (pocketsphinx)" >&2; exit 1; }
command -v pocketsphinx_continuous >/dev/null || { echo "pocketsphinx_continuous missing (package pocketsphinx)" >&2; exit 1; }
echo "system packages ready: $(ffmpeg -version | head -n1)"
