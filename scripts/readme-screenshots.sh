#!/usr/bin/env bash
# The README's screenshots (images/screenshots/), taken from the real VS Code tests: run `npm run test:e2e` first
# (it saves what the user saw in test-output/e2e/), then this. Crops with ImageMagick (Debian's imagemagick).
# The screenshots stay out of the .vsix and the npm package (package.json "files"); vsce points the Marketplace's
# README at them in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
from=test-output/e2e
for f in 2-hover-card.png 3-add-non-root-user-menu.png; do [ -f "$from/$f" ] || { echo "no $from/$f: run npm run test:e2e first" >&2; exit 1; }; done
command -v convert >/dev/null || { echo "ImageMagick's convert is missing (apt-get install imagemagick)" >&2; exit 1; }
mkdir -p images/screenshots
# squiggles, a hover card and the Problems panel: the editor area without the activity bar and the empty right
convert "$from/2-hover-card.png" -crop 1390x1000+50+0 +repage -strip +dither -colors 96 -define png:compression-level=9 images/screenshots/hover-and-problems.png
# the quick-fix menu on the FROM line
convert "$from/3-add-non-root-user-menu.png" -crop 1090x260+350+0 +repage -strip +dither -colors 96 -define png:compression-level=9 images/screenshots/quick-fix.png
ls -l images/screenshots
