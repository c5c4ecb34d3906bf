//go:build ignore

// Icons draws the installable portal's icons from the brand mark of
// public/favicon.svg (a white "D" stroked on a blue rounded square, on a
// 32-unit grid), so they need no image tool:
//
//	go run portal/scripts/icons.go   # from the module root; writes portal/public/icons/
//
// icon-192.png and icon-512.png are the mark as the favicon draws it;
// maskable-512.png fills the whole square with blue and keeps the "D"
// inside the safe zone launchers may crop to (the central circle of 80 %);
// apple-touch-icon.png is that at 180 px (iOS rounds the corners itself);
// badge-96.png is the "D" alone in white, for the notification bar.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
	"path/filepath"
)

var blue = color.NRGBA{0x1d, 0x4e, 0xd8, 0xff}

// inD reports whether (x, y), in the favicon's 32 units, is on the "D"
// stroke: the path M9 8h7a8 8 0 0 1 0 16H9z stroked 3 wide with mitred
// corners, which is the path grown by 1.5 less the path shrunk by 1.5.
func inD(x, y float64) bool {
	shape := func(grow float64) bool {
		if y < 8-grow || y > 24+grow || x < 9-grow {
			return false
		}
		if x <= 16 {
			return true
		}
		return math.Hypot(x-16, y-16) <= 8+grow
	}
	return shape(1.5) && !shape(-1.5)
}

// inRoundedSquare reports whether (x, y) is inside the 32-unit square
// with corners of radius r.
func inRoundedSquare(x, y, r float64) bool {
	if x < 0 || y < 0 || x > 32 || y > 32 {
		return false
	}
	cx := math.Max(r, math.Min(32-r, x))
	cy := math.Max(r, math.Min(32-r, y))
	return math.Hypot(x-cx, y-cy) <= r
}

// draw renders size×size pixels, 4×4 samples each: background says whether
// a point (in 32 units) is blue, mark whether it is white, and scale
// shrinks the mark about the centre.
func draw(size int, background func(x, y float64) bool, scale float64) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const n = 4
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var bg, fg int
			for sy := 0; sy < n; sy++ {
				for sx := 0; sx < n; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/n) * 32 / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/n) * 32 / float64(size)
					mx, my := 16+(x-16)/scale, 16+(y-16)/scale
					switch {
					case inD(mx, my):
						fg++
					case background != nil && background(x, y):
						bg++
					}
				}
			}
			total := float64(n * n)
			a := float64(bg+fg) / total
			if a == 0 {
				continue
			}
			// White over blue, by coverage.
			mix := func(c uint8) uint8 {
				return uint8(math.Round((float64(c)*float64(bg) + 255*float64(fg)) / float64(bg+fg)))
			}
			img.SetNRGBA(px, py, color.NRGBA{mix(blue.R), mix(blue.G), mix(blue.B), uint8(math.Round(a * 255))})
		}
	}
	return img
}

func write(dir, name string, img image.Image) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		log.Fatal(err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func main() {
	dir := filepath.Join("portal", "public", "icons")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	rounded := func(x, y float64) bool { return inRoundedSquare(x, y, 6) }
	full := func(x, y float64) bool { return true }
	write(dir, "icon-192.png", draw(192, rounded, 1))
	write(dir, "icon-512.png", draw(512, rounded, 1))
	// The "D" reaches 12.7 units from the centre; the safe zone is 12.8.
	write(dir, "maskable-512.png", draw(512, full, 0.8))
	write(dir, "apple-touch-icon.png", draw(180, full, 0.9))
	write(dir, "badge-96.png", draw(96, nil, 1.2))
}
