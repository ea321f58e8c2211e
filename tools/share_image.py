"""Draw the image that links to the site show when shared (Open Graph and Twitter cards):
templates/static/share.png, 1200 x 630 pixels (the size social networks crop to), the site's emblem
(the two linked rings of templates/static/icon.svg) on its green, with no words, so that one image
serves every language. Deterministic: the same pixels on every run; the PNG is committed.

Run: python tools/share_image.py [--out templates/static/share.png]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1200, 630
GREEN, GOLD, WHITE = (11, 110, 79), (242, 193, 78), (255, 255, 255)
SCALE = 4  # drawn at four times the size and reduced, for smooth edges


def draw() -> Image.Image:
    w, h = WIDTH * SCALE, HEIGHT * SCALE
    image = Image.new("RGB", (w, h), GREEN)
    pen = ImageDraw.Draw(image)
    # The icon's proportions (a 32-unit square: rings of radius 7.5 at x 12 and 20, stroke 2.6),
    # scaled so that the rings take the middle of the card.
    unit = h / 32 * 0.78
    cy = h / 2
    for cx, colour in ((w / 2 - 4 * unit, GOLD), (w / 2 + 4 * unit, WHITE)):
        r, stroke = 7.5 * unit, 2.6 * unit
        pen.ellipse((cx - r - stroke / 2, cy - r - stroke / 2, cx + r + stroke / 2, cy + r + stroke / 2),
                    outline=colour, width=round(stroke))
    return image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "templates" / "static" / "share.png")
    args = parser.parse_args()
    # No metadata chunks (no dates): the same bytes for the same pixels.
    draw().save(args.out, format="PNG", optimize=True)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
